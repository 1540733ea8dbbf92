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

export function alertsBench(dir = 'dist'): AlertsBenchRow[] {
  return [benchOne(100, dir), benchOne(100000, dir)];
}

if (process.argv[1]?.endsWith('alerts.ts')) console.table(alertsBench());
