import { d, dealRows, errorOf, historyRows, memorySource, NOW } from '../core/testing';
import { FUNCTIONS } from './catalog';
import { IMPLEMENTATIONS } from './implementations';
import { runCustomFunction } from './run';

// Today is 2026-11-23 (NOW = noon UTC). Default stages unless a Stages table is given.
const DEALS = dealRows([
  {
    id: 'D1',
    deal: 'Acme',
    owner: 'Ana',
    amount: 10000,
    stage: 'Proposal',
    stageEntered: '2026-11-01',
    expectedClose: '2026-12-10',
  },
  {
    id: 'D2',
    deal: 'Globex',
    owner: 'ben@example.com',
    amount: '$2,000',
    stage: 'Lead',
    created: '2026-11-20',
    expectedClose: '2026-12-20',
  },
  {
    id: 'D3',
    deal: 'Initech',
    owner: 'ana',
    amount: 4000,
    stage: 'Negotiation',
    stageEntered: '2026-11-20',
    probability: '50%',
  },
  {
    id: 'D4',
    deal: 'Umbrella',
    owner: 'Ana',
    amount: 6000,
    stage: 'Won',
    created: '2026-09-01',
    closed: '2026-10-01',
  },
  {
    id: 'D5',
    deal: 'Hooli',
    owner: 'Ben',
    amount: 3000,
    stage: 'Lost',
    created: '2026-09-01',
    closed: '2026-10-31',
  },
  {
    id: 'D6',
    deal: 'Soylent',
    owner: 'Ben',
    amount: 9000,
    stage: 'Won',
    created: '2026-10-01',
    closed: '2026-11-01',
  },
]);
const TEAM = [
  ['Owner', 'Email', 'Quota'],
  ['Ana', 'ana@example.com', 20000],
  ['Ben', 'ben@example.com', 10000],
];
// Acme: Lead → Proposal (Oct 20, 5 days in Lead) ; Proposal since Nov 1 with no exit
// Soylent: Lead Oct 1 → Proposal Oct 11 (10 days) → Won Nov 1 (Days blank → derived Oct 11 → Nov 1 = 21)
const HISTORY = historyRows([
  ['2026-10-15', 'D1', 'Acme', '', 'Lead'],
  ['2026-10-20', 'D1', 'Acme', 'Lead', 'Proposal', 5],
  ['2026-10-01', 'D6', 'Soylent', '', 'Lead'],
  ['2026-10-11', 'D6', 'Soylent', 'Lead', 'Proposal', 10],
  ['2026-11-01', 'D6', 'Soylent', 'Proposal', 'Won', ''],
]);
const source = () => memorySource({ deals: DEALS, team: TEAM, history: HISTORY });
const run = (name: string, args: unknown[], src = source()) => runCustomFunction(name, args, src, NOW);

describe('tables: passed as 2-D ranges or read from the workbook', () => {
  test('a deals range is used as is: the Deals sheet is not read', () => {
    const src = source();
    // open: Acme, Globex, Initech = 3
    expect(run('PIPELINE_COUNT', [DEALS], src)).toBe(3);
    expect(src.reads.deals).toBe(0);
  });

  test('no range: the deals sheet is read', () => {
    const src = source();
    expect(run('PIPELINE_COUNT', [], src)).toBe(3);
    expect(src.reads.deals).toBe(1);
  });

  test('a range different from the sheet wins', () => {
    const other = dealRows([{ stage: 'Lead' }]);
    expect(run('PIPELINE_COUNT', [other])).toBe(1);
  });

  test('no Deals sheet and no range: a clear error', () => {
    expect(errorOf(() => run('PIPELINE_COUNT', [], memorySource({})))).toContain('No Deals sheet');
  });

  test('Stages and Team come from the workbook even when the deals are a range', () => {
    const stages = [
      ['Stage', 'Probability', 'Outcome'],
      ['Proposal', '10%', 'Open'],
      ['Lead', '10%', 'Open'],
      ['Negotiation', '10%', 'Open'],
      ['Won', '', 'Won'],
      ['Lost', '', 'Lost'],
    ];
    const src = memorySource({ stages, team: TEAM });
    // every open deal now weighs 10 % (Initech keeps its own 50 %):
    // 10000 × 0.1 + 2000 × 0.1 + 4000 × 0.5 = 1000 + 200 + 2000 = 3200
    expect(run('PIPELINE_WEIGHTED', [DEALS], src)).toBeCloseTo(3200, 6);
    expect(src.reads.stages).toBe(1);
  });
});

