/**
 * Peak extra heap per call, run by bench/columnar.ts as
 * `node --expose-gc --max-semi-space-size=1 --trace-gc --import tsx bench/heap.ts`: a 1 MB young
 * generation makes V8 scavenge after every MB allocated, and --trace-gc prints the heap's size
 * before each collection, so the largest size printed between a call's start and end marks (or
 * its size at the end) less its size at the start (after a full gc) is the call's peak extra heap
 * within about 1 MB. Typed arrays live outside the heap: their bytes (arrayBuffers) at the end of
 * the call, before any of them is freed, are added. bench/columnar.ts reads the marks.
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

for (const [name, history] of FUNCTIONS) {
  const r = realm();
  const args = [
    ...(history ? [r.adopt(g.deals), r.adopt(g.history)] : [r.adopt(g.deals)]),
    ...(ARGS[name] ?? []),
  ];
  call(r.ctx, name, ...args);
  for (let i = 0; i < 3; i++) {
    gc();
    gc();
    const before = process.memoryUsage();
    // Pipes are synchronous on Linux: these marks and V8's trace lines arrive in order.
    process.stdout.write(`MARK start ${name} ${before.heapUsed} ${before.arrayBuffers}\n`);
    call(r.ctx, name, ...args);
    const after = process.memoryUsage();
    process.stdout.write(`MARK end ${name} ${after.heapUsed} ${after.arrayBuffers}\n`);
  }
}
process.stdout.write(
  `MARK size ${(g.deals.length - 1).toLocaleString('en-US')} deals, ${(g.history.length - 1).toLocaleString('en-US')} History rows\n`,
);
