import { seeded } from '../../../test/support/generate';
import { DEAL_ID_PATTERN } from '../model/ids';
import { sheetColumn } from '../model/sheetColumn';
import {
  formatRuns,
  isDealRow,
  overdueRuleFormula,
  planColumns,
  planIds,
  stalledRuleFormula,
  wholeColumns,
} from './plan';

const MESSY = ['Deal Name', 'Notes', 'Value', 'Status', 'Rep', 'Margin'];

describe('planColumns', () => {
  test('adds every missing managed column at the right, canonical names, SPEC order', () => {
    const plan = planColumns(MESSY, 6);
    expect(plan.added.map((c) => [c.header, c.column])).toEqual([
      ['ID', 7],
      ['Company', 8],
      ['Probability', 9],
      ['Created', 10],
      ['Stage Entered', 11],
      ['Expected Close', 12],
      ['Closed', 13],
      ['Last Activity', 14],
      ['Next Step', 15],
      ['Next Step Date', 16],
      ['Lost Reason', 17],
      ['Snoozed Until', 18],
      ['Stalled Since', 19],
    ]);
    expect(plan.columns).toMatchObject({ deal: 1, amount: 3, stage: 4, owner: 5, id: 7, stalledSince: 19 });
    expect(plan.width).toBe(19);
  });

  test('data in a column without a header pushes the new columns further right', () => {
    const plan = planColumns(['ID', 'Deal', 'Stage'], 5);
    expect(plan.added[0]).toEqual({ field: 'company', header: 'Company', column: 6 });
  });

  test('a complete sheet needs nothing; an empty one gets every column from A', () => {
    const full = planColumns(
      planColumns([], 0).added.map((c) => c.header),
      17,
    );
    expect(full.added).toEqual([]);
    expect(full.width).toBe(17);
    const empty = planColumns([], 0);
    expect(empty.added).toHaveLength(17);
    expect(empty.added[0]).toEqual({ field: 'id', header: 'ID', column: 1 });
  });
});

test('formats: adjacent new columns sharing a format are one write', () => {
  expect(formatRuns(planColumns(MESSY, 6).added)).toEqual([
    { column: 9, count: 1, format: '0%' },
    { column: 10, count: 5, format: 'yyyy-mm-dd' },
    // Next Step Date (16), then Snoozed Until and Stalled Since (18, 19) after Lost Reason
    { column: 16, count: 1, format: 'yyyy-mm-dd' },
    { column: 18, count: 2, format: 'yyyy-mm-dd' },
  ]);
});

describe('planIds', () => {
  // Columns: A ID, B Deal, C Stage, D user formula column.
  const columns = planColumns(['ID', 'Deal', 'Stage', 'Score'], 4).columns;
  const rows = [
    ['', 'Acme', 'Lead', 1], // row 2: needs an ID
    ['D-KEEP0001', 'Globex', 'Won', 2], // row 3: has one
    ['', 'Initech', '', 3], // row 4: needs one (a deal without a stage)
    ['', '', '', 0], // row 5: blank deal row (only the user's formula column)
    ['', 'Hooli', 'Proposal', 5], // row 6: needs one
    ['', '', '', ''], // row 7: blank
    ['', 'Stark', 'Lead', 7], // row 8: ID cell holds a formula showing ''
    ['', '', '', ''], // row 9: blank at the end
  ];
  const formulas = ['', '', '', '', '', '', '=""', ''];

  test('blocks over blank cells, starting and ending on deal rows; IDs unique and well-formed', () => {
    const { blocks, assigned } = planIds(rows, columns, formulas, seeded(1));
    expect(assigned).toBe(3);
    expect(blocks.map((b) => [b.row, b.values.length])).toEqual([
      [2, 1],
      [4, 3],
    ]);
    const [a, b] = blocks;
    expect(b!.values[1]).toBe('');
    const ids = [a!.values[0], b!.values[0], b!.values[2]] as string[];
    for (const id of ids) expect(id).toMatch(DEAL_ID_PATTERN);
    expect(new Set([...ids, 'D-KEEP0001']).size).toBe(4);
  });

  test('nothing to do when every deal has an ID', () => {
    const done = [
      ['D-1', 'Acme', 'Lead'],
      ['', '', ''],
    ];
    expect(planIds(done, columns, [], seeded(2))).toEqual({ blocks: [], assigned: 0 });
  });

  test('a deal row is one with something in a managed column other than ID', () => {
    expect(isDealRow(['', '', '', 42], columns)).toBe(false);
    expect(isDealRow(['D-1', '', '', ''], columns)).toBe(false);
    expect(isDealRow(['', '', 'Lead'], columns)).toBe(true);
  });
});

test('the stalled-row rule and whole-column ranges', () => {
  expect(stalledRuleFormula(sheetColumn(18))).toBe('=$R2<>""');
  expect(stalledRuleFormula(sheetColumn(1))).toBe('=$A2<>""');
  // @ts-expect-error a plain number (a 0-based index, say) is not a sheet column
  expect(stalledRuleFormula(17)).toBe('=$Q2<>""');
  expect(wholeColumns(20)).toBe('A:T');
  expect(wholeColumns(28)).toBe('A:AB');
});

describe('overdueRuleFormula', () => {
  // Columns 1-based: Stage C (3), Expected Close F (6), Closed G (7), Next Step Date J (10),
  // Snoozed Until L (12). Written out by hand from SPEC §2's dated problems.
  const columns = {
    stage: sheetColumn(3),
    expectedClose: sheetColumn(6),
    closed: sheetColumn(7),
    nextStepDate: sheetColumn(10),
    snoozedUntil: sheetColumn(12),
  };

  test('a Closed column of its own: open means Closed is empty', () => {
    expect(overdueRuleFormula(columns, ['Won', 'Lost'])).toBe(
      '=AND($G2="",OR($L2="",$L2<=TODAY()),OR(AND(ISNUMBER($F2),$F2<TODAY()),AND(ISNUMBER($J2),$J2<TODAY())))',
    );
  });

  test('one Close Date for both: open means a Stage that is not closed (quotes doubled)', () => {
    expect(overdueRuleFormula({ ...columns, closed: sheetColumn(6) }, ['Closed Won', 'Say "no"'])).toBe(
      '=AND($C2<>"Closed Won",$C2<>"Say ""no""",OR($L2="",$L2<=TODAY()),OR(AND(ISNUMBER($F2),$F2<TODAY()),AND(ISNUMBER($J2),$J2<TODAY())))',
    );
  });
});
