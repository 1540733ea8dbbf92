/**
 * The board on the built dist/Code.js: spreadsheet calls per board load and per move on 100 and
 * 100k generated deals (the same small numbers for both: one read of the deals per load), the
 * time of a load in node, and the size of what the load sends to the browser. The bench runner
 * (bench/run.ts) calls `boardBench()`; `npx tsx bench/board.ts` prints the rows.
 *
 * calls = every fake call (spreadsheet, cache, lock, session); reads / writes = the data round
 * trips (getValues / setValues and friends) counted by the host.
 */
import { callFunction, loadCode, World } from '../host';
import { generateWorkbook } from '../test/support/generate';

export interface BoardBenchRow {
  readonly scenario: string;
  readonly deals: 100 | 100000;
  readonly calls: number;
  readonly reads: number;
  readonly writes: number;
  readonly ms: string;
  readonly sentKB: string;
}

const NOW = new Date('2026-11-23T09:00:00Z');
const USER = 'ana@example.com';
const OPEN = ['Lead', 'Qualified', 'Contacted', 'Needs Assessment', 'Proposal'];

function measure(
  world: World,
  dir: string,
  name: string,
  ...args: unknown[]
): Omit<BoardBenchRow, 'scenario' | 'deals'> {
  const ctx = loadCode(world, { dir, user: USER });
  world.calls.reset();
  let value: unknown;
  const start = performance.now();
  try {
    value = callFunction(ctx, name, ...args);
  } finally {
    world.endExecution(ctx);
  }
  const ms = performance.now() - start;
  return {
    calls: world.calls.total(),
    reads: world.calls.reads(),
    writes: world.calls.writes(),
    ms: ms.toFixed(0),
    sentKB: (JSON.stringify(value ?? null).length / 1024).toFixed(1),
  };
}

function benchSize(deals: 100 | 100000, dir: string): BoardBenchRow[] {
  const book = generateWorkbook(deals, NOW);
  const world = new World({ now: NOW, timeZone: 'Etc/UTC' });
  world.setSheet('Deals', book.deals, { frozenRows: 1 });
  world.setSheet('History', book.history, { frozenRows: 1 });
  const stageAt = book.deals[0]!.indexOf('Stage');
  let index = Math.floor(book.deals.length / 2);
  while (!OPEN.includes(String(book.deals[index]![stageAt]))) index++;
  const deal = book.deals[index]!;
  const stage = String(deal[stageAt]);
  const next = OPEN[OPEN.indexOf(stage) + 1] ?? 'Negotiation';
  const rows: BoardBenchRow[] = [];
  const add = (scenario: string, m: Omit<BoardBenchRow, 'scenario' | 'deals'>) =>
    rows.push({ scenario, deals, ...m });
  add('board opens (cold cache; load + reconcile)', measure(world, dir, 'boardLoad', ''));
  // Generated History fills its sheet to the last row: the first append grows it (once per 100
  // moves). Do that once so the rows show the steady state.
  const warm = book.deals.findIndex((r, i) => i > 0 && i !== index && OPEN.includes(String(r[stageAt])));
  measure(world, dir, 'boardMove', {
    id: String(book.deals[warm]![0]),
    row: warm + 1,
    name: String(book.deals[warm]![1]),
    expectedStage: String(book.deals[warm]![stageAt]),
    toStage: 'Negotiation',
  });
  add('board opens (load + reconcile)', measure(world, dir, 'boardLoad', ''));
  add('refresh, board changed', measure(world, dir, 'boardLoad', 'stale'));
  const ctx = loadCode(world, { dir, user: USER });
  const version = String((callFunction(ctx, 'boardLoad', '') as { version: string }).version);
  world.endExecution(ctx);
  add('refresh, nothing changed', measure(world, dir, 'boardLoad', version));
  const ref = { id: String(deal[0]), row: index + 1, name: String(deal[1]) };
  add(
    'move (write + the board after it)',
    measure(world, dir, 'boardMove', { ...ref, expectedStage: stage, toStage: next }),
  );
  add(
    'move, conflict (nothing written)',
    measure(world, dir, 'boardMove', { ...ref, expectedStage: stage, toStage: 'Negotiation' }),
  );
  return rows;
}

export function boardBench(dir = 'dist'): BoardBenchRow[] {
  return [...benchSize(100, dir), ...benchSize(100000, dir)];
}

if (process.argv[1]?.endsWith('board.ts')) console.table(boardBench());
