// Settings of the fast-check property tests (src/sync-client.property.test.ts), from the
// environment: FC_RUNS (default 200), FC_SEED and FC_PATH (replay a failure as printed),
// FC_SHRINK=1 (shrink a failure; slow), FC_PURGE=0 (leave out the tombstone purges),
// FC_DEADLINE_MS (real time one run may take before it counts as hung; default 120 s).
export interface PropertySettings {
  runs: number;
  seed: number | undefined;
  path: string | undefined;
  shrink: boolean;
  purge: boolean;
  deadlineMs: number;
}

export function propertySettings(defaultRuns = 200): PropertySettings {
  const env = process.env;
  return {
    runs: env.FC_RUNS ? Number(env.FC_RUNS) : defaultRuns,
    seed: env.FC_SEED === undefined ? undefined : Number(env.FC_SEED),
    path: env.FC_PATH,
    shrink: env.FC_SHRINK === '1',
    purge: env.FC_PURGE !== '0',
    deadlineMs: env.FC_DEADLINE_MS ? Number(env.FC_DEADLINE_MS) : 120_000,
  };
}
