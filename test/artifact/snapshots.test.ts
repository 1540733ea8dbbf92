/**
 * PIPELINE_CHANGES and PIPELINE_FORECAST_ACCURACY in the built dist/Code.js (gas-local with the
 * host's fakes), in both forms: SNAPSHOTS given as a range right after the deals, and the
 * `Snapshots` sheet read. Today is 2026-11-23; expected values are worked out by hand.
 */
import { World } from '../../host';
import { call, loadInWorld, type ScriptContext, thrown } from '../support/code';
import { d, NOW, TIME_ZONE, wholeColumns } from '../support/sample';

const DEAL_HEADERS = ['ID', 'Deal', 'Owner', 'Amount', 'Stage', 'Expected Close', 'Closed'];
const SNAPSHOT_HEADERS = [
  'Taken',
  'Deal ID',
  'Deal',
  'Owner',
  'Stage',
  'Amount',
  'Probability',
  'Expected Close',
];
const day = (iso: string) => (iso === '' ? '' : d(iso));

/** [id, deal, amount, stage, expected close, closed] */
function deals(rows: [string, string, number | string, string, string, string][]): unknown[][] {
  return [
    DEAL_HEADERS,
    ...rows.map(([id, deal, amount, stage, close, closed]) => [
      id,
      deal,
      'Ana',
      amount,
      stage,
      day(close),
      day(closed),
    ]),
  ];
}
/** [taken, id, deal, stage, amount, probability, expected close] */
function snapshots(rows: [string, string, string, string, number, number | '', string][]): unknown[][] {
  return [
    SNAPSHOT_HEADERS,
    ...rows.map(([taken, id, deal, stage, amount, p, close]) => [
      d(taken),
      id,
      deal,
      'Ana',
      stage,
      amount,
      p,
      day(close),
    ]),
  ];
}

function world(dealRows: unknown[][], snapshotRows: unknown[][] | null): World {
  const w = new World({ now: NOW, timeZone: TIME_ZONE });
  w.setSheet('Deals', dealRows);
  if (snapshotRows) w.setSheet('Snapshots', snapshotRows);
  return w;
}

// Snapshots of 11-09 (S1), 11-16 (S2) and today 11-23 (S3).
const WEEKS = snapshots([
  ['2026-11-09', 'A', 'Alpha', 'Proposal', 1000, 0.6, '2026-12-01'],
  ['2026-11-09', 'B', 'Beta', 'Lead', 2000, 0.1, '2026-11-30'],
  ['2026-11-09', 'C', 'Gamma', 'Lead', 2500, 0.1, '2026-12-20'],
  ['2026-11-09', 'L', 'Lambda', 'Proposal', 1100, 0.6, '2026-11-14'],
  ['2026-11-16', 'A', 'Alpha', 'Proposal', 1000, 0.6, '2026-12-01'],
  ['2026-11-16', 'B', 'Beta', 'Lead', 2000, 0.1, '2026-12-10'],
  ['2026-11-16', 'C', 'Gamma', 'Lead', 3000, 0.1, '2026-12-20'],
  ['2026-11-16', 'D', 'Delta', 'Negotiation', 4000, 0.8, '2026-12-01'],
  ['2026-11-16', 'E', 'Epsilon', 'Lead', 500, 0.1, '2026-12-01'],
  ['2026-11-16', 'F', 'Zeta', 'Lead', 700, 0.1, '2026-12-01'],
  ['2026-11-23', 'A', 'Alpha', 'Proposal', 1500, 0.6, '2026-12-01'],
]);
// Now: A grew to 1500; B shrank to 1200 and slipped to 12-31; C pulled in to 12-05; D won;
// E lost; F deleted; G new (900); L won on 11-12.
const NOW_DEALS = deals([
  ['A', 'Alpha', 1500, 'Proposal', '2026-12-01', ''],
  ['B', 'Beta', '$1,200', 'Lead', '2026-12-31', ''],
  ['C', 'Gamma', 3000, 'Qualified', '2026-12-05', ''],
  ['D', 'Delta', 4500, 'Won', '', '2026-11-20'],
  ['E', 'Epsilon', 500, 'Lost', '', '2026-11-18'],
  ['G', 'Theta', 900, 'Lead', '2026-12-15', ''],
  ['L', 'Lambda', 1100, 'Won', '', '2026-11-12'],
]);

