// Running systems side by side: bounded steps, interleaved rounds.
import { fmtMs } from './stats.mjs';

/** Bounds a step: a peer's replication that never settles must not hang the bench. */
export async function withTimeout(what, ms, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs each system once per round, rotating which goes first (A B C D, B C D A, …). */
export async function interleave(systems, rounds, log) {
  const out = Object.fromEntries(systems.map(([name]) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < systems.length; i++) {
      const [name, fn] = systems[(i + r) % systems.length];
      const res = await withTimeout(name, 300_000, fn(r));
      out[name].push(res);
      log(`  round ${r + 1}/${rounds} ${name}: ${fmtMs(res.ms)}`);
    }
  }
  return out;
}
