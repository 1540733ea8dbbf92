/**
 * Every custom function, called in the built dist/Code.js loaded by gas-local with the host's
 * fakes, in both forms: with the tables as ranges, and reading the sheets. The expected values
 * are worked out by hand from test/support/sample.ts (today 2026-11-23).
 */
import { World } from '../../host';
import { call, loadInWorld, type ScriptContext, thrown } from '../support/code';
import { NOW, SAMPLE_DEALS, SAMPLE_HISTORY, SAMPLE_TEAM, TIME_ZONE, wholeColumns } from '../support/sample';

const DEALS = wholeColumns(SAMPLE_DEALS);
const HISTORY = wholeColumns(SAMPLE_HISTORY);

/** [function, arguments after the tables, expected] — hand-worked. */
const CASES: [string, unknown[], unknown][] = [
  // Open: D-1, D-2, D-3, D-7 (D-8's stage "Closing" is unknown, so it is no deal of any stage).
  ['PIPELINE_COUNT', [], 4],
  ['PIPELINE_COUNT', ['won'], 2], // D-4, D-5
  ['PIPELINE_COUNT', ['', 'ANA'], 2], // Ana's open: D-1, D-3
  ['PIPELINE_COUNT', ['', 'ben@example.com'], 2], // Ben by Team email: D-2, D-7
  // 10000 + 20000 + 5000 + 7500 ("$7,500")
  ['PIPELINE_VALUE', [], 42500],
  ['PIPELINE_VALUE', ['Proposal'], 10000],
  // D-1 10000×0.6 + D-2 20000×0.5 (own 50%) + D-3 5000×0.1 + D-7 7500×0.2 = 6000+10000+500+1500
  ['PIPELINE_WEIGHTED', [], 18000],
  // closed: D-4 won, D-5 won, D-6 lost → 2/3
  ['PIPELINE_WINRATE', [], 2 / 3],
  // closed 2026-09-01..2026-10-31: D-5 won (10-10), D-6 lost (09-15) → 1/2
  ['PIPELINE_WINRATE', ['', new Date('2026-09-01T00:00:00Z'), '2026-10-31'], 0.5],
  // (30000 + 12000) / 2
  ['PIPELINE_AVG_DEAL', [], 21000],
  // D-4 06-01→08-31 = 29+31+31 = 91; D-5 07-01→10-10 = 30+31+30+10 = 101; mean 96
  ['PIPELINE_CYCLE_DAYS', [], 96],
  // 4 open × 21000 × 2/3 ÷ 96 = 56000 / 96
  ['PIPELINE_VELOCITY', [], 56000 / 96],
  // D-1 Proposal (limit 10) since 11-01: 22 days > 10. D-7 is snoozed to 12-01; D-2 3 days ≤ 7;
  // D-3's clock starts at Last Activity 11-20 (3 days).
  [
    'PIPELINE_STALLED',
    [],
    [
      ['Deal', 'Owner', 'Stage', 'Days In Stage', 'Amount'],
      ['Alpha', 'Ana', 'Proposal', 22, 10000],
    ],
  ],
  ['PIPELINE_STALLED_COUNT', [], 1],
  ['PIPELINE_STALLED_COUNT', ['Ben'], 0],
  // Furthest open stage reached (Lead 0 … Negotiation 5): D-1 4, D-2 5, D-3 0, D-4 won → 5,
  // D-5 won → 5, D-6 lost with History from Contacted → 2, D-7 1, D-8 none.
  // Reached: Lead 7, Qualified 6, Contacted 5, Needs Assessment 4, Proposal 4, Negotiation 3, Won 2.
  [
    'PIPELINE_FUNNEL',
    [],
    [
      ['Stage', 'Open Deals', 'Open Value', 'Weighted Value', 'Reached', 'Conversion'],
      ['Lead', 1, 5000, 500, 7, 6 / 7],
      ['Qualified', 1, 7500, 1500, 6, 5 / 6],
      ['Contacted', 0, 0, 0, 5, 4 / 5],
      ['Needs Assessment', 0, 0, 0, 4, 1],
      ['Proposal', 1, 10000, 6000, 4, 3 / 4],
      ['Negotiation', 1, 20000, 10000, 3, 2 / 3],
    ],
  ],
  // entered Proposal: D-1, D-2, D-4, D-5; later Won: D-4, D-5
  ['PIPELINE_CONVERSION', ['Proposal', 'Won'], 0.5],
  // History rows leaving Qualified: D-1 after 17 days
  ['PIPELINE_STAGE_DAYS', ['Qualified'], 17],
  // December: D-1 6000 + D-2 10000 + D-7 1500
  ['PIPELINE_FORECAST', ['2026-12'], 17500],
  [
    'PIPELINE_FORECAST',
    [],
    [
      ['Month', 'Open Deals', 'Value', 'Weighted', 'Won'],
      ['2026-08', 0, 0, 0, 30000],
      ['2026-10', 0, 0, 0, 12000],
      ['2026-12', 3, 37500, 17500, 0],
      ['No date', 1, 5000, 500, 0],
    ],
  ],
  // won 42000 ÷ 84000
  ['PIPELINE_ATTAINMENT', [84000], 0.5],
  // quota blank → Ana's 60000 from Team; Ana won D-4 30000
  ['PIPELINE_ATTAINMENT', ['', 'Ana'], 0.5],
  // open expected in December 37500 ÷ (100000 − 0 won in December)
  ['PIPELINE_COVERAGE', [100000, '', '2026-12-01', '2026-12-31'], 0.375],
  // reached Contacted: D-1, D-2, D-4, D-5, D-6 → won 2, lost 1 → 2/3
  ['PIPELINE_STAGE_PROBABILITY', ['Contacted'], 2 / 3],
];

