/**
 * Spreadsheet calls per sidebar action on the built dist/Code.js, on 100 and 100k generated
 * deals. The bench runner (bench/run.ts) calls `sidebarBench()`; `npx tsx bench/sidebar.ts`
 * prints the rows. Target: the same small numbers for both sizes, reads + writes ≤ 6 per move.
 *
 * calls = every fake call (spreadsheet, cache, lock, session); reads / writes = the data
 * round trips (getValues / setValues and friends) counted by the host.
 */
import { callFunction, loadCode, World } from '../host';
import { generateWorkbook } from '../test/support/generate';

export interface SidebarBenchRow {
  readonly scenario: string;
  readonly deals: 100 | 100000;
  readonly calls: number;
  readonly reads: number;
  readonly writes: number;
}

const NOW = new Date('2026-11-23T09:00:00Z');
const USER = 'ana@example.com';
const OPEN = ['Lead', 'Qualified', 'Contacted', 'Needs Assessment', 'Proposal'];

function measure(
  world: World,
  dir: string,
  name: string,
  ...args: unknown[]
): Omit<SidebarBenchRow, 'scenario' | 'deals'> {
  const ctx = loadCode(world, { dir, user: USER });
  world.calls.reset();
  try {
    callFunction(ctx, name, ...args);
  } finally {
    world.endExecution(ctx);
  }
  return { calls: world.calls.total(), reads: world.calls.reads(), writes: world.calls.writes() };
}

function benchSize(deals: 100 | 100000, dir: string): SidebarBenchRow[] {
  const book = generateWorkbook(deals, NOW);
  const world = new World({ now: NOW, timeZone: 'Etc/UTC' });
  world.setSheet('Deals', book.deals, { frozenRows: 1 });
  world.setSheet('History', book.history, { frozenRows: 1 });
  // An open deal in the middle of the sheet.
  const stageAt = book.deals[0]!.indexOf('Stage');
  let index = Math.floor(book.deals.length / 2);
  while (!OPEN.includes(String(book.deals[index]![stageAt]))) index++;
  const row = index + 1;
  const deal = book.deals[index]!;
  const stage = String(deal[stageAt]);
  const next = OPEN[OPEN.indexOf(stage) + 1] ?? 'Negotiation';
  const rows: SidebarBenchRow[] = [];
  const add = (scenario: string, m: Omit<SidebarBenchRow, 'scenario' | 'deals'>) =>
    rows.push({ scenario, deals, ...m });
  world.select(USER, `Deals!B${row}`);
  add('selection poll (cold cache)', measure(world, dir, 'sidebarSelection'));
  // Generated History fills its sheet to the last row: the first append grows it by 100 rows
  // (one more write, once per 100 moves). Do that once so the rows show the steady state.
  const warm = book.deals.findIndex((r, i) => i > 0 && i !== index && OPEN.includes(String(r[stageAt])));
  measure(world, dir, 'sidebarMove', {
    id: String(book.deals[warm]![0]),
    row: warm + 1,
    name: String(book.deals[warm]![1]),
    expectedStage: String(book.deals[warm]![stageAt]),
    toStage: 'Negotiation',
  });
  add('selection poll', measure(world, dir, 'sidebarSelection'));
  const ref = { id: String(deal[0]), row, name: String(deal[1]) };
  add('move', measure(world, dir, 'sidebarMove', { ...ref, expectedStage: stage, toStage: next }));
  // The sheet was sorted since the sidebar read the row: the ID column is read to find it.
  add(
    'move, row moved since read',
    measure(world, dir, 'sidebarMove', { ...ref, row: row + 1, expectedStage: next, toStage: 'Won' }),
  );
  return rows;
}

export function sidebarBench(dir = 'dist'): SidebarBenchRow[] {
  return [...benchSize(100, dir), ...benchSize(100000, dir)];
}

if (process.argv[1]?.endsWith('sidebar.ts')) console.table(sidebarBench());
