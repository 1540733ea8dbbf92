/**
 * Benchmark of one stalled check (first run: every stalled deal is flagged and its owner
 * emailed) on the built dist/Code.js, on 100 and 100k generated deals. The bench runner
 * (bench/run.ts) calls `alertsBench()`; `npx tsx bench/alerts.ts` prints the rows.
 * Target: the same spreadsheet calls for both sizes, and 100k deals well under 6 minutes.
 */
import { callFunction, loadCode, World } from '../host';
import { generateWorkbook } from '../test/support/generate';

export interface AlertsBenchRow {
  readonly deals: 100 | 100000;
  /** Every fake call of the check (spreadsheet, properties, mail, lock, session). */
  readonly calls: number;
  /** Spreadsheet calls only (SpreadsheetApp, Spreadsheet, Sheet, Range). */
  readonly sheetCalls: number;
  readonly reads: number;
  readonly writes: number;
  readonly emails: number;
  readonly ms: number;
}

const NOW = new Date('2026-11-23T09:00:00Z');
const SHEET_CLASSES = /^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./;

function benchOne(deals: 100 | 100000, dir: string): AlertsBenchRow {
  const book = generateWorkbook(deals, NOW);
  const world = new World({ now: NOW, timeZone: 'Etc/UTC' });
  world.setSheet('Deals', book.deals, { frozenRows: 1 });
  world.setSheet('Team', book.team);
  const ctx = loadCode(world, { dir, user: 'ana@example.com' });
  callFunction(ctx, 'saveAlertSettings', { action: 'on', hour: 8, manager: 'boss@example.com' });
  world.calls.reset();
  const started = performance.now();
  callFunction(ctx, 'dailyStalledCheck', {});
  const ms = performance.now() - started;
  world.endExecution(ctx);
  return {
    deals,
    calls: world.calls.total(),
    sheetCalls: world.calls.log.filter((c) => SHEET_CLASSES.test(c.name)).length,
    reads: world.calls.reads(),
    writes: world.calls.writes(),
    emails: world.mail.outbox.length,
    ms: Math.round(ms),
  };
}

export interface SnapshotBenchRow {
  readonly deals: number;
  /** Open deals written to Snapshots. */
  readonly rows: number;
  /** Fake calls of the check on the report day (snapshot due) and of a rerun that day (not due). */
  readonly callsWith: number;
  readonly callsWithout: number;
  /** The calls the snapshot adds, by name (the same for every size). */
  readonly snapshotCalls: string;
  readonly msWith: number;
  readonly msWithout: number;
}

/**
 * The weekly snapshot's cost: the daily check on the report day (Monday 2026-11-23) with the
 * snapshot due, against the same check on an identical workbook where that day's snapshot is
 * already recorded. Both workbooks had Sunday's check first (flags written, digests sent), and
 * there is no manager, so the two Monday runs differ by the snapshot alone.
 */
export function snapshotBenchOne(deals: number, dir = 'dist'): SnapshotBenchRow {
  const monday = Math.floor(NOW.getTime() / 86_400_000);
  const run = (taken: boolean): { calls: string[]; ms: number; rows: number } => {
    const book = generateWorkbook(deals, NOW);
    const world = new World({ now: new Date(NOW.getTime() - 86_400_000), timeZone: 'Etc/UTC' });
    world.setSheet('Deals', book.deals, { frozenRows: 1 });
    world.setSheet('Team', book.team);
    const call = (name: string, ...args: unknown[]) => {
      const ctx = loadCode(world, { dir, user: 'ana@example.com' });
      callFunction(ctx, name, ...args);
      world.endExecution(ctx);
    };
    call('saveAlertSettings', { action: 'on', hour: 8, manager: '' });
    call('dailyStalledCheck', {});
    world.clock.set(NOW);
    if (taken) world.documentProperties.data.set('pipeline.report.snapshotDay', String(monday));
    const ctx = loadCode(world, { dir, user: 'ana@example.com' });
    world.calls.reset();
    const started = performance.now();
    callFunction(ctx, 'dailyStalledCheck', {});
    const ms = performance.now() - started;
    world.endExecution(ctx);
    const rows = world.spreadsheet().sheetByName('Snapshots') ? world.sheetValues('Snapshots').length - 1 : 0;
    return { calls: world.calls.log.map((c) => c.name), ms, rows };
  };
  const withSnapshot = run(false);
  const without = run(true);
  const extra = new Map<string, number>();
  for (const name of withSnapshot.calls) extra.set(name, (extra.get(name) ?? 0) + 1);
  for (const name of without.calls) extra.set(name, (extra.get(name) ?? 0) - 1);
  const snapshotCalls = [...extra]
    .filter(([, n]) => n !== 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => `${name}×${n}`)
    .join(' ');
  return {
    deals,
    rows: withSnapshot.rows,
    callsWith: withSnapshot.calls.length,
    callsWithout: without.calls.length,
    snapshotCalls,
    msWith: Math.round(withSnapshot.ms),
    msWithout: Math.round(without.ms),
  };
}

export function snapshotBench(dir = 'dist'): SnapshotBenchRow[] {
  return [snapshotBenchOne(100, dir), snapshotBenchOne(100000, dir)];
}

export function alertsBench(dir = 'dist'): AlertsBenchRow[] {
  return [benchOne(100, dir), benchOne(100000, dir)];
}

if (process.argv[1]?.endsWith('alerts.ts')) {
  console.table(alertsBench());
  console.table(snapshotBench());
}
