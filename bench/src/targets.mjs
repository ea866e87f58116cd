// Issue 17's targets, judged from one run's results: each is hit or missed with the measured
// ratio, or "not run" when its workload was not in this invocation.

const x = (r) => `${r.toFixed(2)}×`;
const pct = (r) => `${(r * 100).toFixed(1)} %`;

/** Each target: its workload, and from that workload's result the measured value and verdict. */
export const TARGETS = [
  {
    target: "W7 writers: 16 facilities ≥ 5× one facility's single client (changes/s, one instance)",
    workload: 'W7',
    judge: ({ writers }) => {
      const [one, sixteen] = [writers[1][1], writers[1][16]];
      const r = sixteen.changesPerSecond / one.changesPerSecond;
      return {
        hit: r >= 5,
        measured: `${x(r)} (${sixteen.changesPerSecond.toFixed(0)} / ${one.changesPerSecond.toFixed(0)} changes/s)`,
      };
    },
  },
  {
    target: 'W7 writers: two API instances ≥ 1.5× one instance at 64 clients',
    workload: 'W7',
    judge: ({ writers }) => {
      const [one, two] = [writers[1][64], writers[2][64]];
      const r = two.changesPerSecond / one.changesPerSecond;
      return {
        hit: r >= 1.5,
        measured: `${x(r)} (${two.changesPerSecond.toFixed(0)} / ${one.changesPerSecond.toFixed(0)} changes/s)`,
      };
    },
  },
  {
    target: 'W7 writers: lock waits < 5 % of upload time (worst writer run)',
    workload: 'W7',
    judge: ({ writers }) => {
      const runs = Object.values(writers).flatMap((byClients) => Object.values(byClients));
      const worst = runs.reduce((a, b) => (b.lockWaitShare > a.lockWaitShare ? b : a));
      return {
        hit: worst.lockWaitShare < 0.05,
        measured: `${pct(worst.lockWaitShare)} (${worst.clients} clients, ${worst.instances} instance${worst.instances === 1 ? '' : 's'})`,
      };
    },
  },
  {
    target: 'W7 reads: each figure at 100 facilities within 1.2× of 1 facility',
    workload: 'W7',
    judge: ({ reads }) => {
      const counts = Object.keys(reads).map(Number);
      const [few, many] = [reads[Math.min(...counts)], reads[Math.max(...counts)]];
      const ratios = ['firstSync', 'pull', 'upload'].map((k) => [
        k,
        many[k].median / few[k].median,
      ]);
      return {
        hit: ratios.every(([, r]) => r <= 1.2),
        measured: `${ratios.map(([k, r]) => `${k} ${x(r)}`).join(', ')} (${Math.max(...counts)} vs ${Math.min(...counts)} facilities)`,
      };
    },
  },
  {
    target: 'W4 throughput ≥ 0.6× raw',
    workload: 'W4',
    judge: ({ ours, raw }) => {
      const r = ours.rps / raw.rps;
      return {
        hit: r >= 0.6,
        measured: `${x(r)} (${ours.rps.toFixed(0)} / ${raw.rps.toFixed(0)} req/s)`,
      };
    },
  },
  {
    target: 'W4 p99 ≤ 1.5× raw p99',
    workload: 'W4',
    judge: ({ ours, raw }) => {
      const r = ours.p99 / raw.p99;
      return { hit: r <= 1.5, measured: `${x(r)} (${ours.p99} / ${raw.p99} ms)` };
    },
  },
  {
    target: 'W3 ≤ 2× raw (0 % and 10 % conflicting)',
    workload: 'W3',
    judge: (w3) => ratiosOf(w3, 2, (share) => `${share * 100} %`),
  },
  {
    target: 'W2 ≤ 1.5× raw (each size)',
    workload: 'W2',
    judge: (w2) => ratiosOf(w2, 1.5, (n) => `${n} changes`),
  },
  {
    target: 'W1 ≤ 1.2× raw',
    workload: 'W1',
    judge: ({ summary: s }) => {
      const r = s.ours.median / s.raw.median;
      return { hit: r <= 1.2, measured: x(r) };
    },
  },
  {
    target: 'W1 ≥ 2.5× faster than RxDB (at full scale)',
    workload: 'W1',
    judge: ({ summary: s }, { scale }) => {
      const r = s.rxdb.median / s.ours.median;
      return {
        hit: r >= 2.5,
        measured: `${x(r)}${scale === 1 ? '' : ` (at scale ${scale}: the target is for scale 1)`}`,
      };
    },
  },
  {
    target: 'W5 (2G first sync) ≤ 1.3× the brotli floor',
    workload: 'W5',
    judge: ({ ratio }) => ({ hit: ratio <= 1.3, measured: x(ratio) }),
  },
  {
    target: 'Browser load ≤ 1.3× the IndexedDB floor',
    workload: 'browser',
    judge: ({ apply }) => {
      const r = apply.ms / apply.floorMs;
      return { hit: r <= 1.3, measured: x(r) };
    },
  },
];

/** W2 and W3: ours over raw per variant (keyed by size or conflict share), hit when all are. */
function ratiosOf(result, limit, label) {
  const ratios = Object.entries(result).map(([k, s]) => [
    label(Number(k)),
    s.ours.median / s.raw.median,
  ]);
  return {
    hit: ratios.every(([, r]) => r <= limit),
    measured: ratios.map(([k, r]) => `${x(r)} at ${k}`).join(', '),
  };
}

/** [target, status, measured] for every target; `workloads` is the run's results by name. */
export function targetRows(workloads, config = {}) {
  return TARGETS.map(({ target, workload, judge }) => {
    const result = workloads[workload];
    if (!result) return [target, 'not run', ''];
    const { hit, measured } = judge(result, config);
    return [target, hit ? '**hit**' : 'missed', measured];
  });
}

export function targetsTable(workloads, config) {
  let md = '| target (issue 17) | status | measured |\n|---|---|---|\n';
  for (const row of targetRows(workloads, config)) md += `| ${row.join(' | ')} |\n`;
  return md;
}
