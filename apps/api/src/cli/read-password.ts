import { Password } from '@healthsync/contracts';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { CliError } from './run-command';

/**
 * Reads a new password: typed twice at a hidden prompt when stdin is a terminal, else the first
 * line of stdin (`printf '%s\n' "$PASSWORD" | pnpm user:create …`). Never from the command line,
 * where it would stay in the shell history and show in process lists. Checked against the
 * accounts' password policy (contracts `Password`).
 */
export async function readNewPassword(input: NodeJS.ReadStream = process.stdin): Promise<string> {
  const password = input.isTTY ? await promptTwice(input) : await firstLine(input);
  const checked = Password.safeParse(password);
  if (!checked.success)
    throw new CliError(`password: ${checked.error.issues.map((i) => i.message).join(' ')}`);
  return checked.data;
}

async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  if (!line) throw new CliError('password: expected the password on the first line of stdin.');
  return line;
}

async function promptTwice(input: NodeJS.ReadStream): Promise<string> {
  let muted = false;
  // The terminal echoes what is typed through this stream: drop it while a password is typed.
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const prompt = createInterface({ input, output, terminal: true });
  const ask = async (question: string) => {
    process.stderr.write(question);
    muted = true;
    const line = await prompt.question('');
    muted = false;
    process.stderr.write('\n');
    return line;
  };
  try {
    const first = await ask('New password (at least 10 characters): ');
    const second = await ask('Repeat it: ');
    if (first !== second) throw new CliError('password: the two entries differ.');
    return first;
  } finally {
    prompt.close();
  }
}
