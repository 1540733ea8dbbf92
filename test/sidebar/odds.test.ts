/**
 * sidebarStageOdds, through the built Code.js on the fakes: each open stage's set probability
 * against its historical win rate (as PIPELINE_CALIBRATION computes it) and the closed deals it
 * rests on; kept in the document cache, dropped by a move; never fetched by the selection poll.
 */
import type { World } from '../../host';
import { ANA, d, HEADERS, makeWorld, run } from './support';

interface Odds {
  stage: string;
  set: number;
  historical: number | null;
  closedDeals: number;
}

function closedRow(id: string, name: string, stage: 'Won' | 'Lost', closed: string): unknown[] {
  const row = HEADERS.map(() => '' as unknown);
  row[0] = id;
  row[1] = name;
  row[3] = 'Ben Okafor';
  row[4] = 1000;
  row[5] = stage;
  row[7] = d('2025-10-01');
  row[10] = d(closed);
  if (stage === 'Lost') row[13] = 'Price';
  return row;
}

/** The sidebar world plus two won deals and one lost from Proposal (with its History). */
function withClosedDeals(): World {
  const world = makeWorld();
  world.setSheet(
    'Deals',
    [
      ...world.sheetValues('Deals'),
      closedRow('D-W1', 'Won one', 'Won', '2025-12-10'),
      closedRow('D-W2', 'Won two', 'Won', '2025-12-20'),
      closedRow('D-L1', 'Lost late', 'Lost', '2025-12-15'),
    ],
    { frozenRows: 1 },
  );
  world.setSheet(
    'History',
    [
      ...world.sheetValues('History'),
      [d('2025-12-15'), 'D-L1', 'Lost late', 'Proposal', 'Lost', 20, ANA, 'sidebar'],
    ],
    { frozenRows: 1 },
  );
  return world;
}

const byStage = (odds: Odds[]) => new Map(odds.map((o) => [o.stage, o]));

describe('sidebarStageOdds', () => {
  test('set against historical per open stage, on the closed deals that reached it (hand-worked)', () => {
    const world = withClosedDeals();
    const odds = byStage(run<Odds[]>(world, ANA, 'sidebarStageOdds'));
    // Closed deals: D-W1, D-W2 won (reached every stage); D-L1 lost from Proposal (History:
    // Lead…Proposal); D-LOST0004 lost without History (Lead only).
    //   Lead: 2 won of 4 = 0.5;  Qualified … Proposal: 2 of 3;  Negotiation: 2 of 2 = 1
    expect(odds.get('Lead')).toEqual({ stage: 'Lead', set: 0.1, historical: 0.5, closedDeals: 4 });
    expect(odds.get('Proposal')!.set).toBe(0.6);
    expect(odds.get('Proposal')!.historical).toBeCloseTo(2 / 3, 12);
    expect(odds.get('Proposal')!.closedDeals).toBe(3);
    expect(odds.get('Negotiation')).toEqual({
      stage: 'Negotiation',
      set: 0.8,
      historical: 1,
      closedDeals: 2,
    });
    // exactly PIPELINE_CALIBRATION's figures on the same sheets
    const table = run<unknown[][]>(world, ANA, 'PIPELINE_CALIBRATION');
    expect(table.slice(1).map((r) => [r[0], r[1], r[2] === '' ? null : r[2], r[3]])).toEqual(
      [...odds.values()].map((o) => [o.stage, o.set, o.historical, o.closedDeals]),
    );
  });

  test('a stage no closed deal reached: historical null on 0 deals (never a silent 0)', () => {
    const world = makeWorld(); // one lost deal, no History: it reached Lead only
    const odds = byStage(run<Odds[]>(world, ANA, 'sidebarStageOdds'));
    expect(odds.get('Lead')).toEqual({ stage: 'Lead', set: 0.1, historical: 0, closedDeals: 1 });
    expect(odds.get('Proposal')).toEqual({ stage: 'Proposal', set: 0.6, historical: null, closedDeals: 0 });
  });

  test('cached: a second call reads no Deals; a move drops it, and the new figures show', () => {
    const world = withClosedDeals();
    run(world, ANA, 'sidebarStageOdds');
    world.calls.reset();
    run(world, ANA, 'sidebarStageOdds');
    expect(world.calls.log.filter((c) => c.sheet === 'Deals' && c.name === 'Range.getValues')).toEqual([]);
    // Acme renewal (Proposal) is won: Proposal now 3 won of 4.
    const moved = run<{ ok: boolean; message: string }>(world, ANA, 'sidebarMove', {
      id: 'D-ACME0001',
      row: 2,
      name: 'Acme renewal',
      expectedStage: 'Proposal',
      toStage: 'Won',
      closedOn: '2026-01-15',
      amount: 12000,
    });
    expect(moved).toMatchObject({ ok: true });
    const after = byStage(run<Odds[]>(world, ANA, 'sidebarStageOdds'));
    expect(after.get('Proposal')!.historical).toBeCloseTo(3 / 4, 12);
    expect(after.get('Proposal')!.closedDeals).toBe(4);
  });

  test('the selection poll does not compute it (no full read of Deals or History)', () => {
    const world = withClosedDeals();
    world.select(ANA, 'Deals!B2');
    run(world, ANA, 'sidebarSelection');
    world.calls.reset();
    run(world, ANA, 'sidebarSelection');
    expect(world.calls.log.filter((c) => c.sheet === 'History')).toEqual([]);
    // one row of Deals at most (the selected one), as before
    const dealsReads = world.calls.log.filter((c) => c.sheet === 'Deals' && c.name === 'Range.getValues');
    expect(dealsReads.length).toBeLessThanOrEqual(1);
  });
});