function usesHistory(name: string): boolean {
  return [
    'PIPELINE_FUNNEL',
    'PIPELINE_CONVERSION',
    'PIPELINE_STAGE_DAYS',
    'PIPELINE_STAGE_PROBABILITY',
  ].includes(name);
}

function expectClose(actual: unknown, expected: unknown): void {
  if (typeof expected === 'number') {
    expect(typeof actual).toBe('number');
    expect(actual as number).toBeCloseTo(expected, 9);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual)).toBe(true);
    const rows = actual as unknown[][];
    expect(rows.length).toBe(expected.length);
    expected.forEach((row: unknown[], i) => {
      row.forEach((cell, j) => {
        expectClose(rows[i]?.[j], cell);
      });
    });
  } else {
    expect(actual).toEqual(expected);
  }
}

function newWorld(): World {
  const world = new World({ now: NOW, timeZone: TIME_ZONE });
  world.setSheet('Deals', SAMPLE_DEALS);
  world.setSheet('History', SAMPLE_HISTORY);
  world.setSheet('Team', SAMPLE_TEAM);
  return world;
}

describe('every custom function in the built Code.js', () => {
  let world: World;
  let ctx: ScriptContext;
  beforeEach(() => {
    world = newWorld();
    ctx = loadInWorld(world, { authMode: 'CUSTOM_FUNCTION' });
  });

  test.each(CASES)('%s range form with %p', (name, args, expected) => {
    const tables = usesHistory(name) ? [DEALS, HISTORY] : [DEALS];
    world.calls.reset();
    expectClose(call(ctx, name, ...tables, ...args), expected);
    // Given the ranges, it reads no deals or history from the spreadsheet.
    const sheetsRead = world.calls.log.filter((c) => c.name === 'Range.getValues').map((c) => c.sheet);
    expect(sheetsRead).not.toContain('Deals');
    expect(sheetsRead).not.toContain('History');
  });

  test.each(CASES)('%s sheet form with %p', (name, args, expected) => {
    world.calls.reset();
    expectClose(call(ctx, name, ...args), expected);
    const reads = world.calls.log.filter((c) => c.name === 'Range.getValues').map((c) => c.sheet);
    // STAGE_DAYS is measured from History alone: it reads no deals.
    if (name === 'PIPELINE_STAGE_DAYS') expect(reads).toEqual(['History']);
    else expect(reads).toContain('Deals');
    expect(new Set(reads).size).toBe(reads.length); // each sheet read at most once
  });

  test('PIPELINE_CHECK lists the planted problems of row 9 in both forms', () => {
    for (const result of [call(ctx, 'PIPELINE_CHECK', DEALS), call(ctx, 'PIPELINE_CHECK')]) {
      const rows = result as unknown[][];
      expect(rows[0]).toEqual(['Row', 'Deal', 'Problem']);
      expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([
        [9, 'Theta'],
        [9, 'Theta'],
      ]);
      const problems = rows.slice(1).map((r) => String(r[2]));
      expect(problems.some((p) => p.startsWith('Unknown stage "Closing"'))).toBe(true);
      expect(problems).toContain('Amount "abc" is not a number');
    }
  });

  test('errors are messages a user can act on', () => {
    const unknownStage = thrown(() => call(ctx, 'PIPELINE_COUNT', DEALS, 'Closing'));
    expect(unknownStage?.message).toMatch(
      /^Unknown stage "Closing"\. Stages are: Lead, Qualified, .*Lost\.$/,
    );
    const noClosed = thrown(() => call(ctx, 'PIPELINE_WINRATE', DEALS, '', '2027-01-01'));
    expect(noClosed?.message).toBe('No closed deals in this period.');
    const badDate = thrown(() => call(ctx, 'PIPELINE_WINRATE', DEALS, '', 'next week'));
    expect(badDate?.message).toContain('start "next week" is not a date');
    const missing = thrown(() =>
      call(ctx, 'PIPELINE_VALUE', [
        ['Deal', 'Stage'],
        ['A', 'Lead'],
      ]),
    );
    expect(missing?.message).toContain('has no Amount column');
    expect(missing?.message).toContain('Headers found: Deal, Stage.');
  });

  test('a custom function cannot write: the sheet is unchanged after every call', () => {
    const before = JSON.stringify(world.sheetValues('Deals'));
    for (const [name, args] of CASES) {
      try {
        call(ctx, name, ...args);
      } catch {
        // errors are checked elsewhere
      }
    }
    expect(JSON.stringify(world.sheetValues('Deals'))).toBe(before);
    expect(world.calls.writes()).toBe(0);
  });
});