// Default: S2 (the snapshot before the newest) to now.
//   Start S2: A 1000, B 2000, C 3000, D 4000, E 500, F 700 = 6 deals, 11200
//   New G 900; Increased A +500; Decreased B −800; Won D 4000; Lost E 500; Removed F 700
//   End: A 1500, B 1200, C 3000, G 900 = 4 deals, 6600
//   deals 6 + 1 − 1 − 1 − 1 = 4; amount 11200 + 900 + 500 − 800 − 4000 − 500 − 700 = 6600
//   Slipped B 1200 (at End); Pulled In C 3000
const DEFAULT = [
  ['Change', 'Deals', 'Amount'],
  ['Start', 6, 11200],
  ['New', 1, 900],
  ['Increased', 1, 500],
  ['Decreased', 1, 800],
  ['Won', 1, 4000],
  ['Lost', 1, 500],
  ['Removed', 1, 700],
  ['End', 4, 6600],
  ['Slipped', 1, 1200],
  ['Pulled In', 1, 3000],
];
// From S1 (11-09) to S2 (11-16):
//   Start S1: A 1000, B 2000, C 2500, L 1100 = 4 deals, 6600
//   New D 4000, E 500, F 700 = 3 deals, 5200; Increased C +500; Won L 1100
//   End S2 = 6 deals, 11200: 4 + 3 − 1 = 6; 6600 + 5200 + 500 − 1100 = 11200
//   Slipped B (11-30 → 12-10) 2000
const WEEK_ONE = [
  ['Change', 'Deals', 'Amount'],
  ['Start', 4, 6600],
  ['New', 3, 5200],
  ['Increased', 1, 500],
  ['Decreased', 0, 0],
  ['Won', 1, 1100],
  ['Lost', 0, 0],
  ['Removed', 0, 0],
  ['End', 6, 11200],
  ['Slipped', 1, 2000],
  ['Pulled In', 0, 0],
];

const reads = (w: World) => w.calls.log.filter((c) => c.name === 'Range.getValues').map((c) => c.sheet);

describe('PIPELINE_CHANGES in the built Code.js', () => {
  let w: World;
  let ctx: ScriptContext;
  beforeEach(() => {
    w = world(NOW_DEALS, WEEKS);
    ctx = loadInWorld(w, { authMode: 'CUSTOM_FUNCTION' });
  });

  test('range form: SNAPSHOTS right after DEALS; reads neither sheet', () => {
    w.calls.reset();
    expect(call(ctx, 'PIPELINE_CHANGES', wholeColumns(NOW_DEALS), wholeColumns(WEEKS))).toEqual(DEFAULT);
    expect(call(ctx, 'PIPELINE_CHANGES', NOW_DEALS, WEEKS, d('2026-11-12'), '2026-11-20')).toEqual(WEEK_ONE);
    expect(reads(w)).not.toContain('Deals');
    expect(reads(w)).not.toContain('Snapshots');
  });

  test('sheet form reads Deals and Snapshots once each; deals given, Snapshots read', () => {
    w.calls.reset();
    expect(call(ctx, 'PIPELINE_CHANGES')).toEqual(DEFAULT);
    expect(reads(w).sort()).toEqual(['Deals', 'Snapshots']);
    expect(call(ctx, 'PIPELINE_CHANGES', '2026-11-12', '2026-11-20')).toEqual(WEEK_ONE);
    w.calls.reset();
    expect(call(ctx, 'PIPELINE_CHANGES', NOW_DEALS)).toEqual(DEFAULT);
    expect(reads(w)).toEqual(['Snapshots']);
    // the deals left out, the snapshots given: `=PIPELINE_CHANGES(, SNAPSHOTS)`
    expect(call(ctx, 'PIPELINE_CHANGES', '', WEEKS)).toEqual(DEFAULT);
  });

  test('its identity holds, in Deals and in Amount', () => {
    for (const table of [DEFAULT, WEEK_ONE]) {
      const v = Object.fromEntries(table.slice(1).map((r) => [r[0], r.slice(1) as number[]]));
      const [start, added, up, down, won, lost, removed, end] = [
        'Start',
        'New',
        'Increased',
        'Decreased',
        'Won',
        'Lost',
        'Removed',
        'End',
      ].map((k) => v[k]!);
      expect(start![0]! + added![0]! - won![0]! - lost![0]! - removed![0]!).toBe(end![0]);
      expect(start![1]! + added![1]! + up![1]! - down![1]! - won![1]! - lost![1]! - removed![1]!).toBe(
        end![1],
      );
    }
  });

  test('errors name what is missing', () => {
    const noSheet = loadInWorld(world(NOW_DEALS, null), {
      authMode: 'CUSTOM_FUNCTION',
    });
    expect(thrown(() => call(noSheet, 'PIPELINE_CHANGES'))?.message).toMatch(
      /^No Snapshots sheet: run Pipeline › Set up/,
    );
    expect(thrown(() => call(ctx, 'PIPELINE_CHANGES', '2026-11-01'))?.message).toBe(
      'No snapshot was taken on or before from 2026-11-01: the first was taken 2026-11-09.',
    );
    const badTaken = [SNAPSHOT_HEADERS, ['last week', 'A', 'Alpha', 'Ana', 'Lead', 1, '', '']];
    expect(thrown(() => call(ctx, 'PIPELINE_CHANGES', NOW_DEALS, badTaken))?.message).toBe(
      'the snapshots range!A2: Taken "last week" is not a date; each snapshot row needs the day it was taken.',
    );
  });
});

