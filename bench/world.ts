/**
 * What the board and sidebar benches share: a generated workbook on the host (Deals and History,
 * headers frozen) on 2026-11-23, an open deal in the middle of the sheet and the open stage after
 * its own, and `measure`: one server call of the built Code.js as one execution, its fake calls
 * counted.
 *
 * calls = every fake call (spreadsheet, cache, lock, session); reads / writes = the data round
 * trips (getValues / setValues and friends) counted by the host.
 */
import { callFunction, loadCode, World } from '../host';
import { generateWorkbook } from '../test/support/generate';

export const NOW = new Date('2026-11-23T09:00:00Z');
export const USER = 'ana@example.com';
const OPEN = ['Lead', 'Qualified', 'Contacted', 'Needs Assessment', 'Proposal'];

export interface Measured {
  readonly calls: number;
  readonly reads: number;
  readonly writes: number;
  readonly ms: number;
  /** What the call returned. */
  readonly value: unknown;
}

/** One server call as `USER`, in an execution of its own; the calls it made and its time. */
export function measure(world: World, dir: string, name: string, ...args: unknown[]): Measured {
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
  return { calls: world.calls.total(), reads: world.calls.reads(), writes: world.calls.writes(), ms, value };
}

/** A deal as the clients send it back to the server. */
export interface DealRef {
  readonly id: string;
  readonly row: number;
  readonly name: string;
}

export interface BenchWorld {
  readonly world: World;
  /** An open deal in the middle of the sheet. */
  readonly deal: DealRef;
  /** Its stage, and the open stage after it (the move measured). */
  readonly stage: string;
  readonly next: string;
  /**
   * One move of another open deal to Negotiation, not measured: generated History fills its
   * sheet to the last row, so the first append grows it (one more write, once per 100 moves).
   * After it the rows show the steady state.
   */
  warmUp(dir: string, move: 'boardMove' | 'sidebarMove'): void;
}

export function benchWorld(deals: number): BenchWorld {
  const book = generateWorkbook(deals, NOW);
  const world = new World({ now: NOW, timeZone: 'Etc/UTC' });
  world.setSheet('Deals', book.deals, { frozenRows: 1 });
  world.setSheet('History', book.history, { frozenRows: 1 });
  const stageAt = book.deals[0]!.indexOf('Stage');
  const isOpen = (row: unknown[]) => OPEN.includes(String(row[stageAt]));
  let index = Math.floor(book.deals.length / 2);
  while (!isOpen(book.deals[index]!)) index++;
  const row = book.deals[index]!;
  const stage = String(row[stageAt]);
  const refOf = (i: number): DealRef => ({
    id: String(book.deals[i]![0]),
    row: i + 1,
    name: String(book.deals[i]![1]),
  });
  return {
    world,
    deal: refOf(index),
    stage,
    next: OPEN[OPEN.indexOf(stage) + 1] ?? 'Negotiation',
    warmUp(dir, move) {
      const warm = book.deals.findIndex((r, i) => i > 0 && i !== index && isOpen(r));
      measure(world, dir, move, {
        ...refOf(warm),
        expectedStage: String(book.deals[warm]![stageAt]),
        toStage: 'Negotiation',
      });
    },
  };
}
