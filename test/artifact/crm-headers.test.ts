/**
 * CRM export headers in the built Code.js (SPEC §1 "Sheets from elsewhere"): record-type
 * prefixes, the new aliases, Won Time beside Lost Time, a lone Close Date. Stage names here are
 * the defaults so that only the headers are under test; test/artifact/crm-exports.test.ts has
 * whole exports. Expected values are worked out by hand below. Today is 2026-11-23.
 */
import { World } from '../../host';
import { call, loadInWorld } from '../support/code';
import { d, NOW, TIME_ZONE, wholeColumns } from '../support/sample';

function ctxOf() {
  const world = new World({ now: NOW, timeZone: TIME_ZONE });
  return loadInWorld(world, { authMode: 'CUSTOM_FUNCTION' });
}

describe('prefixed headers with Won time and Lost time', () => {
  const rows = wholeColumns([
    [
      'Deal - Title',
      'Deal - Value',
      'Deal - Currency',
      'Deal - Owner',
      'Deal - Stage',
      'Deal - Deal created',
      'Deal - Won time',
      'Deal - Lost time',
      'Deal - Expected close date',
    ],
    ['A', 1000, 'USD', 'Ana', 'Won', d('2026-10-01'), d('2026-10-11'), '', ''],
    ['B', 3000, 'USD', 'Ben', 'Won', d('2026-09-01'), '2026-09-21 10:30:00', '', ''],
    ['C', 500, 'USD', 'Ana', 'Lost', d('2026-08-01'), '', d('2026-08-05'), ''],
    ['D', 2000, 'USD', 'Ben', 'Proposal', d('2026-11-01'), '', '', d('2026-12-10')],
  ]);
  const ctx = ctxOf();
  test('win rate, average deal, cycle days, forecast', () => {
    // won A, B; lost C → 2 / 3
    expect(call(ctx, 'PIPELINE_WINRATE', rows)).toBeCloseTo(2 / 3, 12);
    // lost in August only (C, Lost time 08-05) → 0 / 1
    expect(call(ctx, 'PIPELINE_WINRATE', rows, '', '2026-08-01', '2026-08-31')).toBe(0);
    // (1000 + 3000) / 2
    expect(call(ctx, 'PIPELINE_AVG_DEAL', rows)).toBe(2000);
    // A 10-01 → 10-11 = 10 days; B 09-01 → 09-21 = 20 days; mean 15
    expect(call(ctx, 'PIPELINE_CYCLE_DAYS', rows)).toBe(15);
    // D: 2000 × Proposal 60 % in 2026-12
    expect(call(ctx, 'PIPELINE_FORECAST', rows, '2026-12')).toBe(1200);
    // Owner found through "Deal - Owner": Ben's open deals = D
    expect(call(ctx, 'PIPELINE_COUNT', rows, '', 'ben')).toBe(1);
  });
});

describe('one Close Date and no Closed column (HubSpot, Salesforce)', () => {
  const rows = wholeColumns([
    ['Record ID', 'Deal Name', 'Deal Stage', 'Amount', 'Close Date', 'Create Date', 'Deal owner'],
    [15831769824, 'A', 'Won', 1000, d('2026-10-31'), d('2026-10-01'), 'Ana'],
    [15831769825, 'B', 'Lost', 800, d('2026-09-15'), d('2026-09-01'), 'Ana'],
    [15831769826, 'C', 'Won', 3000, d('2026-11-20'), d('2026-11-10'), 'Ben'],
    [15831769827, 'D', 'Negotiation', 5000, d('2026-12-20'), d('2026-11-01'), 'Ben'],
  ]);
  const ctx = ctxOf();
  test('Close Date is Closed for won and lost deals, Expected Close for open ones', () => {
    // won A, C; lost B → 2 / 3
    expect(call(ctx, 'PIPELINE_WINRATE', rows)).toBeCloseTo(2 / 3, 12);
    // closed in November: C won → 1
    expect(call(ctx, 'PIPELINE_WINRATE', rows, '', '2026-11-01', '2026-11-30')).toBe(1);
    // A 10-01 → 10-31 = 30; C 11-10 → 11-20 = 10; mean 20
    expect(call(ctx, 'PIPELINE_CYCLE_DAYS', rows)).toBe(20);
    // velocity: 1 open × 2000 avg won × 2/3 ÷ 20 days = 66.67 per day
    expect(call(ctx, 'PIPELINE_VELOCITY', rows)).toBeCloseTo((1 * 2000 * (2 / 3)) / 20, 9);
    // D 5000 × 80 % expected in December; A and C won in October and November
    expect(call(ctx, 'PIPELINE_FORECAST', rows)).toEqual([
      ['Month', 'Open Deals', 'Value', 'Weighted', 'Won'],
      ['2026-10', 0, 0, 0, 1000],
      ['2026-11', 0, 0, 0, 3000],
      ['2026-12', 1, 5000, 4000, 0],
    ]);
  });
});
