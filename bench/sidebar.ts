/**
 * Spreadsheet calls per sidebar action on the built dist/Code.js, on 100 and 100k generated
 * deals. The bench runner (bench/run.ts) calls `sidebarBench()`; `npx tsx bench/sidebar.ts`
 * prints the rows. Target: the same small numbers for both sizes, reads + writes ≤ 6 per move.
 * The workbook and the counting: bench/world.ts.
 */
import { benchWorld, measure, USER } from './world';

export interface SidebarBenchRow {
  readonly scenario: string;
  readonly deals: 100 | 100000;
  readonly calls: number;
  readonly reads: number;
  readonly writes: number;
}

function benchSize(deals: 100 | 100000, dir: string): SidebarBenchRow[] {
  const { world, deal, stage, next, warmUp } = benchWorld(deals);
  const rows: SidebarBenchRow[] = [];
  const add = (scenario: string, name: string, ...args: unknown[]) => {
    const { calls, reads, writes } = measure(world, dir, name, ...args);
    rows.push({ scenario, deals, calls, reads, writes });
  };
  world.select(USER, `Deals!B${deal.row}`);
  add('selection poll (cold cache)', 'sidebarSelection');
  warmUp(dir, 'sidebarMove');
  add('selection poll', 'sidebarSelection');
  add('move', 'sidebarMove', { ...deal, expectedStage: stage, toStage: next });
  // The sheet was sorted since the sidebar read the row: the ID column is read to find it.
  add('move, row moved since read', 'sidebarMove', {
    ...deal,
    row: deal.row + 1,
    expectedStage: next,
    toStage: 'Won',
  });
  return rows;
}

export function sidebarBench(dir = 'dist'): SidebarBenchRow[] {
  return [...benchSize(100, dir), ...benchSize(100000, dir)];
}

if (process.argv[1]?.endsWith('sidebar.ts')) console.table(sidebarBench());
