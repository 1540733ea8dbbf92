/**
 * PIPELINE_OVERDUE and PIPELINE_SUMMARY in the built dist/Code.js (gas-local with the host's
 * fakes), in both forms: ranges given, and sheets read. Today is 2026-11-23 (Europe/London,
 * UTC+0 in November); expected values are worked out by hand in the comments.
 */
import { World } from '../../host';
import { call, loadInWorld, type ScriptContext, thrown } from '../support/code';
import { generateWorkbook } from '../support/generate';
import {
  d,
  NOW,
  SAMPLE_DEALS,
  SAMPLE_HISTORY,
  SAMPLE_TEAM,
  TIME_ZONE,
  wholeColumns,
} from '../support/sample';

const HEADERS = [
  'Deal ID',
  'Deal Name',
  'Owner',
  'Amount',
  'Deal Stage',
  'Created',
  'Stage Entered',
  'Close Date',
  'Closed',
  'Next Step',
  'Follow-up Date',
  'Snoozed Until',
];
/** A hand-typed sheet: aliased headers, "$" amounts, a date typed as text, blanks. */
const DEALS: unknown[][] = [
  HEADERS,
  // close date passed 11-20 → 3 days; follow-up 11-22 → 1 day
  [
    'H-1',
    'Acme renewal',
    'Ana',
    12000,
    'Proposal',
    d('2026-10-01'),
    d('2026-11-01'),
    d('2026-11-20'),
    '',
    'Call CFO',
    d('2026-11-22'),
    '',
  ],
  // follow-up due today: not overdue; close date in December
  [
    'H-2',
    'Globex pilot',
    'Ben',
    '$8,000',
    'Negotiation',
    d('2026-09-01'),
    d('2026-11-20'),
    d('2026-12-10'),
    '',
    'Send contract',
    d('2026-11-23'),
    '',
  ],
  // no next step at all; close date 10-31 → 23 days, typed as ISO text
  ['H-3', 'Initech', 'Ana', 5000, 'Lead', d('2026-10-20'), d('2026-10-20'), '2026-10-31', '', '', '', ''],
  // snoozed until 12-01: nothing, though it has no next step
  [
    'H-4',
    'Umbrella',
    'Ben',
    7000,
    'Qualified',
    d('2026-11-01'),
    d('2026-11-05'),
    '',
    '',
    '',
    '',
    d('2026-12-01'),
  ],
  // won and lost deals are never listed
  [
    'H-5',
    'Stark',
    'Ana',
    30000,
    'Won',
    d('2026-06-01'),
    d('2026-08-31'),
    d('2026-08-31'),
    d('2026-08-31'),
    '',
    '',
    '',
  ],
  [
    'H-6',
    'Wayne',
    'Ben',
    9000,
    'Lost',
    d('2026-05-01'),
    d('2026-09-15'),
    d('2026-09-15'),
    d('2026-09-15'),
    '',
    '',
    '',
  ],
  // next step text without a date: fine; follow-up in the future
  [
    'H-7',
    'Hooli',
    'Ben',
    4000,
    'Contacted',
    d('2026-11-15'),
    d('2026-11-15'),
    d('2027-01-15'),
    '',
    'Demo',
    d('2026-12-02'),
    '',
  ],
];

function world(deals: unknown[][] = DEALS): World {
  const w = new World({ now: NOW, timeZone: TIME_ZONE });
  w.setSheet('Deals', deals);
  w.setSheet('History', SAMPLE_HISTORY);
  w.setSheet('Team', SAMPLE_TEAM);
  return w;
}

const OVERDUE = [
  ['Deal', 'Owner', 'Stage', 'Problem', 'Days', 'Amount'],
  ['Initech', 'Ana', 'Lead', 'Close date passed', 23, 5000],
  ['Acme renewal', 'Ana', 'Proposal', 'Close date passed', 3, 12000],
  ['Acme renewal', 'Ana', 'Proposal', 'Next step overdue', 1, 12000],
  ['Initech', 'Ana', 'Lead', 'No next step', '', 5000],
];

describe('PIPELINE_OVERDUE in the built Code.js', () => {
  let w: World;
  let ctx: ScriptContext;
  beforeEach(() => {
    w = world();
    ctx = loadInWorld(w, { authMode: 'CUSTOM_FUNCTION' });
  });

  test('range form: reads no deals from the spreadsheet', () => {
    w.calls.reset();
    expect(call(ctx, 'PIPELINE_OVERDUE', wholeColumns(DEALS))).toEqual(OVERDUE);
    const reads = w.calls.log.filter((c) => c.name === 'Range.getValues').map((c) => c.sheet);
    expect(reads).not.toContain('Deals');
  });

  test('sheet form, and the owner filter (Ben has nothing overdue)', () => {
    expect(call(ctx, 'PIPELINE_OVERDUE')).toEqual(OVERDUE);
    expect(call(ctx, 'PIPELINE_OVERDUE', 'ben@example.com')).toEqual([OVERDUE[0]]);
  });

  test('the sample workbook (Next Step, no Next Step Date): Gamma has no next step', () => {
    expect(call(ctx, 'PIPELINE_OVERDUE', SAMPLE_DEALS)).toEqual([
      OVERDUE[0],
      ['Gamma', 'Ana', 'Lead', 'No next step', '', 5000],
    ]);
  });
});