describe('filters and blank arguments', () => {
  test('=PIPELINE_COUNT(DEALS, "", "Ana"): blank stage means no filter', () => {
    // Ana (Team: Ana ↔ ana@example.com): Acme, Initech open = 2
    expect(run('PIPELINE_COUNT', [DEALS, '', 'Ana'])).toBe(2);
  });

  test('owner by Team email covers Owner cells holding the name', () => {
    // 'ANA@EXAMPLE.COM' → Ana: Acme + Initech = 10000 + 4000
    expect(run('PIPELINE_VALUE', [DEALS, '', 'ANA@EXAMPLE.COM'])).toBe(14000);
    // 'ben' → Ben and ben@example.com: Globex $2,000 open
    expect(run('PIPELINE_VALUE', [DEALS, null, 'ben'])).toBe(2000);
  });

  test('stage argument is case-insensitive; without a table it is the first argument', () => {
    expect(run('PIPELINE_COUNT', ['proposal'])).toBe(1);
    expect(run('PIPELINE_COUNT', [DEALS, 'WON'])).toBe(2);
  });

  test('an unknown stage lists the stages', () => {
    expect(errorOf(() => run('PIPELINE_COUNT', [DEALS, 'Prospecting']))).toBe(
      'Unknown stage "Prospecting". Stages are: Lead, Qualified, Contacted, Needs Assessment, Proposal, Negotiation, Won, Lost.',
    );
  });

  test('trailing blank arguments are fine; extra values are an error', () => {
    expect(run('PIPELINE_COUNT', [DEALS, '', '', ''])).toBe(3);
    expect(errorOf(() => run('PIPELINE_COUNT', [DEALS, '', 'Ana', 'x']))).toContain(
      'PIPELINE_COUNT takes ([deals], stage, owner)',
    );
  });

  test('a range where a value belongs is an error', () => {
    expect(errorOf(() => run('PIPELINE_COUNT', [DEALS, [['Proposal'], ['Lead']]]))).toContain(
      'extra or misplaced range',
    );
  });
});

describe('dates and windows', () => {
  test('start and end as Dates or ISO text, inclusive', () => {
    // closed: Umbrella won Oct 1, Hooli lost Oct 31, Soylent won Nov 1
    // Oct 1 – Oct 31 (both ends inclusive): won 1, lost 1 → 0.5
    expect(run('PIPELINE_WINRATE', [DEALS, '', d('2026-10-01'), d('2026-10-31')])).toBe(0.5);
    expect(run('PIPELINE_WINRATE', [DEALS, '', '2026-10-01', '2026-10-31'])).toBe(0.5);
    // blank end: from Oct 2 → Hooli lost, Soylent won → 0.5; blank start: until Oct 1 → 1
    expect(run('PIPELINE_WINRATE', [DEALS, '', '2026-10-02', ''])).toBe(0.5);
    expect(run('PIPELINE_WINRATE', [DEALS, '', '', '2026-10-01'])).toBe(1);
    // all: won 2, lost 1 → 2/3
    expect(run('PIPELINE_WINRATE', [DEALS])).toBeCloseTo(2 / 3, 10);
  });

  test('a bad date argument names the argument and the value', () => {
    expect(errorOf(() => run('PIPELINE_WINRATE', [DEALS, '', 'next week']))).toBe(
      'start "next week" is not a date (use a date or 2026-01-31).',
    );
    expect(errorOf(() => run('PIPELINE_AVG_DEAL', [DEALS, '', '2026-01-01', '2026-02-30']))).toContain(
      'end "2026-02-30" is not a date',
    );
  });

  test('start after end is an error', () => {
    expect(errorOf(() => run('PIPELINE_WINRATE', [DEALS, '', '2026-12-01', '2026-01-01']))).toBe(
      'start is after end.',
    );
  });

  test('nothing in the window: a clear error', () => {
    expect(errorOf(() => run('PIPELINE_WINRATE', [DEALS, '', '2027-01-01']))).toBe(
      'No closed deals in this period.',
    );
  });

  test('AVG_DEAL, CYCLE_DAYS and VELOCITY', () => {
    // won: Umbrella 6000 (Sep 1 → Oct 1 = 30 days), Soylent 9000 (Oct 1 → Nov 1 = 31 days)
    expect(run('PIPELINE_AVG_DEAL', [DEALS])).toBe(7500); // (6000 + 9000) / 2
    expect(run('PIPELINE_CYCLE_DAYS', [DEALS])).toBe(30.5); // (30 + 31) / 2
    expect(run('PIPELINE_CYCLE_DAYS', [DEALS, 'Ben'])).toBe(31);
    // velocity: 3 open × 7500 × 2/3 ÷ 30.5 = 15000 / 30.5
    expect(run('PIPELINE_VELOCITY', [DEALS])).toBeCloseTo(15000 / 30.5, 8);
  });
});