describe('sheet form round trips', () => {
  test('Stages is read once, then comes from the document cache: at most 2 reads per call', () => {
    const world = newWorld();
    world.setSheet('Stages', [
      ['Stage', 'Probability', 'Stalled After (days)', 'Outcome'],
      ['Lead', 0.1, 14, 'Open'],
      ['Qualified', 0.2, 14, 'Open'],
      ['Contacted', 0.3, 10, 'Open'],
      ['Needs Assessment', 0.4, 14, 'Open'],
      ['Proposal', 0.6, 10, 'Open'],
      ['Negotiation', 0.8, 7, 'Open'],
      ['Won', 1, '', 'Won'],
      ['Lost', 0, '', 'Lost'],
    ]);
    const sheetsRead = () => world.calls.log.filter((c) => c.name === 'Range.getValues').map((c) => c.sheet);
    const first = loadInWorld(world, { authMode: 'CUSTOM_FUNCTION' });
    world.calls.reset();
    // Stages as written here are the defaults, so the funnel is the hand-worked one of CASES.
    const funnel = CASES.find(([name]) => name === 'PIPELINE_FUNNEL')![2];
    expectClose(call(first, 'PIPELINE_FUNNEL'), funnel);
    expect(sheetsRead().sort()).toEqual(['Deals', 'History', 'Stages']);
    // A later execution (another cell) finds Stages in the cache: Deals and History only.
    const second = loadInWorld(world, { authMode: 'CUSTOM_FUNCTION' });
    world.calls.reset();
    expectClose(call(second, 'PIPELINE_FUNNEL'), funnel);
    expect(sheetsRead().sort()).toEqual(['Deals', 'History']);
    world.calls.reset();
    expect(call(second, 'PIPELINE_COUNT')).toBe(4);
    expect(sheetsRead()).toEqual(['Deals']);
  });
});