describe('PIPELINE_SUMMARY in the built Code.js', () => {
  // Open: H-1 12000 (Proposal 60 %), H-2 8000 (Negotiation 80 %), H-3 5000 (Lead 10 %), H-4 7000
  // (Qualified 20 %), H-7 4000 (Contacted 30 %).
  const HAND = [
    ['Metric', 'Value', 'Note'],
    ['Open Deals', 5, ''],
    ['Open Value', 36000, ''], // 12000 + 8000 + 5000 + 7000 + 4000
    ['Weighted Value', 16700, ''], // 7200 + 6400 + 500 + 1400 + 1200 = 13600 + 500 + 2600
    ['Win Rate', 0.5, ''], // H-5 won, H-6 lost
    ['Average Deal', 30000, ''],
    ['Cycle Days', 91, ''], // 06-01 → 08-31: 29 + 31 + 31
    ['Velocity', (5 * 30000 * 0.5) / 91, ''],
    // H-1 Proposal (10 days) since 11-01: 22 days; H-3 Lead (14) since 10-20: 34 days;
    // H-4 snoozed; H-2 3 days; H-7 8 days in Contacted (10)
    ['Stalled Deals', 2, ''],
    ['Overdue Deals', 2, ''], // H-1, H-3
  ];

  test('both forms give the hand-worked table; the sheet form reads Deals once and no History', () => {
    const w = world();
    const ctx = loadInWorld(w, { authMode: 'CUSTOM_FUNCTION' });
    expect(call(ctx, 'PIPELINE_SUMMARY', wholeColumns(DEALS), SAMPLE_HISTORY)).toEqual(HAND);
    w.calls.reset();
    expect(call(ctx, 'PIPELINE_SUMMARY')).toEqual(HAND);
    const reads = w.calls.log.filter((c) => c.name === 'Range.getValues').map((c) => c.sheet);
    expect(reads.filter((s) => s === 'Deals')).toHaveLength(1);
    expect(reads).not.toContain('History');
  });

  /** Each Value is what the function returns alone; each blank Value carries its error. */
  function expectSameAsFunctions(ctx: ScriptContext, deals: unknown[][]): void {
    const summary = call(ctx, 'PIPELINE_SUMMARY', deals) as unknown[][];
    const functions: [string, string][] = [
      ['Open Deals', 'PIPELINE_COUNT'],
      ['Open Value', 'PIPELINE_VALUE'],
      ['Weighted Value', 'PIPELINE_WEIGHTED'],
      ['Win Rate', 'PIPELINE_WINRATE'],
      ['Average Deal', 'PIPELINE_AVG_DEAL'],
      ['Cycle Days', 'PIPELINE_CYCLE_DAYS'],
      ['Velocity', 'PIPELINE_VELOCITY'],
      ['Stalled Deals', 'PIPELINE_STALLED_COUNT'],
    ];
    expect(summary.map((r) => r[0])).toEqual(['Metric', ...functions.map((f) => f[0]), 'Overdue Deals']);
    for (const [metric, name] of functions) {
      const row = summary.find((r) => r[0] === metric)!;
      let value: unknown;
      const error = thrown(() => {
        value = call(ctx, name, deals);
      });
      if (error) expect([metric, row[1], row[2]]).toEqual([metric, '', error.message]);
      else expect([metric, row[1], row[2]]).toEqual([metric, value, '']);
    }
    // Overdue Deals: the distinct deals PIPELINE_OVERDUE lists
    const overdue = call(ctx, 'PIPELINE_OVERDUE', deals) as unknown[][];
    const distinct = new Set(overdue.slice(1).map((r) => `${r[0]}|${r[1]}|${r[5]}`)).size;
    expect(summary[9]).toEqual(['Overdue Deals', distinct, '']);
  }

  test('every Value equals its own function on varied workbooks, errors included', () => {
    const ctx = loadInWorld(world(), { authMode: 'CUSTOM_FUNCTION' });
    const generated = generateWorkbook(2000, new Date(NOW));
    const workbooks: unknown[][][] = [
      DEALS,
      SAMPLE_DEALS,
      generated.deals,
      DEALS.slice(0, 5), // no closed deal: win rate, average, cycle and velocity fail
      DEALS.map((r) => r.filter((_, i) => i !== 3)), // no Amount column
      DEALS.map((r) => r.filter((_, i) => i !== 5)), // no Created column
      [HEADERS], // no deals at all
    ];
    for (const deals of workbooks) expectSameAsFunctions(ctx, deals);
  });
});