describe('history: passed as a range or read from the History sheet', () => {
  test('PIPELINE_STAGE_DAYS("Proposal") with no tables reads History from the workbook, and no deals', () => {
    const src = source();
    // Proposal stays: Soylent Oct 11 → Nov 1 = 21 (derived); Acme still in it → 21
    expect(run('PIPELINE_STAGE_DAYS', ['Proposal'], src)).toBe(21);
    expect(src.reads.deals).toBe(0); // measured from History alone
    expect(src.reads.history).toBe(1);
  });

  test('both tables as ranges: no sheet is read', () => {
    const src = memorySource({});
    // Lead stays: Acme 5, Soylent 10 → 7.5
    expect(run('PIPELINE_STAGE_DAYS', [DEALS, HISTORY, 'lead'], src)).toBe(7.5);
    expect(src.reads.deals).toBe(0);
    expect(src.reads.history).toBe(0);
  });

  test('deals as a range, history from the sheet', () => {
    const src = source();
    expect(run('PIPELINE_STAGE_DAYS', [DEALS, 'Lead'], src)).toBe(7.5);
    expect(src.reads.history).toBe(1);
  });

  test('=PIPELINE_STAGE_DAYS(, HISTORY, "Lead"): deals left out, history given', () => {
    const src = source();
    // Lead stays from HISTORY: Acme 5, Soylent 10 → 7.5; neither sheet read (STAGE_DAYS uses no deal)
    expect(run('PIPELINE_STAGE_DAYS', ['', HISTORY, 'Lead'], src)).toBe(7.5);
    expect(src.reads.deals).toBe(0);
    expect(src.reads.history).toBe(0);
    expect(run('PIPELINE_FUNNEL', [null, HISTORY], src)).toEqual(
      run('PIPELINE_FUNNEL', [DEALS, HISTORY], src),
    );
  });

  test('a blank before the values is still a blank value, not a left-out table', () => {
    // =PIPELINE_COUNT("", "Ana"): blank stage, owner Ana → Acme, Initech = 2
    expect(run('PIPELINE_COUNT', ['', 'Ana'])).toBe(2);
  });

  test('a required stage left blank is an error listing the stages', () => {
    expect(errorOf(() => run('PIPELINE_STAGE_DAYS', [DEALS, HISTORY, '']))).toContain(
      'PIPELINE_STAGE_DAYS needs a stage. Stages are: Lead,',
    );
  });

  test('no History sheet: stage days has nothing to measure', () => {
    const src = memorySource({ deals: DEALS });
    expect(errorOf(() => run('PIPELINE_STAGE_DAYS', ['Proposal'], src))).toBe(
      'No completed stays in Proposal in History.',
    );
  });

  test('FUNNEL with and without the history range', () => {
    // Reached without History: Lead = Acme, Globex, Initech, Umbrella (won), Hooli (lost: first only),
    // Soylent (won) = 6; Qualified..Proposal: Acme, Initech, Umbrella, Soylent = 4; Negotiation: Initech,
    // Umbrella, Soylent = 3. History adds nothing beyond Proposal for Acme and Soylent was won anyway.
    const withHistory = run('PIPELINE_FUNNEL', [DEALS, HISTORY]) as (string | number)[][];
    const fromSheet = run('PIPELINE_FUNNEL', [DEALS]) as (string | number)[][];
    expect(withHistory.map((r) => r[4])).toEqual(['Reached', 6, 4, 4, 4, 4, 3]);
    expect(fromSheet).toEqual(withHistory);
    // Proposal row: 1 deal, 10000, 10000 × 0.6 = 6000, reached 4, conversion 3/4
    expect(withHistory[5]).toEqual(['Proposal', 1, 10000, 6000, 4, 0.75]);
  });

  test('CONVERSION and STAGE_PROBABILITY', () => {
    // entered Proposal: Acme, Initech, Umbrella, Soylent = 4; later Won: Umbrella, Soylent → 2/4
    expect(run('PIPELINE_CONVERSION', [DEALS, HISTORY, 'proposal', 'WON'])).toBe(0.5);
    // Lead: won Umbrella, Soylent; lost Hooli (no History: reached Lead) → 2 / 3
    expect(run('PIPELINE_STAGE_PROBABILITY', [DEALS, HISTORY, 'Lead'])).toBeCloseTo(2 / 3, 10);
    // Proposal: Hooli only reached Lead → 2 / 2
    expect(run('PIPELINE_STAGE_PROBABILITY', ['Proposal'])).toBe(1);
    expect(errorOf(() => run('PIPELINE_CONVERSION', [DEALS, HISTORY, 'Proposal']))).toContain(
      'PIPELINE_CONVERSION needs a to.',
    );
  });
});

