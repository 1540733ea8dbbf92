import { d, day, errorOf } from '../testing';
import { columnLetter, DEAL_COLUMNS, mapColumns, mapDealColumns } from './columns';
import { Calendar } from './dates';
import { isLost, isOpen, isWon, parseDeals, probabilityOf } from './deals';
import { StageSet } from './stages';

const stages = StageSet.defaults();
const utc = new Calendar('Etc/UTC');

describe('mapColumns: headers by name, any order, aliases', () => {
  test('case, spaces and punctuation are ignored', () => {
    const map = mapDealColumns(['  deal name ', 'STATUS', 'close-date', 'Sales_Rep', 'Notes']);
    // 'deal name' → Deal (col 0), 'STATUS' → Stage (1, no other Stage column), 'close-date' →
    // Expected Close (2) and, with no Closed column, Closed too (SPEC §1 Close Date), 'Sales_Rep' → Owner (3)
    expect(map.index).toEqual({ deal: 0, stage: 1, expectedClose: 2, closed: 2, owner: 3 });
    expect(map.headers).toEqual(['deal name', 'STATUS', 'close-date', 'Sales_Rep', 'Notes']);
  });

  test('the canonical header wins over an alias, then the leftmost', () => {
    // 'Deal Stage' (alias) is left of 'Stage' (canonical): Stage wins → column 1
    expect(mapColumns(['Deal Stage', 'Stage'], DEAL_COLUMNS).index.stage).toBe(1);
    // two aliases: the leftmost 'Value' (0) wins over 'Revenue' (1)
    expect(mapColumns(['Value', 'Revenue'], DEAL_COLUMNS).index.amount).toBe(0);
  });

  test('Close Date is Expected Close, Closed Date is Closed', () => {
    const map = mapColumns(['Close Date', 'Closed Date', 'Date Closed'], DEAL_COLUMNS);
    expect(map.index.expectedClose).toBe(0);
    // 'Closed Date' (1) is left of 'Date Closed' (2), both aliases
    expect(map.index.closed).toBe(1);
  });

  test('columnLetter', () => {
    // 0 → A, 25 → Z, 26 → AA, 27 → AB, 16 → Q
    expect([0, 25, 26, 27, 16].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'Q']);
  });
});

describe('parseDeals on a messy real-world sheet', () => {
  // Aliased headers in an odd order, an unknown "Notes" column, blank rows in the middle,
  // currency text, ISO text dates, probabilities in three spellings, unreadable cells.
  const rows: unknown[][] = [
    [
      'Notes',
      'close date',
      'Status',
      'Deal Name',
      'Rep',
      'Value',
      'Created On',
      'Win Probability',
      'Deal ID',
      'Closed On',
      'Last Touch',
      'In Stage Since',
      'Snooze',
      'Account',
    ],
    [
      'call back',
      d('2026-12-15'),
      'proposal',
      'Acme renewal',
      'Ana',
      '$12,500.50',
      d('2026-10-01'),
      0.4,
      'D-1',
      '',
      '2026-11-20',
      d('2026-11-01'),
      '',
      'Acme',
    ],
    ['', '', '', '', '', '', '', '', '', '', '', '', '', ''],
    [
      '',
      '2026-12-01',
      'NEGOTIATION',
      'Globex',
      'ben@example.com',
      '12500 USD',
      '2026-09-01',
      '40%',
      'D-2',
      '',
      '',
      '',
      '2026-12-01',
      'Globex',
    ],
    [null, null, null, null, null, null, null, null, null, null, null, null, null, null],
    ['x', '', 'Lead', 'Initech', 'Ana', '€1,200', 'next week', 40, 'D-3', '', '', '', '', ''],
    ['', '', 'won', 'Umbrella', 'Cleo', 'abc', d('2026-08-01'), '', 'D-4', d('2026-10-01'), '', '', '', ''],
    ['', '', 'Prospecting', 'Hooli', 'Ana', 100, '', 'high', 'D-5', '', '', '', '', ''],
    ['only a note'],
  ];
  const table = parseDeals(rows, stages, utc);

  test('blank rows are skipped; row numbers are sheet rows (header = row 1)', () => {
    // data rows at indexes 1, 3, 5, 6, 7, 8 → sheet rows 2, 4, 6, 7, 8, 9
    expect(table.deals.map((x) => x.row)).toEqual([2, 4, 6, 7, 8, 9]);
    expect(table.deals.map((x) => x.name)).toEqual([
      'Acme renewal',
      'Globex',
      'Initech',
      'Umbrella',
      'Hooli',
      '',
    ]);
  });

  test('values are read through their aliases', () => {
    const [acme, globex, initech, umbrella] = table.deals;
    expect(acme).toMatchObject({
      id: 'D-1',
      company: 'Acme',
      owner: 'Ana',
      amount: 12500.5,
      probability: 0.4,
      created: day('2026-10-01'),
      stageEntered: day('2026-11-01'),
      expectedClose: day('2026-12-15'),
      closed: null,
      // ISO text '2026-11-20'
      lastActivity: day('2026-11-20'),
      snoozedUntil: null,
    });
    expect(acme?.stage?.name).toBe('Proposal');
    expect(globex).toMatchObject({ amount: 12500, probability: 0.4, snoozedUntil: day('2026-12-01') });
    expect(globex?.stage?.name).toBe('Negotiation');
    // €1,200 → 1200; 40 → 40 %; Created 'next week' unreadable → null
    expect(initech).toMatchObject({ amount: 1200, probability: 0.4, created: null });
    // 'won' case-insensitive; amount 'abc' → null
    expect(umbrella?.stage?.name).toBe('Won');
    expect(umbrella?.amount).toBeNull();
    expect(umbrella?.closed).toBe(day('2026-10-01'));
  });

  test('unknown stage and unreadable cells are reported with row and deal', () => {
    expect(table.problems).toEqual([
      { row: 6, deal: 'Initech', problem: 'Created "next week" is not a date' },
      { row: 7, deal: 'Umbrella', problem: 'Amount "abc" is not a number' },
      {
        row: 8,
        deal: 'Hooli',
        problem:
          'Unknown stage "Prospecting" (stages are: Lead, Qualified, Contacted, Needs Assessment, Proposal, Negotiation, Won, Lost)',
      },
      { row: 8, deal: 'Hooli', problem: 'Probability "high" is not a percentage' },
      { row: 9, deal: '', problem: 'Stage is blank' },
    ]);
  });

  test('open / won / lost follow the stage Outcome; unknown stage is none of them', () => {
    const flags = table.deals.map((x) => [isOpen(x), isWon(x), isLost(x)]);
    expect(flags).toEqual([
      [true, false, false],
      [true, false, false],
      [true, false, false],
      [false, true, false],
      [false, false, false],
      [false, false, false],
    ]);
  });

  test('probabilityOf: own Probability wins, else the stage, unreadable falls back to the stage', () => {
    // Acme own 0.4 (stage Proposal 0.6); Hooli 'high' unreadable and stage unknown → 0
    expect(probabilityOf(table.deals[0]!)).toBe(0.4);
    expect(probabilityOf(table.deals[4]!)).toBe(0);
  });
});

