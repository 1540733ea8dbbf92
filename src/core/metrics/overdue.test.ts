import { Calendar } from '../model/dates';
import { parseDeals } from '../model/deals';
import { StageSet } from '../model/stages';
import type { Pipeline } from '../pipeline';
import { d, pipelineOf } from '../testing';
import { overdueCount, overdueTable } from './overdue';

/** Today is 2026-11-23 (testing.ts). */
const HEADERS = [
  'ID',
  'Deal',
  'Owner',
  'Amount',
  'Stage',
  'Expected Close',
  'Next Step',
  'Next Step Date',
  'Snoozed Until',
];

const date = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? d(v) : v);
type Spec = [
  id: string,
  deal: string,
  owner: string,
  amount: number,
  stage: string,
  close: string,
  step: string,
  stepDate: string,
  snooze: string,
];
function rows(specs: Spec[]): unknown[][] {
  return [
    HEADERS,
    ...specs.map(([id, deal, owner, amount, stage, close, step, stepDate, snooze]) => [
      id,
      deal,
      owner,
      amount,
      stage,
      date(close),
      step,
      date(stepDate),
      date(snooze),
    ]),
  ];
}

/** Parsed as the custom function does, with the columns the sheet has. */
function parsed(table: unknown[][]): Pipeline {
  const p = pipelineOf(table);
  const t = parseDeals(table, StageSet.defaults(), new Calendar('Etc/UTC'));
  return { ...p, dealTable: { columns: t.columns, headers: t.headers, sheet: 'Deals' } };
}

const DEALS: Spec[] = [
  // row 2: closes yesterday (1 day); next step due today is not overdue yet
  ['A', 'Alpha', 'Ana', 100, 'Proposal', '2026-11-22', 'Call', '2026-11-23', ''],
  // row 3: closes today (not passed); no next step at all
  ['B', 'Beta', 'Ben', 200, 'Lead', '2026-11-23', '', '', ''],
  // row 4: close date 10-24 → 8 days left in October + 23 = 30 days; next step 11-13 → 10 days
  ['C', 'Gamma', 'Ana', 300, 'Qualified', '2026-10-24', 'Demo', '2026-11-13', ''],
  // rows 5, 6: closed deals are never listed, whatever their dates
  ['D', 'Delta', 'Ana', 400, 'Won', '2026-10-01', '', '', ''],
  ['E', 'Epsilon', 'Ben', 500, 'Lost', '2026-10-01', '', '2026-10-02', ''],
  // row 7: snoozed until 11-30: nothing, although its close date passed and it has no next step
  ['F', 'Zeta', 'Ben', 600, 'Negotiation', '2026-11-01', '', '', '2026-11-30'],
  // row 8: snooze ended today: listed; close 11-20 → 3 days, next step 11-21 → 2 days
  ['G', 'Eta', 'Ben', 700, 'Proposal', '2026-11-20', 'Send quote', '2026-11-21', '2026-11-23'],
  // row 9: no close date; next step 11-03 → 20 days
  ['H', 'Theta', 'Ana', 800, 'Contacted', '', '', '2026-11-03', ''],
  // row 10: unreadable dates are left out (PIPELINE_CHECK lists them), not "No next step"
  ['I', 'Iota', 'Ben', 900, 'Lead', 'next week', '', 'soon', ''],
  // row 11: a next step written without a date is a next step
  ['J', 'Kappa', 'Ana', 1000, 'Lead', '', 'Call Monday', '', ''],
  // row 12: a date in the future without text is a next step too
  ['K', 'Lambda', 'Ben', 1100, 'Proposal', '', '', '2026-11-30', ''],
  // row 13: closes 11-20 → 3 days, the same as row 8: sheet order breaks the tie
  ['L', 'Mu', 'Ana', 1200, 'Lead', '2026-11-20', 'Call', '', ''],
];

const HEADER_ROW = ['Deal', 'Owner', 'Stage', 'Problem', 'Days', 'Amount'];

describe('PIPELINE_OVERDUE', () => {
  test('one row per problem, by problem then most days, boundaries as SPEC says', () => {
    expect(overdueTable(parsed(rows(DEALS)), '')).toEqual([
      HEADER_ROW,
      ['Gamma', 'Ana', 'Qualified', 'Close date passed', 30, 300],
      ['Eta', 'Ben', 'Proposal', 'Close date passed', 3, 700],
      ['Mu', 'Ana', 'Lead', 'Close date passed', 3, 1200],
      ['Alpha', 'Ana', 'Proposal', 'Close date passed', 1, 100],
      ['Theta', 'Ana', 'Contacted', 'Next step overdue', 20, 800],
      ['Gamma', 'Ana', 'Qualified', 'Next step overdue', 10, 300],
      ['Eta', 'Ben', 'Proposal', 'Next step overdue', 2, 700],
      ['Beta', 'Ben', 'Lead', 'No next step', '', 200],
    ]);
  });

  test('the owner filter, and the count of distinct deals', () => {
    const p = parsed(rows(DEALS));
    expect(overdueTable(p, 'ana')).toEqual([
      HEADER_ROW,
      ['Gamma', 'Ana', 'Qualified', 'Close date passed', 30, 300],
      ['Mu', 'Ana', 'Lead', 'Close date passed', 3, 1200],
      ['Alpha', 'Ana', 'Proposal', 'Close date passed', 1, 100],
      ['Theta', 'Ana', 'Contacted', 'Next step overdue', 20, 800],
      ['Gamma', 'Ana', 'Qualified', 'Next step overdue', 10, 300],
    ]);
    // Gamma, Eta, Mu, Alpha, Theta, Beta: Gamma and Eta have two rows but count once
    expect(overdueCount(p, '')).toBe(6);
    expect(overdueCount(p, 'Ben')).toBe(2); // Eta, Beta
  });

  test('a sheet with neither next-step column says nothing about next steps', () => {
    // Without columns 7 and 8 (Next Step, Next Step Date); Snoozed Until kept
    const noSteps = rows(DEALS).map((row) => row.filter((_, i) => i !== 6 && i !== 7));
    expect(overdueTable(parsed(noSteps), '')).toEqual([
      HEADER_ROW,
      ['Gamma', 'Ana', 'Qualified', 'Close date passed', 30, 300],
      ['Eta', 'Ben', 'Proposal', 'Close date passed', 3, 700],
      ['Mu', 'Ana', 'Lead', 'Close date passed', 3, 1200],
      ['Alpha', 'Ana', 'Proposal', 'Close date passed', 1, 100],
    ]);
  });

  test('Next Step Date is found by its aliases', () => {
    for (const alias of ['Next Activity Date', 'Follow Up', 'Follow-up Date', 'Next Step Due']) {
      const table = rows([['X', 'Xi', 'Ana', 5, 'Lead', '', '', '2026-11-20', '']]);
      table[0] = HEADERS.map((h) => (h === 'Next Step Date' ? alias : h));
      expect(overdueTable(parsed(table), '')).toEqual([
        HEADER_ROW,
        ['Xi', 'Ana', 'Lead', 'Next step overdue', 3, 5],
      ]);
    }
  });

  test('nothing to list is just the header; no open deal is no error', () => {
    expect(overdueTable(parsed(rows([DEALS[3]!])), '')).toEqual([HEADER_ROW]);
    expect(overdueCount(parsed(rows([])), '')).toBe(0);
  });
});