describe('forecast, quota and stalled through the functions', () => {
  test('FORECAST month as a date or 2026-12', () => {
    // December: Acme 10000 × 0.6 = 6000 + Globex 2000 × 0.1 = 200 → 6200
    expect(run('PIPELINE_FORECAST', [DEALS, '2026-12'])).toBeCloseTo(6200, 6);
    expect(run('PIPELINE_FORECAST', [DEALS, d('2026-12-15')])).toBeCloseTo(6200, 6);
    expect(errorOf(() => run('PIPELINE_FORECAST', [DEALS, 'Dec']))).toBe(
      'month "Dec" is not a month (use 2026-12 or a date).',
    );
  });

  test('FORECAST table', () => {
    // Oct: won Umbrella 6000; Nov: won Soylent 9000; Dec: Acme + Globex; No date: Initech 4000 × 0.5
    expect(run('PIPELINE_FORECAST', [DEALS])).toEqual([
      ['Month', 'Open Deals', 'Value', 'Weighted', 'Won'],
      ['2026-10', 0, 0, 0, 6000],
      ['2026-11', 0, 0, 0, 9000],
      ['2026-12', 2, 12000, 6200, 0],
      ['No date', 1, 4000, 2000, 0],
    ]);
  });

  test('ATTAINMENT: quota given (number or text) or blank → Team', () => {
    // Ana won 6000 (Oct 1) → 6000 / 12000 = 0.5
    expect(run('PIPELINE_ATTAINMENT', [DEALS, 12000, 'Ana'])).toBe(0.5);
    expect(run('PIPELINE_ATTAINMENT', [DEALS, '$12,000', 'Ana'])).toBe(0.5);
    // blank: Ana's Team quota 20000 → 6000 / 20000 = 0.3
    expect(run('PIPELINE_ATTAINMENT', [DEALS, '', 'Ana'])).toBe(0.3);
    // blank, whole team: (6000 + 9000) / (20000 + 10000) = 0.5
    expect(run('PIPELINE_ATTAINMENT', [DEALS, ''])).toBe(0.5);
    // November only: Soylent 9000 / 30000 = 0.3
    expect(run('PIPELINE_ATTAINMENT', [DEALS, '', '', '2026-11-01', '2026-11-30'])).toBe(0.3);
    expect(errorOf(() => run('PIPELINE_ATTAINMENT', [DEALS, 'lots']))).toBe('quota "lots" is not a number.');
  });

  test('COVERAGE', () => {
    // Dec window, team quota 30000, won in Dec 0 → gap 30000; open expected in Dec 10000 + 2000 → 0.4
    expect(run('PIPELINE_COVERAGE', [DEALS, '', '', '2026-12-01', '2026-12-31'])).toBe(0.4);
  });

  test('STALLED and STALLED_COUNT', () => {
    // Acme Proposal since Nov 1: 22 days > 10 → stalled; Globex Lead created Nov 20: 3 days;
    // Initech Negotiation since Nov 20: 3 days
    expect(run('PIPELINE_STALLED', [DEALS])).toEqual([
      ['Deal', 'Owner', 'Stage', 'Days In Stage', 'Amount'],
      ['Acme', 'Ana', 'Proposal', 22, 10000],
    ]);
    expect(run('PIPELINE_STALLED_COUNT', [DEALS, 'Ben'])).toBe(0);
    expect(run('PIPELINE_STALLED_COUNT', ['ana@example.com'])).toBe(1);
  });
});

