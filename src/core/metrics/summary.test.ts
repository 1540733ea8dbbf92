import { Calendar } from '../model/dates';
import { parseDeals } from '../model/deals';
import { StageSet } from '../model/stages';
import type { Pipeline } from '../pipeline';
import { d, pipelineOf } from '../testing';
import { summaryTable } from './summary';

/** Today is 2026-11-23 (testing.ts). */
const HEADERS = [
  'ID',
  'Deal',
  'Owner',
  'Amount',
  'Stage',
  'Probability',
  'Created',
  'Stage Entered',
  'Expected Close',
  'Closed',
  'Next Step',
  'Next Step Date',
];
const x = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? d(v) : v);
const DEALS: unknown[][] = [
  HEADERS,
  // stalled: Proposal (10 days) since 11-01 = 22 days; nothing overdue
  [
    'S1',
    'One',
    'Ana',
    10000,
    'Proposal',
    '',
    '2026-10-01',
    '2026-11-01',
    '2026-12-15',
    '',
    'Send',
    '2026-11-30',
  ],
  // close date passed 11-20 (overdue); 3 days in Negotiation (7) is not stalled
  [
    'S2',
    'Two',
    'Ben',
    20000,
    'Negotiation',
    '50%',
    '2026-09-01',
    '2026-11-20',
    '2026-11-20',
    '',
    'Legal',
    '',
  ],
  // no next step (overdue); 13 days in Lead (14) is not stalled
  ['S3', 'Three', 'Ana', 5000, 'Lead', '', '2026-11-10', '2026-11-10', '', '', '', ''],
  // won: 06-01 → 08-31 = 29 + 31 + 31 = 91 days
  ['S4', 'Four', 'Ana', 30000, 'Won', '', '2026-06-01', '2026-08-31', '', '2026-08-31', '', ''],
  // won: 07-01 → 10-10 = 30 + 31 + 30 + 10 = 101 days
  ['S5', 'Five', 'Ben', 12000, 'Won', '', '2026-07-01', '2026-10-10', '', '2026-10-10', '', ''],
  ['S6', 'Six', 'Ana', 8000, 'Lost', '', '2026-05-01', '2026-09-15', '', '2026-09-15', '', ''],
].map((row, i) => (i === 0 ? row : row.map(x)));

function parsed(table: unknown[][]): Pipeline {
  const p = pipelineOf(table);
  const t = parseDeals(table, StageSet.defaults(), new Calendar('Etc/UTC'));
  return { ...p, dealTable: { columns: t.columns, headers: t.headers, sheet: 'Deals' } };
}

describe('PIPELINE_SUMMARY', () => {
  test('every headline figure from one parse, hand-worked', () => {
    expect(summaryTable(parsed(DEALS))).toEqual([
      ['Metric', 'Value', 'Note'],
      ['Open Deals', 3, ''],
      ['Open Value', 35000, ''], // 10000 + 20000 + 5000
      ['Weighted Value', 16500, ''], // 10000×0.6 + 20000×0.5 (own) + 5000×0.1 = 6000 + 10000 + 500
      ['Win Rate', 2 / 3, ''], // S4, S5 won; S6 lost
      ['Average Deal', 21000, ''], // (30000 + 12000) / 2
      ['Cycle Days', 96, ''], // (91 + 101) / 2
      ['Velocity', 437.5, ''], // 3 × 21000 × 2/3 ÷ 96 = 42000 / 96
      ['Stalled Deals', 1, ''], // S1
      ['Overdue Deals', 2, ''], // S2 (close date passed), S3 (no next step)
    ]);
  });

  test('a figure that cannot be measured is blank, with the message its function gives', () => {
    const openOnly = DEALS.slice(0, 4);
    const table = summaryTable(parsed(openOnly));
    expect(table.map((r) => r[0])).toEqual([
      'Metric',
      'Open Deals',
      'Open Value',
      'Weighted Value',
      'Win Rate',
      'Average Deal',
      'Cycle Days',
      'Velocity',
      'Stalled Deals',
      'Overdue Deals',
    ]);
    expect(table[4]).toEqual(['Win Rate', '', 'No closed deals.']);
    expect(table[5]).toEqual(['Average Deal', '', 'No won deals with an amount.']);
    expect(table[6]).toEqual(['Cycle Days', '', 'No won deals with Created and Closed dates.']);
    // Velocity needs the average won deal first
    expect(table[7]).toEqual(['Velocity', '', 'No won deals with an amount.']);
    expect(table[1]).toEqual(['Open Deals', 3, '']);
  });

  test('a missing column blanks only the figures that need it, naming it', () => {
    const noAmount = DEALS.map((row) => row.filter((_, i) => i !== 3));
    const table = summaryTable(parsed(noAmount));
    const note = (metric: string) => table.find((r) => r[0] === metric)?.[2] as string;
    for (const metric of ['Open Value', 'Weighted Value', 'Average Deal', 'Velocity']) {
      expect(note(metric)).toMatch(/^Deals has no Amount column \(accepted headers: Amount, /);
      expect(table.find((r) => r[0] === metric)?.[1]).toBe('');
    }
    expect(table.find((r) => r[0] === 'Win Rate')).toEqual(['Win Rate', 2 / 3, '']);
    expect(table.find((r) => r[0] === 'Cycle Days')).toEqual(['Cycle Days', 96, '']);
  });
});