describe('parseDeals: required columns and options', () => {
  test('a missing Stage column names it and lists the headers found', () => {
    const message = errorOf(() => parseDeals([['Deal', 'Amount', '', 'Owner']], stages, utc));
    expect(message).toContain('Deals has no Stage column');
    expect(message).toContain('Status');
    expect(message).toContain('Headers found: Deal, Amount, Owner.');
  });

  test('a missing required Amount column names it, with the sheet name given', () => {
    const message = errorOf(() =>
      parseDeals([['Stage', 'Deal']], stages, utc, { required: ['amount'], sheet: 'Pipeline' }),
    );
    expect(message).toContain('Pipeline has no Amount column');
    expect(message).toContain('Value');
    expect(message).toContain('Headers found: Stage, Deal.');
  });

  test('an empty table is an error', () => {
    expect(errorOf(() => parseDeals([], stages, utc))).toContain('Deals is empty');
  });

  test('fields not asked for are not read (and not reported)', () => {
    const t = parseDeals(
      [
        ['Stage', 'Amount', 'Created'],
        ['Lead', 'abc', 'next week'],
      ],
      stages,
      utc,
      { fields: ['stage', 'amount'] },
    );
    expect(t.problems.map((p) => p.problem)).toEqual(['Amount "abc" is not a number']);
    expect(t.deals[0]?.created).toBeNull();
  });

  test('headerRow shifts row numbers', () => {
    const t = parseDeals(
      [
        ['Stage', 'Deal'],
        ['Lead', 'A'],
      ],
      stages,
      utc,
      { headerRow: 5 },
    );
    // header on row 5 → first deal on row 6
    expect(t.deals[0]?.row).toBe(6);
  });

  test('the deal label falls back to the ID in problems', () => {
    const t = parseDeals(
      [
        ['ID', 'Stage'],
        ['D-9', 'Nope'],
      ],
      stages,
      utc,
    );
    expect(t.problems[0]).toMatchObject({ row: 2, deal: 'D-9' });
  });
});

describe('a Date in a text field is the calendar day of the spreadsheet time zone', () => {
  // Tokyo is UTC+9: a date cell of 2026-11-30 arrives as local midnight, 2026-11-29T15:00Z.
  // Rendered through toISOString() it would read 2026-11-29, a day early.
  const tokyo = new Calendar('Asia/Tokyo');
  const nov30 = new Date('2026-11-29T15:00:00Z');

  test('Next Step, Company and Lost Reason holding a date read 2026-11-30, not 2026-11-29', () => {
    const t = parseDeals(
      [
        ['Deal', 'Stage', 'Company', 'Next Step', 'Lost Reason'],
        ['A', 'Lead', nov30, nov30, nov30],
      ],
      stages,
      tokyo,
    );
    expect(t.deals[0]).toMatchObject({
      company: '2026-11-30',
      nextStep: '2026-11-30',
      lostReason: '2026-11-30',
    });
  });

  test('a date typed into Amount or Probability is reported as that day, not as a JS date string', () => {
    const t = parseDeals(
      [
        ['Deal', 'Stage', 'Amount', 'Probability'],
        ['A', 'Lead', nov30, nov30],
      ],
      stages,
      tokyo,
    );
    expect(t.problems.map((p) => p.problem)).toEqual([
      'Amount "2026-11-30" is not a number',
      'Probability "2026-11-30" is not a percentage',
    ]);
  });

  test('a date in the Stage column is named by its local day in the unknown-stage problem', () => {
    const t = parseDeals(
      [
        ['Deal', 'Stage'],
        ['A', nov30],
      ],
      stages,
      tokyo,
    );
    expect(t.problems[0]?.problem).toMatch(/^Unknown stage "2026-11-30"/);
  });
});