describe('time zone of the spreadsheet', () => {
  test('Tokyo: days counted in local calendar days', () => {
    // Entered 2026-11-13T15:00Z = Nov 14 00:00 JST; now 2026-11-24T14:00Z = Nov 24 23:00 JST
    // Tokyo: Nov 24 − Nov 14 = 10 days = limit → not stalled; in UTC: Nov 24 − Nov 13 = 11 → stalled
    const rows = [
      ['Stage', 'Stage Entered'],
      ['Proposal', new Date('2026-11-13T15:00:00Z')],
    ];
    const now = new Date('2026-11-24T14:00:00Z');
    expect(
      runCustomFunction('PIPELINE_STALLED_COUNT', [rows], memorySource({ timeZone: 'Asia/Tokyo' }), now),
    ).toBe(0);
    expect(
      runCustomFunction('PIPELINE_STALLED_COUNT', [rows], memorySource({ timeZone: 'Etc/UTC' }), now),
    ).toBe(1);
  });

  test('Los Angeles: 23:30 local is that local day', () => {
    // Entered 2026-11-13T07:30Z = Nov 12 23:30 PST; now 2026-11-23T20:00Z = Nov 23 12:00 PST
    // LA: 23 − 12 = 11 > 10 → stalled; UTC: 23 − 13 = 10 → not stalled
    const rows = [
      ['Stage', 'Stage Entered'],
      ['Proposal', new Date('2026-11-13T07:30:00Z')],
    ];
    const now = new Date('2026-11-23T20:00:00Z');
    const la = memorySource({ timeZone: 'America/Los_Angeles' });
    expect(runCustomFunction('PIPELINE_STALLED_COUNT', [rows], la, now)).toBe(1);
    expect(runCustomFunction('PIPELINE_STALLED_COUNT', [rows], memorySource({}), now)).toBe(0);
  });

  test('Los Angeles across DST: cycle of 47 hours is 2 calendar days', () => {
    // Created Mar 7 00:00 PST (08:00Z), Closed Mar 9 00:00 PDT (07:00Z) → 2 days
    const rows = [
      ['Stage', 'Created', 'Closed'],
      ['Won', new Date('2026-03-07T08:00:00Z'), new Date('2026-03-09T07:00:00Z')],
    ];
    expect(
      runCustomFunction(
        'PIPELINE_CYCLE_DAYS',
        [rows],
        memorySource({ timeZone: 'America/Los_Angeles' }),
        NOW,
      ),
    ).toBe(2);
  });
});