// Forecast accuracy. The last 6 whole months before November 2026: May … October.
const HISTORY_SNAPSHOTS = snapshots([
  ['2026-08-24', 'X1', 'X1', 'Proposal', 10000, 0.5, '2026-09-15'],
  ['2026-08-24', 'X2', 'X2', 'Lead', 4000, 0.25, '2026-09-30'],
  ['2026-08-24', 'X4', 'X4', 'Proposal', 2000, '', '2026-09-03'],
  ['2026-09-28', 'X3', 'X3', 'Negotiation', 6000, 0.8, '2026-10-10'],
  ['2026-09-28', 'X5', 'X5', 'Qualified', 5000, 0.2, '2026-10-31'],
]);
const WON_DEALS = deals([
  ['X1', 'X1', 9000, 'Won', '', '2026-09-20'],
  ['X2', 'X2', 4000, 'Lost', '', '2026-09-30'],
  ['X3', 'X3', 6000, 'Won', '', '2026-10-12'],
  ['X4', 'X4', 2000, 'Won', '', '2026-09-02'],
  ['X5', 'X5', 5000, 'Qualified', '2026-12-31', ''],
  ['X9', 'X9', 1000, 'Won', '', '2026-10-31'],
]);
// September (snapshot 08-24): 10000 × 0.5 + 4000 × 0.25 + 2000 × 0.6 (Proposal's) = 7200;
//   won 9000 + 2000 = 11000; error (11000 − 7200) / 7200.
// October (snapshot 09-28): 6000 × 0.8 + 5000 × 0.2 = 5800; won 6000 + 1000 = 7000; error 1200 / 5800.
const ACCURACY = [
  ['Month', 'Forecast', 'Won', 'Error'],
  ['2026-09', 7200, 11000, 3800 / 7200],
  ['2026-10', 5800, 7000, 1200 / 5800],
];

describe('PIPELINE_FORECAST_ACCURACY in the built Code.js', () => {
  test('both forms give the hand-worked table; months limits the look-back', () => {
    const w = world(WON_DEALS, HISTORY_SNAPSHOTS);
    const ctx = loadInWorld(w, { authMode: 'CUSTOM_FUNCTION' });
    w.calls.reset();
    expect(call(ctx, 'PIPELINE_FORECAST_ACCURACY', WON_DEALS, HISTORY_SNAPSHOTS)).toEqual(ACCURACY);
    expect(reads(w)).toEqual([]);
    expect(call(ctx, 'PIPELINE_FORECAST_ACCURACY')).toEqual(ACCURACY);
    expect(call(ctx, 'PIPELINE_FORECAST_ACCURACY', 1)).toEqual([ACCURACY[0], ACCURACY[2]]);
    expect(call(ctx, 'PIPELINE_FORECAST_ACCURACY', WON_DEALS, HISTORY_SNAPSHOTS, 2)).toEqual(ACCURACY);
    expect(thrown(() => call(ctx, 'PIPELINE_FORECAST_ACCURACY', 'six'))?.message).toBe(
      'months "six" is not a number.',
    );
  });
});
