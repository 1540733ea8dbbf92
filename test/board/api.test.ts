/**
 * The board's API on the BUILT dist/Code.js (host): the load, its column totals against
 * PIPELINE_FUNNEL, a move through the sidebar's path with Via = board, conflicts, the
 * "same" answer, opening a deal in the sidebar, and the spreadsheet calls each costs.
 * Expected values are worked out by hand from test/sidebar/support.ts's workbook
 * (now = 2026-01-15 10:00 UTC, spreadsheet in UTC).
 */
import type { BoardLoad, BoardMoveResult, BoardView } from '../../src/core/board/types';
import { ANA, BEN, col, d, historyRows, makeWorld, run } from '../sidebar/support';
import { thrown } from '../support/code';

function load(world: ReturnType<typeof makeWorld>, known = ''): BoardLoad {
  return run<BoardLoad>(world, ANA, 'boardLoad', known);
}
function board(world: ReturnType<typeof makeWorld>): BoardView {
  const view = load(world);
  if (view.kind !== 'board') throw new Error(`expected a board, got ${view.kind}`);
  return view;
}

const GLOBEX = { id: 'D-GLOB0002', row: 3, name: 'Globex pilot', expectedStage: 'Lead' };

describe('loading the board', () => {
  test('one column per open stage with totals worked out by hand, a card per open deal', () => {
    const view = board(makeWorld());
    expect(view.columns.map((c) => [c.name, c.count, c.value, c.weighted])).toEqual([
      ['Lead', 1, 5000, 750], // Globex 5000 × its own 15 %
      ['Qualified', 1, 8000, 1600], // Initech '$8,000' × 20 %
      ['Contacted', 0, 0, 0],
      ['Needs Assessment', 0, 0, 0],
      ['Proposal', 1, 12000, 7200], // Acme 12000 × 60 %
      ['Negotiation', 0, 0, 0],
    ]);
    expect(view.outcomes.map((s) => s.name)).toEqual(['Won', 'Lost']);
    // Open deals only (Umbrella is Lost), in sheet order.
    expect(view.cards.map((c) => [c.name, c.column, c.daysInStage])).toEqual([
      ['Acme renewal', 4, 10], // Proposal since 2026-01-05
      ['Globex pilot', 0, 5], // Lead since 2026-01-10
      ['Initech expansion', 1, 14], // Qualified since 2026-01-01
    ]);
    expect(view.owners.map((o) => [o.name, o.totals.map((t) => t.count)])).toEqual([
      ['Ana Ruiz', [0, 1, 0, 0, 1, 0]],
      ['Ben Okafor', [1, 0, 0, 0, 0, 0]],
    ]);
    expect(view.lostReasons).toEqual(['Price']);
    expect(view.today).toBe('2026-01-15');
  });

  test('its totals are exactly PIPELINE_FUNNEL’s', () => {
    const world = makeWorld();
    const view = board(world);
    const funnel = run<(string | number)[][]>(world, ANA, 'PIPELINE_FUNNEL');
    expect(view.columns.map((c) => [c.name, c.count, c.value, c.weighted])).toEqual(
      funnel.slice(1).map((r) => r.slice(0, 4)),
    );
  });

  test('stalled and overdue cards are marked', () => {
    const world = makeWorld();
    // Initech: Qualified (stalled after 14) since 2026-01-01, touched 2025-12-31 → 15 days idle.
    world.setCell(`Deals!${col('Stage Entered')}4`, d('2025-12-31'));
    // Acme: Expected Close two days ago.
    world.setCell(`Deals!${col('Expected Close')}2`, d('2026-01-13'));
    const cards = board(world).cards;
    const initech = cards.find((c) => c.name === 'Initech expansion')!;
    expect([initech.stalledDays, initech.nextStepState]).toEqual([15, 'planned']);
    const acme = cards.find((c) => c.name === 'Acme renewal')!;
    expect([acme.closePassed, acme.stalledDays]).toEqual([true, null]);
    const globex = cards.find((c) => c.name === 'Globex pilot')!;
    expect(globex.nextStepState).toBe('none'); // no Next Step at all
  });

  test('Next Step Date: overdue, due today and missing next steps, exactly as PIPELINE_OVERDUE lists them', () => {
    const world = makeWorld();
    const rows = world.sheetValues('Deals');
    const dates = ['Next Step Date', d('2026-01-14'), '', d('2026-01-15'), ''];
    world.setSheet(
      'Deals',
      rows.map((r, i) => [...r, dates[i]]),
      { frozenRows: 1 },
    );
    const cards = board(world).cards;
    const state = (name: string) => cards.find((c) => c.name === name)!;
    expect([state('Acme renewal').nextStepState, state('Acme renewal').nextStepDate]).toEqual([
      'overdue', // due yesterday
      '2026-01-14',
    ]);
    expect(state('Initech expansion').nextStepState).toBe('today'); // due today: not overdue yet
    expect(state('Globex pilot').nextStepState).toBe('none'); // neither Next Step nor its date
    const overdue = run<(string | number)[][]>(world, ANA, 'PIPELINE_OVERDUE');
    const listed = (problem: string) => overdue.filter((r) => r[3] === problem).map((r) => r[0]);
    expect(listed('Next step overdue')).toEqual(['Acme renewal']);
    expect(listed('No next step')).toEqual(['Globex pilot']);
  });

  test('a refresh is one read of the deals, no writes; unchanged → "same" without the board', () => {
    const world = makeWorld();
    const first = board(world);
    world.calls.reset();
    expect(load(world, first.version)).toEqual({ kind: 'same', version: first.version });
    expect(world.calls.reads()).toBe(1); // the deals' data range (no Stages sheet: defaults)
    expect(world.calls.writes()).toBe(0);
    world.setCell(`Deals!${col('Amount')}3`, 5100);
    const after = load(world, first.version);
    expect(after.kind).toBe('board');
  });

  test('opening the board reconciles: a Stage typed while the edit trigger missed it gets its History row (sync)', () => {
    const world = makeWorld();
    // Acme went Proposal → Negotiation in the sheet, and no edit event reached the script.
    world.setCell(`Deals!${col('Stage')}2`, 'Negotiation');
    world.calls.reset();
    const view = board(world);
    expect(view.synced).toBe(1);
    expect(historyRows(world)[1]?.slice(1)).toEqual([
      'D-ACME0001',
      'Acme renewal',
      'Proposal',
      'Negotiation',
      '', // Days In Stage: not known for a move found late
      ANA, // who opened the board
      'sync',
    ]);
    expect(view.cards.find((c) => c.id === 'D-ACME0001')?.column).toBe(5);
    // Opening again finds nothing more to record.
    expect(board(world).synced).toBeUndefined();
    expect(historyRows(world)).toHaveLength(2);
  });
});