describe('messy sheets through the functions', () => {
  const MESSY: unknown[][] = [
    [
      'Rep',
      'Notes',
      'Value',
      'Status',
      'Deal Name',
      'close date',
      'Win Probability',
      'Created On',
      'Date Closed',
    ],
    ['Ana', 'vip', '$12,500.50', 'proposal', 'Acme', '2026-12-05', '40%', '2026-10-01', ''],
    ['', '', '', '', '', '', '', '', ''],
    ['Ben', '', '12500 USD', 'Lead', 'Globex', d('2026-12-20'), 40, '', ''],
    ['Ana', '', '€1,200', 'Negotiation', 'Initech', 'next week', 0.4, '', ''],
    ['Ana', '', 'abc', 'Proposal', 'Broken', '', '', 'abc', ''],
    ['Ben', '', 500, 'won', 'Small', '', '', '2026-10-01', '2026-10-11'],
  ];

  test('VALUE and WEIGHTED read currency text and 0.4 / 40% / 40', () => {
    // open: 12500.50 + 12500 + 1200 + (abc) = 26200.5
    expect(run('PIPELINE_VALUE', [MESSY])).toBeCloseTo(26200.5, 6);
    // each at 40 %: 26200.5 × 0.4 = 10480.2 (Broken: no amount)
    expect(run('PIPELINE_WEIGHTED', [MESSY])).toBeCloseTo(10480.2, 6);
  });

  test('an unreadable Expected Close is left out of the month forecast', () => {
    // Dec: Acme 12500.5 × 0.4 = 5000.2 + Globex 12500 × 0.4 = 5000 → 10000.2 (Initech 'next week' out)
    expect(run('PIPELINE_FORECAST', [MESSY, '2026-12'])).toBeCloseTo(10000.2, 6);
  });

  test('CHECK lists the unreadable cells', () => {
    expect(run('PIPELINE_CHECK', [MESSY])).toEqual([
      ['Row', 'Deal', 'Problem'],
      [5, 'Initech', 'Expected Close "next week" is not a date'],
      [6, 'Broken', 'Amount "abc" is not a number'],
      [6, 'Broken', 'Created "abc" is not a date'],
    ]);
  });

  test('a missing Amount column names it and lists the headers found', () => {
    const rows = [
      ['Deal', 'Status', 'Notes'],
      ['A', 'Lead', 'x'],
    ];
    const message = errorOf(() => run('PIPELINE_VALUE', [rows]));
    expect(message).toContain('the deals range has no Amount column');
    expect(message).toContain('Headers found: Deal, Status, Notes.');
    // COUNT does not need Amount
    expect(run('PIPELINE_COUNT', [rows])).toBe(1);
  });

  test('a missing Stage column read from the sheet names the sheet', () => {
    const src = memorySource({
      deals: [
        ['Deal', 'Amount'],
        ['A', 1],
      ],
      sheet: 'Opportunities',
    });
    expect(errorOf(() => run('PIPELINE_COUNT', [], src))).toContain(
      'Opportunities has no Stage column (accepted headers: Stage, Status, Deal Stage, Pipeline Stage). Headers found: Deal, Amount.',
    );
  });

  test('CYCLE_DAYS needs Created and Closed columns', () => {
    expect(
      errorOf(() =>
        run('PIPELINE_CYCLE_DAYS', [
          [
            ['Stage', 'Created'],
            ['Won', d('2026-01-01')],
          ],
        ]),
      ),
    ).toContain('has no Closed column');
  });
});