describe('SPEC edge cases in the built Code.js', () => {
  test('PIPELINE_CHECK lists a deal typed Lost without a reason (SPEC §2), and no other lost deal', () => {
    const world = new World({ now: NOW, timeZone: 'Etc/UTC' });
    const ctx = loadInWorld(world, { authMode: 'CUSTOM_FUNCTION' });
    const closed = new Date('2026-11-02T00:00:00Z');
    const rows = [
      ['Deal', 'Stage', 'Amount', 'Closed', 'Lost Reason'],
      ['Lambda', 'Lost', 100, closed, 'Price'], // row 2: has a reason
      ['Mu', 'lost', 200, closed, ''], // row 3: typed in the sheet, no reason
      ['Nu', 'Lost', 300, closed, '   '], // row 4: only blanks is no reason
      ['Xi', 'Won', 400, closed, ''], // row 5: won needs no reason
      ['Omicron', 'Proposal', 500, '', ''], // row 6: open
    ];
    expect(call(ctx, 'PIPELINE_CHECK', rows)).toEqual([
      ['Row', 'Deal', 'Problem'],
      [3, 'Mu', 'Lost without a reason'],
      [4, 'Nu', 'Lost without a reason'],
    ]);
  });

  test('Tokyo: a date typed into a text or number column is named by its local day', () => {
    // A date cell of 2026-11-30 in a Tokyo spreadsheet is local midnight = 2026-11-29T15:00Z;
    // toISOString() would name it 2026-11-29.
    const world = new World({ now: NOW, timeZone: 'Asia/Tokyo' });
    const ctx = loadInWorld(world, { authMode: 'CUSTOM_FUNCTION' });
    const nov30 = new Date('2026-11-29T15:00:00Z');
    const rows = [
      ['Deal', 'Stage', 'Amount'],
      ['Kappa', 'Lead', nov30],
    ];
    expect(call(ctx, 'PIPELINE_CHECK', rows)).toEqual([
      ['Row', 'Deal', 'Problem'],
      [2, 'Kappa', 'Amount "2026-11-30" is not a number'],
    ]);
  });

  test('a period needs its date column: an error naming it, never a silent 0', () => {
    const world = newWorld();
    const ctx = loadInWorld(world, { authMode: 'CUSTOM_FUNCTION' });
    // SAMPLE_DEALS without Closed (column K) and Expected Close (column J)
    const noDates = SAMPLE_DEALS.map((row) => row.filter((_, i) => i !== 9 && i !== 10));
    // Before: 0 (D-4's 30000 and D-5's 12000 had no Closed date to fall in 2026)
    const attain = thrown(() =>
      call(ctx, 'PIPELINE_ATTAINMENT', noDates, 84000, '', '2026-01-01', '2026-12-31'),
    );
    expect(attain?.message).toContain('has no Closed column');
    // Before: 0 (no open deal had an Expected Close in December)
    const forecast = thrown(() => call(ctx, 'PIPELINE_FORECAST', noDates, '2026-12'));
    expect(forecast?.message).toContain('has no Expected Close column');
    // Without a period the columns are not needed: won 42000 ÷ 84000
    expect(call(ctx, 'PIPELINE_ATTAINMENT', noDates, 84000)).toBe(0.5);
  });

  test('a Stages sheet of 32 open stages still gives a funnel', () => {
    const world = newWorld();
    const stages: unknown[][] = [['Stage', 'Probability', 'Stalled After (days)', 'Outcome']];
    for (let i = 1; i <= 32; i++) stages.push([`S${i}`, 0.5, 14, 'Open']);
    stages.push(['Won', 1, '', 'Won'], ['Lost', 0, '', 'Lost']);
    world.setSheet('Stages', stages);
    const ctx = loadInWorld(world, { authMode: 'CUSTOM_FUNCTION' });
    const deals = [
      ['ID', 'Stage', 'Amount'],
      ['A', 'S1', 100],
      ['B', 'S32', 200],
      ['C', 'Won', 300],
    ];
    // Reached: S1 3; S2…S32 b, c = 2; Won c → S1 2/3, S32 1/2
    const rows = call(ctx, 'PIPELINE_FUNNEL', deals, HISTORY) as unknown[][];
    expect(rows.length).toBe(33);
    expect(rows[1]).toEqual(['S1', 1, 100, 50, 3, 2 / 3]);
    expect(rows[32]).toEqual(['S32', 1, 200, 100, 2, 0.5]);
  });
});
