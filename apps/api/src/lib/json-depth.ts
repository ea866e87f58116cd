/**
 * Finds where JSON text nests deeper than a bound, in one pass over the text and without building
 * anything: a request nested thousands of levels deep is refused before JSON.parse, the schemas or
 * any recursive walk (each of which would overflow the stack) see it. Not a validator: text that
 * is not JSON passes here and JSON.parse refuses it.
 */

type Frame = { kind: 'object'; key: string } | { kind: 'array'; index: number };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

/** The index of the quote that closes the string opening at `start` (text.length if none). */
function stringEnd(text: string, start: number): number {
  let at = start;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

function keyOf(quoted: string): string {
  try {
    return String(JSON.parse(quoted));
  } catch {
    return quoted.slice(1, -1);
  }
}

/** Segments shown when naming a field: enough to find it, short enough to read. */
const SHOWN_SEGMENTS = 8;

/**
 * The field holding the first value nested deeper than `maxDepth` (a dotted path such as
 * `data.component`; `body` when it is the body itself), or undefined when the text stays within.
 */
export function tooDeepField(text: string, maxDepth: number): string | undefined {
  const frames: Frame[] = [];
  let lastString = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      lastString = text.slice(i, end + 1);
      i = end;
      continue;
    }
    const top = frames[frames.length - 1];
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (frames.length >= maxDepth) return fieldOf(frames);
      frames.push(c === OPEN_OBJECT ? { kind: 'object', key: '' } : { kind: 'array', index: 0 });
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      frames.pop();
    } else if (c === COLON && top?.kind === 'object') {
      top.key = keyOf(lastString);
    } else if (c === COMMA && top?.kind === 'array') {
      top.index++;
    }
  }
  return undefined;
}

/** The path down to the too-deep value, cut after its last named segment within the first few. */
function fieldOf(frames: Frame[]): string {
  const segments = frames
    .slice(0, SHOWN_SEGMENTS)
    .map((frame) => (frame.kind === 'object' ? frame.key : String(frame.index)));
  const lastNamed = frames
    .slice(0, SHOWN_SEGMENTS)
    .findLastIndex((frame) => frame.kind === 'object');
  return (lastNamed < 0 ? '' : segments.slice(0, lastNamed + 1).join('.')) || 'body';
}