describe('a period or month needs the column it is measured on', () => {
  // Deals without a Closed or Expected Close column: a window cannot place any deal, so the
  // result would be a silent 0 (attainment, coverage, forecast) or a misleading "nothing in
  // this period" — instead, the missing column is named, as SPEC §1 asks.
  const noDates = [
    ['Deal', 'Owner', 'Stage', 'Amount'],
    ['A', 'Ana', 'Won', 5000],
    ['B', 'Ana', 'Lost', 1000],
    ['C', 'Ana', 'Proposal', 8000],
  ];
  const start = '2026-01-01';
  const end = '2026-12-31';

  test('WINRATE, AVG_DEAL and ATTAINMENT in a period need Closed', () => {
    for (const [name, args] of [
      ['PIPELINE_WINRATE', ['', start, end]],
      ['PIPELINE_WINRATE', ['', '', end]],
      ['PIPELINE_AVG_DEAL', ['', start]],
      // was 0: the won 5000 has no Closed date to fall in 2026
      ['PIPELINE_ATTAINMENT', [10000, '', start, end]],
    ] as const) {
      const message = errorOf(() => run(name, [noDates, ...args]));
      expect(message).toContain('the deals range has no Closed column');
      expect(message).toContain('Headers found: Deal, Owner, Stage, Amount.');
    }
  });

  test('COVERAGE in a period needs Expected Close (and Closed for the won part)', () => {
    // was 0 ÷ 10000 = 0: C's 8000 has no Expected Close to fall in 2026
    const withClosed = noDates.map((row, i) => [...row, i === 0 ? 'Closed' : '']);
    expect(errorOf(() => run('PIPELINE_COVERAGE', [withClosed, 10000, '', start, end]))).toContain(
      'has no Expected Close column',
    );
    expect(errorOf(() => run('PIPELINE_COVERAGE', [noDates, 10000, '', start, end]))).toMatch(
      /has no (Closed|Expected Close) column/,
    );
  });

  test('FORECAST of a month needs Expected Close', () => {
    // was 0: C's 8000 × 0.6 has no Expected Close to fall in December
    expect(errorOf(() => run('PIPELINE_FORECAST', [noDates, '2026-12']))).toContain(
      'the deals range has no Expected Close column',
    );
  });

  test('without a period the columns are not needed: all closed deals, the whole pipeline', () => {
    // won A, lost B → 1/2; attainment 5000 / 10000; coverage 8000 / (10000 − 5000) = 1.6
    expect(run('PIPELINE_WINRATE', [noDates])).toBe(0.5);
    expect(run('PIPELINE_ATTAINMENT', [noDates, 10000])).toBe(0.5);
    expect(run('PIPELINE_COVERAGE', [noDates, 10000])).toBe(1.6);
    // the table puts C under No date: ['No date', 1, 8000, 8000 × 0.6 = 4800, 0]
    expect(run('PIPELINE_FORECAST', [noDates])).toEqual([
      ['Month', 'Open Deals', 'Value', 'Weighted', 'Won'],
      ['No date', 1, 8000, 4800, 0],
    ]);
  });
});

describe('a Stages sheet of more than 31 stages', () => {
  test('FUNNEL, CONVERSION and STAGE_PROBABILITY work (History read as entries)', () => {
    // 32 open stages S1…S32, Won, Lost. Deals: a in S1, b in S32, c Won, d Lost (no History).
    const stages: unknown[][] = [['Stage', 'Probability', 'Outcome']];
    for (let i = 1; i <= 32; i++) stages.push([`S${i}`, 0.5, 'Open']);
    stages.push(['Won', 1, 'Won'], ['Lost', 0, 'Lost']);
    const deals = [
      ['ID', 'Stage', 'Amount'],
      ['A', 'S1', 1],
      ['B', 'S32', 2],
      ['C', 'Won', 3],
      ['D', 'Lost', 4],
    ];
    const src = memorySource({ deals, stages, history: HISTORY });
    // Reached: S1 all 4; S2…S32 b, c = 2; Won c = 1 → S1 2/4, S32 1/2
    const rows = run('PIPELINE_FUNNEL', [], src) as (string | number)[][];
    expect(rows[1]).toEqual(['S1', 1, 1, 0.5, 4, 0.5]);
    expect(rows[32]).toEqual(['S32', 1, 2, 1, 2, 0.5]);
    // entered S1: 4, later Won: c → 1/4; S32: won c ÷ (c + no lost) = 1
    expect(run('PIPELINE_CONVERSION', ['S1', 'Won'], src)).toBe(0.25);
    expect(run('PIPELINE_STAGE_PROBABILITY', ['S32'], src)).toBe(1);
  });
});

