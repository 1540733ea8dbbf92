/**
 * The board on the built dist/Code.js: spreadsheet calls per board load and per move on 100 and
 * 100k generated deals (the same small numbers for both: one read of the deals per load), the
 * time of a load in node, and the size of what the load sends to the browser. The bench runner
 * (bench/run.ts) calls `boardBench()`; `npx tsx bench/board.ts` prints the rows.
 * The workbook and the counting: bench/world.ts.
 */
import { callFunction, loadCode, type World } from '../host';
import { benchWorld, type Measured, measure, USER } from './world';

export interface BoardBenchRow {
  readonly scenario: string;
  readonly deals: 100 | 100000;
  readonly calls: number;
  readonly reads: number;
  readonly writes: number;
  readonly ms: string;
  readonly sentKB: string;
}

/** A measured call as a row's figures: time in ms, and the size of what it sends to the browser. */
function figures(m: Measured): Omit<BoardBenchRow, 'scenario' | 'deals'> {
  return {
    calls: m.calls,
    reads: m.reads,
    writes: m.writes,
    ms: m.ms.toFixed(0),
    sentKB: (JSON.stringify(m.value ?? null).length / 1024).toFixed(1),
  };
}

function benchSize(deals: 100 | 100000, dir: string): BoardBenchRow[] {
  const { world, deal, stage, next, warmUp } = benchWorld(deals);
  const rows: BoardBenchRow[] = [];
  const add = (scenario: string, name: string, ...args: unknown[]) =>
    rows.push({ scenario, deals, ...figures(measure(world, dir, name, ...args)) });
  add('board opens (cold cache; load + reconcile)', 'boardLoad', '');
  warmUp(dir, 'boardMove');
  add('board opens (load + reconcile)', 'boardLoad', '');
  add('refresh, board changed', 'boardLoad', 'stale');
  add('refresh, nothing changed', 'boardLoad', boardVersion(world, dir));
  add('move (write + the board after it)', 'boardMove', { ...deal, expectedStage: stage, toStage: next });
  add('move, conflict (nothing written)', 'boardMove', {
    ...deal,
    expectedStage: stage,
    toStage: 'Negotiation',
  });
  return rows;
}

/** The board's version as the browser holds it after a load (not measured). */
function boardVersion(world: World, dir: string): string {
  const ctx = loadCode(world, { dir, user: USER });
  try {
    return String((callFunction(ctx, 'boardLoad', '') as { version: string }).version);
  } finally {
    world.endExecution(ctx);
  }
}

export function boardBench(dir = 'dist'): BoardBenchRow[] {
  return [...benchSize(100, dir), ...benchSize(100000, dir)];
}

if (process.argv[1]?.endsWith('board.ts')) console.table(boardBench());
