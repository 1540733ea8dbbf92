/**
 * The board's view, pure: columns, cards, owners, the per-column cap and the fingerprint.
 * Expected values are hand-worked (today 2026-11-23, default stages).
 */
import { funnel } from '../metrics/funnel';
import { pipeline, TODAY } from '../testing';
import { boardView, fingerprint } from './view';

const NO_NEXT_STEPS = { tracksNextSteps: false, unreadableNextStep: new Set<number>() };

function view(specs: Parameters<typeof pipeline>[0], max?: number) {
  const p = pipeline(specs);
  return boardView({
    deals: p.deals,
    stages: p.stages,
    today: TODAY,
    sheet: 'Deals',
    hasLostReason: true,
    hasAmount: true,
    overdue: NO_NEXT_STEPS,
    maxCardsPerColumn: max,
  });
}

const SPECS = [
  { id: 'D1', deal: 'A', owner: 'Ana', amount: 1000, stage: 'Lead', stageEntered: '2026-11-20' },
  { id: 'D2', deal: 'B', owner: 'ana ', amount: 3000, stage: 'Lead', probability: 0.5 },
  { id: 'D3', deal: 'C', owner: 'Ben', amount: 'abc', stage: 'Proposal' },
  { id: 'D4', deal: 'D', owner: 'Ben', amount: 500, stage: 'Won', closed: '2026-11-01' },
  { id: 'D5', deal: 'E', owner: '', amount: 200, stage: 'Negotiation' },
  { id: 'D6', deal: 'F', owner: 'Cy', amount: 100, stage: 'Nowhere' },
];

describe('boardView', () => {
  test('columns, totals and cards worked out by hand', () => {
    const v = view(SPECS);
    // Lead: A 1000 × 10 % + B 3000 × its own 50 % = 100 + 1500.
    expect(v.columns.map((c) => [c.name, c.count, c.value, c.weighted])).toEqual([
      ['Lead', 2, 4000, 1600],
      ['Qualified', 0, 0, 0],
      ['Contacted', 0, 0, 0],
      ['Needs Assessment', 0, 0, 0],
      ['Proposal', 1, 0, 0], // C's amount 'abc' is unreadable: counted, no value
      ['Negotiation', 1, 200, 160],
    ]);
    expect(v.cards.map((c) => [c.id, c.column, c.amount, c.amountText])).toEqual([
      ['D1', 0, 1000, ''],
      ['D2', 0, 3000, ''],
      ['D3', 4, null, ''], // no raw cell reader given: no text (the adapter gives one)
      ['D5', 5, 200, ''],
    ]);
    expect(v.cards[0]!.daysInStage).toBe(3); // 2026-11-20 → 2026-11-23
    expect(v.unplaced).toBe(1); // F: 'Nowhere' is not a stage
    expect(v.outcomes.map((o) => o.name)).toEqual(['Won', 'Lost']);
  });

  test('the totals are PIPELINE_FUNNEL’s, row for row', () => {
    const p = pipeline(SPECS);
    const table = funnel(p);
    expect(view(SPECS).columns.map((c) => [c.name, c.count, c.value, c.weighted])).toEqual(
      table.slice(1).map((r) => r.slice(0, 4)),
    );
  });

  test('owners: one per Owner spelling (case and spaces ignored), blank last, each with its totals', () => {
    const v = view(SPECS);
    expect(v.owners.map((o) => [o.name, o.totals[0]!.count, o.totals[4]!.count, o.totals[5]!.count])).toEqual(
      [
        ['Ana', 2, 0, 0],
        ['Ben', 0, 1, 0],
        ['', 0, 0, 1],
      ],
    );
  });

  test('a column longer than the cap counts every deal but sends the first ones', () => {
    const specs = Array.from({ length: 5 }, (_, i) => ({
      id: `D${i}`,
      deal: `N${i}`,
      amount: 10,
      stage: 'Lead',
    }));
    const v = view(specs, 3);
    expect([v.columns[0]!.count, v.columns[0]!.value, v.columns[0]!.notShown]).toEqual([5, 50, 2]);
    expect(v.cards.map((c) => c.id)).toEqual(['D0', 'D1', 'D2']);
  });

  test('the version changes with the board and only with it', () => {
    expect(view(SPECS).version).toBe(view(SPECS).version);
    expect(view(SPECS).version).not.toBe(view([...SPECS.slice(1)]).version);
    // FNV-1a of '' and 'a' (published test vectors).
    expect(fingerprint('')).toBe('811c9dc5');
    expect(fingerprint('a')).toBe('e40c292c');
  });
});