describe('results are never NaN or Infinity', () => {
  test('sums that overflow are an error', () => {
    const rows = [
      ['Stage', 'Amount'],
      ['Lead', 1.5e308],
      ['Lead', 1.5e308],
    ];
    // 1.5e308 + 1.5e308 = Infinity
    expect(errorOf(() => run('PIPELINE_VALUE', [rows]))).toContain('could not compute a finite result');
  });

  test('every function returns finite numbers or an error on a sheet of edge cases', () => {
    const rows = dealRows([
      { stage: 'Lead', amount: 0, created: '2026-11-23' },
      { stage: 'Won', amount: 0, created: '2026-11-23', closed: '2026-11-23' },
      { stage: 'Lost', amount: 'abc', closed: 'next week' },
      { stage: 'Nope' },
    ]);
    const args: Record<string, unknown[]> = {
      PIPELINE_CONVERSION: [rows, 'Lead', 'Won'],
      PIPELINE_STAGE_DAYS: [rows, 'Lead'],
      PIPELINE_STAGE_PROBABILITY: [rows, 'Lead'],
      PIPELINE_ATTAINMENT: [rows, 100],
      PIPELINE_COVERAGE: [rows, 100],
    };
    for (const spec of FUNCTIONS) {
      let result: unknown;
      try {
        result = run(spec.name, args[spec.name] ?? [rows], memorySource({}));
      } catch (error) {
        expect((error as Error).message).not.toMatch(/\bNaN\b|Infinity|#NUM/);
        continue;
      }
      const cells = Array.isArray(result) ? result.flat() : [result];
      for (const cell of cells) {
        if (typeof cell === 'number') expect(Number.isFinite(cell)).toBe(true);
      }
    }
  });
});

describe('catalog', () => {
  test('every catalogued function has an implementation and vice versa', () => {
    expect(FUNCTIONS.map((f) => f.name).sort()).toEqual(Object.keys(IMPLEMENTATIONS).sort());
  });

  test('every SPEC §2 function is catalogued with the deals table first', () => {
    const names = [
      'PIPELINE_COUNT',
      'PIPELINE_VALUE',
      'PIPELINE_WEIGHTED',
      'PIPELINE_WINRATE',
      'PIPELINE_AVG_DEAL',
      'PIPELINE_CYCLE_DAYS',
      'PIPELINE_VELOCITY',
      'PIPELINE_STALLED',
      'PIPELINE_STALLED_COUNT',
      'PIPELINE_FUNNEL',
      'PIPELINE_CONVERSION',
      'PIPELINE_STAGE_DAYS',
      'PIPELINE_FORECAST',
      'PIPELINE_ATTAINMENT',
      'PIPELINE_COVERAGE',
      'PIPELINE_STAGE_PROBABILITY',
      'PIPELINE_SUMMARY',
      'PIPELINE_OVERDUE',
      'PIPELINE_FORECAST_RANGE',
      'PIPELINE_CALIBRATION',
      'PIPELINE_CHANGES',
      'PIPELINE_FORECAST_ACCURACY',
      'PIPELINE_CHECK',
    ];
    expect(FUNCTIONS.map((f) => f.name)).toEqual(names);
    for (const f of FUNCTIONS) expect(f.tables[0]).toBe('deals');
    const withHistory = FUNCTIONS.filter((f) => f.tables.includes('history')).map((f) => f.name);
    expect(withHistory).toEqual([
      'PIPELINE_FUNNEL',
      'PIPELINE_CONVERSION',
      'PIPELINE_STAGE_DAYS',
      'PIPELINE_STAGE_PROBABILITY',
      'PIPELINE_SUMMARY',
      'PIPELINE_FORECAST_RANGE',
      'PIPELINE_CALIBRATION',
    ]);
  });

  test('an unknown function name is an error', () => {
    expect(errorOf(() => run('PIPELINE_NOPE', []))).toBe('Unknown function PIPELINE_NOPE.');
  });
});
