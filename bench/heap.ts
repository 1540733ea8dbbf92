/**
 * Peak extra heap per call, run by bench/columnar.ts as
 * `node --expose-gc --min-semi-space-size=512 --max-semi-space-size=512 --import tsx bench/heap.ts`.
 * With a 512 MB young generation no scavenge runs during one call, so after a full `gc()` the
 * growth of `heapUsed` (plus `arrayBuffers`, where typed arrays live) across the call is every
 * byte the call allocated: an upper bound of its peak extra heap (what it held at its worst).
 * Prints a Markdown table.
 */
import { call } from '../test/support/code';
import { generateWorkbook } from '../test/support/generate';
import { NOW, realm } from './columnar';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const g = generateWorkbook(Number(process.env.BENCH_DASHBOARD ?? 100_000), NOW);
const FUNCTIONS: [string, boolean][] = [
  ['PIPELINE_COUNT', false],
  ['PIPELINE_WINRATE', false],
  ['PIPELINE_AVG_DEAL', false],
  ['PIPELINE_STALLED_COUNT', false],
  ['PIPELINE_STALLED', false],
  ['PIPELINE_FORECAST', false],
  ['PIPELINE_SUMMARY', false],
  ['PIPELINE_FUNNEL', true],
  ['PIPELINE_CONVERSION', true],
  ['PIPELINE_CHECK', false],
];
const ARGS: Record<string, unknown[]> = { PIPELINE_CONVERSION: ['Proposal', 'Won'] };

const lines = [
  `${(g.deals.length - 1).toLocaleString('en-US')} deals, ${(g.history.length - 1).toLocaleString('en-US')} History rows. MB allocated during one call (after a warm-up call and a full gc; no GC can run inside it), median of 3:\n`,
  '| function | MB allocated (≥ peak extra) | ≤ 20 MB |',
  '| --- | --- | --- |',
];
for (const [name, history] of FUNCTIONS) {
  const r = realm();
  const args = [
    ...(history ? [r.adopt(g.deals), r.adopt(g.history)] : [r.adopt(g.deals)]),
    ...(ARGS[name] ?? []),
  ];
  const samples: number[] = [];
  call(r.ctx, name, ...args);
  for (let i = 0; i < 3; i++) {
    gc();
    gc();
    const before = process.memoryUsage();
    call(r.ctx, name, ...args);
    const after = process.memoryUsage();
    samples.push(after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers));
  }
  samples.sort((a, b) => a - b);
  const mb = samples[1]! / 1e6;
  lines.push(`| ${name} | ${mb.toFixed(1)} | ${mb <= 20 ? 'yes' : 'NO'} |`);
}
console.log(lines.join('\n'));
