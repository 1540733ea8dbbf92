import { Calendar } from '../model/dates';
import { d } from '../testing';
import { type SetupFacts, understandSetup } from './understand';

function facts(values: unknown[][], over: Partial<SetupFacts> = {}): SetupFacts {
  const width = Math.max(...values.map((r) => r.length));
  return {
    dealsSheet: { name: 'Opps', how: 'adopted' },
    values,
    lastColumn: width,
    formulaCounts: new Array(width).fill(0),
    sheets: [{ name: 'Opps', headers: values[0] ?? [], empty: false }],
    ranges: { deals: null, history: null, snapshots: null },
    stagesRows: null,
    stageValidation: { ours: 0, theirs: 0, theirsA1: '', none: 999 },
    calendar: new Calendar('Etc/UTC'),
    ...over,
  };
}

const SHEET = [
  ['Deal Name', 'Value', 'Status', 'Notes', 'Stalled'],
  ['Acme', 1000, 'Lead', '', 'yes'],
  ['Globex', 'abc', 'Proposal', '', 'yes'],
  ['Initech', 3000, 'Won', 'x', ''],
  [],
  ['Hooli', 500, 'Lost', '', ''],
  ['Stark', 700, 'Closing', '', ''],
];

test('headers, kept columns, counts and the rows it cannot read, worked by hand', () => {
  const plan = understandSetup(facts(SHEET, { formulaCounts: [0, 0, 0, 0, 2] }));
  expect(plan.headers.map((h) => [h.column, h.header, h.takenAs, h.note])).toEqual([
    ['A', 'Deal Name', 'Deal', ''],
    ['B', 'Value', 'Amount', ''],
    ['C', 'Status', 'Stage', ''],
    ['D', 'Notes', null, ''],
    ['E', 'Stalled', null, 'your formulas: left alone'],
  ]);
  // The formula column is not Stalled Since: the add-on adds its own, at the right.
  expect(plan.columns.added.at(-1)).toEqual({
    field: 'stalledSince',
    header: 'Stalled Since',
    column: 5 + plan.columns.added.length,
  });
  expect(plan.formulaColumns).toEqual([{ column: 'E', header: 'Stalled', field: 'Stalled Since' }]);
  // Learned as the functions read it (SPEC §1): Lead, Proposal and Closing are open values, and
  // "Closing" (one deal) cannot be a typo beside only two deals of a known pipeline (four per
  // stray needed), so the team's own pipeline is learned in order of first appearance.
  expect(plan.counts).toEqual({ deals: 5, open: 3, won: 1, lost: 1 });
  expect(plan.stages.source).toBe('learned');
  expect(plan.stages.list.map((s) => [s.name, s.outcome, s.deals])).toEqual([
    ['Lead', 'Open', 1],
    ['Proposal', 'Open', 1],
    ['Closing', 'Open', 1],
    ['Won', 'Won', 1],
    ['Lost', 'Lost', 1],
  ]);
  // Only Globex's "abc" amount is unreadable now that Closing is a stage.
  expect(plan.problems.map((p) => [p.row, p.deal])).toEqual([[3, 'Globex']]);
  expect(plan.stageDropDown).toBe('add');
});

test('a sheet of the default stages says "defaults"; a stray stage among them stays a problem', () => {
  // Four deals in default stages and one "Closng" (a typo: one deal, ≥ 4 in the pipeline).
  const rows = [
    ['Deal', 'Amount', 'Stage'],
    ['A', 100, 'Lead'],
    ['B', 200, 'Lead'],
    ['C', 300, 'Proposal'],
    ['D', 400, 'Negotiation'],
    ['E', 500, 'Closng'],
    ['F', 600, 'Won'],
  ];
  const plan = understandSetup(facts(rows));
  expect(plan.stages.source).toBe('defaults');
  expect(plan.counts).toEqual({ deals: 6, open: 4, won: 1, lost: 0 });
  expect(plan.problems.map((p) => [p.row, p.deal])).toEqual([[6, 'E']]);
});

test('the token changes with what would be written, not with the deals', () => {
  const base = understandSetup(facts(SHEET));
  const moreDeals = understandSetup(facts([...SHEET, ['Wayne', 100, 'Lead', '', '']]));
  expect(moreDeals.token).toBe(base.token);
  const newColumn = understandSetup(facts(SHEET.map((r, i) => [...r, i === 0 ? 'Region' : ''])));
  expect(newColumn.token).not.toBe(base.token);
});

test('team rules on Stage cells keep the drop-down out; a Stages sheet that cannot be read says why', () => {
  const plan = understandSetup(
    facts(SHEET, {
      stageValidation: { ours: 0, theirs: 2, theirsA1: 'C4:C5', none: 997 },
      stagesRows: [
        ['Stage', 'Probability', 'Outcome'],
        ['Lead', 'lots', 'Open'],
      ],
    }),
  );
  expect(plan.stageDropDown).toBe('kept');
  expect(plan.stages.error).toBe('Stages!B2: probability "lots" is not a percentage (use 40% or 0.4).');
  expect(plan.counts).toEqual({ deals: 5, open: 0, won: 0, lost: 0 });
});

test('a created date is read as a date (time zone of the calendar)', () => {
  const plan = understandSetup(
    facts([
      ['Deal', 'Stage', 'Created'],
      ['A', 'Lead', d('2026-11-01')],
    ]),
  );
  expect(plan.problems).toEqual([]);
});