describe('moving from the board', () => {
  test('writes exactly what the sidebar writes, with History Via = board, and returns the new board', () => {
    const world = makeWorld();
    const answer = run<BoardMoveResult>(world, ANA, 'boardMove', { ...GLOBEX, toStage: 'Qualified' });
    expect(answer.result).toMatchObject({ ok: true, message: 'Moved "Globex pilot" to Qualified.' });
    expect(world.cell(`Deals!${col('Stage')}3`).value).toBe('Qualified');
    expect(world.cell(`Deals!${col('Stage Entered')}3`).value).toEqual(d('2026-01-15'));
    expect(historyRows(world)[1]).toEqual([
      new Date('2026-01-15T10:00:00Z'),
      'D-GLOB0002',
      'Globex pilot',
      'Lead',
      'Qualified',
      5, // 2026-01-10 → 2026-01-15
      ANA,
      'board',
    ]);
    const after = answer.board as BoardView;
    // Qualified: Initech 8000 × 20 % + Globex 5000 × 15 % = 1600 + 750.
    expect(after.columns.slice(0, 2).map((c) => [c.count, c.value, c.weighted])).toEqual([
      [0, 0, 0],
      [2, 13000, 2350],
    ]);
  });

  test('a conflict writes nothing and the board shows where the deal is now', () => {
    const world = makeWorld();
    run(world, BEN, 'sidebarMove', { ...GLOBEX, toStage: 'Contacted' });
    const answer = run<BoardMoveResult>(world, ANA, 'boardMove', { ...GLOBEX, toStage: 'Qualified' });
    expect(answer.result.ok).toBe(false);
    expect(answer.result.message).toContain('is now in Contacted (it was in Lead when you looked)');
    expect(world.cell(`Deals!${col('Stage')}3`).value).toBe('Contacted');
    expect(historyRows(world)).toHaveLength(2); // the baseline and Ben's move
    const globex = (answer.board as BoardView).cards.find((c) => c.id === 'D-GLOB0002')!;
    expect(globex.column).toBe(2);
  });

  test('Lost without a reason is refused by the same validation, in words', () => {
    const world = makeWorld();
    const before = world.sheetValues('Deals');
    const error = thrown(() =>
      run(world, ANA, 'boardMove', { ...GLOBEX, toStage: 'Lost', lostReason: '  ' }),
    );
    expect(error?.message).toBe('A reason is required to mark a deal lost.');
    expect(world.sheetValues('Deals')).toEqual(before);
    expect(thrown(() => run(world, ANA, 'boardMove', 'nonsense'))?.message).toBe(
      'The move request is malformed.',
    );
  });
});

describe('opening a deal in the sidebar', () => {
  test('selects its row (found by ID when rows moved) and shows the sidebar', () => {
    const world = makeWorld();
    // The board saw Globex in row 3; a row was inserted above it since.
    world.setSheet('Deals', [
      world.sheetValues('Deals')[0]!,
      ['D-NEW00001', 'New deal', 'New', 'Ben Okafor', 1, 'Lead'],
      ...world.sheetValues('Deals').slice(1),
    ]);
    expect(run(world, ANA, 'boardOpenDeal', GLOBEX)).toBe(4);
    expect(world.ui.lastSidebar()?.title).toBe('Pipeline');
    const selection = run<{ kind: string; deal?: { name: string } }>(world, ANA, 'sidebarSelection');
    expect(selection.deal?.name).toBe('Globex pilot');
  });

  test('a deal that is gone is said so', () => {
    const world = makeWorld();
    const error = thrown(() => run(world, ANA, 'boardOpenDeal', { ...GLOBEX, id: 'D-GONE0000', row: 9 }));
    expect(error?.message).toBe('"Globex pilot" is no longer in the Deals sheet.');
  });
});
