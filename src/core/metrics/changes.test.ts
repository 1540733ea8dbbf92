import { Calendar } from '../model/dates';
import { parseSnapshots } from '../model/snapshots';
import { StageSet } from '../model/stages';
import type { Pipeline } from '../pipeline';
import { type DealSpec, d, day, errorOf, pipeline } from '../testing';
import { changesTable, waterfall } from './changes';

/** A Snapshots table: [taken, id, deal, stage, amount, expected close] per row. */
function snapshotRows(rows: [string, string, string, string, number, string][]): unknown[][] {
  return [
    ['Taken', 'Deal ID', 'Deal', 'Owner', 'Stage', 'Amount', 'Probability', 'Expected Close'],
    ...rows.map(([taken, id, deal, stage, amount, close]) => [
      d(taken),
      id,
      deal,
      'Ana',
      stage,
      amount,
      '',
      close === '' ? '' : d(close),
    ]),
  ];
}

function withSnapshots(deals: DealSpec[], rows: unknown[][]): Pipeline {
  return {
    ...pipeline(deals),
    snapshots: parseSnapshots(rows, StageSet.defaults(), new Calendar('Etc/UTC')),
  };
}

// Today is 2026-11-23. Three weekly snapshots: S1 11-09, S2 11-16, S3 11-23 (today's).
const S1 = '2026-11-09';
const S2 = '2026-11-16';
const S3 = '2026-11-23';
const SNAPSHOTS = snapshotRows([
  [S1, 'A', 'Alpha', 'Proposal', 1000, '2026-12-01'],
  [S1, 'B', 'Beta', 'Lead', 2000, '2026-11-30'],
  [S1, 'C', 'Gamma', 'Lead', 2500, '2026-12-20'],
  [S1, 'D', 'Delta', 'Negotiation', 4000, '2026-12-01'],
  [S1, 'E', 'Epsilon', 'Lead', 500, '2026-12-01'],
  [S1, 'F', 'Zeta', 'Lead', 700, '2026-12-01'],
  [S1, 'H', 'Eta', 'Lead', 600, '2026-12-15'],
  [S1, '', 'Jay Deal', 'Lead', 800, '2026-12-15'],
  [S1, 'K', 'Kappa', 'Lead', 300, '2026-12-15'],
  [S1, 'L', 'Lambda', 'Proposal', 1100, '2026-11-14'],
  [S1, 'M', 'Mu', 'Lead', 400, '2026-12-15'],
  [S2, 'A', 'Alpha', 'Proposal', 1000, '2026-12-01'],
  [S2, 'B', 'Beta', 'Lead', 2000, '2026-12-10'],
  [S2, 'C', 'Gamma', 'Lead', 3000, '2026-12-20'],
  [S2, 'D', 'Delta', 'Negotiation', 4000, '2026-12-01'],
  [S2, 'E', 'Epsilon', 'Lead', 500, '2026-12-01'],
  [S2, 'F', 'Zeta', 'Lead', 700, '2026-12-01'],
  [S2, 'H', 'Eta', 'Lead', 600, '2026-12-15'],
  [S2, '', 'Jay Deal', 'Lead', 800, '2026-12-15'],
  [S2, 'K', 'Kappa', 'Lead', 300, '2026-12-15'],
  [S3, 'A', 'Alpha', 'Proposal', 1500, '2026-12-01'],
  [S3, 'B', 'Beta', 'Lead', 1200, '2026-12-31'],
  [S3, 'C', 'Gamma', 'Lead', 3000, '2026-12-05'],
  [S3, 'G', 'Theta', 'Lead', 900, '2026-12-15'],
  [S3, 'H', 'Eta', 'Lead', 600, '2026-12-15'],
  [S3, '', 'Jay Deal', 'Lead', 800, '2026-12-15'],
]);
// The deals now: A grew, B shrank and slipped, C was pulled in, D won (for more), E lost, F
// deleted, G new, H unchanged, "jay deal" (no ID, matched by name) unchanged, K's stage is now
// unreadable, L won and M lost before S2, I won long ago.
const DEALS: DealSpec[] = [
  { id: 'A', deal: 'Alpha', stage: 'Proposal', amount: 1500, expectedClose: '2026-12-01' },
  { id: 'B', deal: 'Beta', stage: 'Lead', amount: 1200, expectedClose: '2026-12-31' },
  { id: 'C', deal: 'Gamma', stage: 'Qualified', amount: 3000, expectedClose: '2026-12-05' },
  { id: 'D', deal: 'Delta', stage: 'Won', amount: 4500, closed: '2026-11-20' },
  { id: 'E', deal: 'Epsilon', stage: 'Lost', amount: 500, closed: '2026-11-18' },
  { id: 'G', deal: 'Theta', stage: 'Lead', amount: 900, expectedClose: '2026-12-15' },
  { id: 'H', deal: 'Eta', stage: 'Lead', amount: 600, expectedClose: '2026-12-15' },
  { id: '', deal: 'jay deal', stage: 'Lead', amount: 800, expectedClose: '2026-12-15' },
  { id: 'K', deal: 'Kappa', stage: 'Closing', amount: 300, expectedClose: '2026-12-15' },
  { id: 'L', deal: 'Lambda', stage: 'Won', amount: 1100, closed: '2026-11-12' },
  { id: 'M', deal: 'Mu', stage: 'Lost', amount: 400, closed: '2026-11-13' },
  { id: 'I', deal: 'Iota', stage: 'Won', amount: 9999, closed: '2026-06-01' },
];

const HEADER = ['Change', 'Deals', 'Amount'];

describe('PIPELINE_CHANGES', () => {
  test('default: from the snapshot before the newest (S2) to the deals now', () => {
    // Start S2: A 1000, B 2000, C 3000, D 4000, E 500, F 700, H 600, Jay 800, K 300
    //   = 9 deals, 12900
    // New G 900; Increased A +500; Decreased B −800; Won D 4000 (as at Start); Lost E 500;
    // Removed F 700 (deleted) + K 300 (stage unreadable) = 1000
    // End now: A 1500, B 1200, C 3000, G 900, H 600, Jay 800 = 6 deals, 8000
    //   deals:  9 + 1 − 1 − 1 − 2 = 6
    //   amount: 12900 + 900 + 500 − 800 − 4000 − 500 − 1000 = 8000
    // Slipped B (12-10 → 12-31) 1200 at End; Pulled In C (12-20 → 12-05) 3000
    const table = changesTable(withSnapshots(DEALS, SNAPSHOTS), null, null);
    expect(table).toEqual([
      HEADER,
      ['Start', 9, 12900],
      ['New', 1, 900],
      ['Increased', 1, 500],
      ['Decreased', 1, 800],
      ['Won', 1, 4000],
      ['Lost', 1, 500],
      ['Removed', 2, 1000],
      ['End', 6, 8000],
      ['Slipped', 1, 1200],
      ['Pulled In', 1, 3000],
    ]);
  });

  test('explicit dates: S1 (last on or before 11-12) to S2 (last on or before 11-20)', () => {
    // Start S1: A 1000, B 2000, C 2500, D 4000, E 500, F 700, H 600, Jay 800, K 300, L 1100,
    //   M 400 = 11 deals, 13900
    // Increased C +500; Won L 1100; Lost M 400 (their state now)
    // End S2 = 9 deals, 12900:  11 − 1 − 1 = 9;  13900 + 500 − 1100 − 400 = 12900
    // Slipped B (11-30 → 12-10) 2000 at End
    const p = withSnapshots(DEALS, SNAPSHOTS);
    expect(changesTable(p, day('2026-11-12'), day('2026-11-20'))).toEqual([
      HEADER,
      ['Start', 11, 13900],
      ['New', 0, 0],
      ['Increased', 1, 500],
      ['Decreased', 0, 0],
      ['Won', 1, 1100],
      ['Lost', 1, 400],
      ['Removed', 0, 0],
      ['End', 9, 12900],
      ['Slipped', 1, 2000],
      ['Pulled In', 0, 0],
    ]);
  });

  test("ending at today's snapshot gives the same waterfall as ending now", () => {
    const p = withSnapshots(DEALS, SNAPSHOTS);
    expect(changesTable(p, day(S2), day(S3))).toEqual(changesTable(p, null, null));
  });

  test('each row lists its deals, with their row in the deals table (null when deleted)', () => {
    const w = waterfall(withSnapshots(DEALS, SNAPSHOTS), null, null);
    const of = (change: string) => w.lines.find((l) => l.change === change)!.deals;
    expect(of('Removed')).toEqual([
      { id: 'F', deal: 'Zeta', row: null, amount: 700 },
      { id: 'K', deal: 'Kappa', row: 10, amount: 300 },
    ]);
    expect(of('Won')).toEqual([{ id: 'D', deal: 'Delta', row: 5, amount: 4000 }]);
    expect(w.startDay).toBe(day(S2));
    expect(w.endDay).toBeNull();
  });

  test('errors say which snapshot is missing', () => {
    const p = withSnapshots(DEALS, SNAPSHOTS);
    expect(errorOf(() => changesTable(p, day('2026-11-01'), null))).toBe(
      'No snapshot was taken on or before from 2026-11-01: the first was taken 2026-11-09.',
    );
    expect(errorOf(() => changesTable(p, day('2026-11-20'), day('2026-11-10')))).toBe('from is after to.');
    const one = withSnapshots(DEALS, snapshotRows([[S1, 'A', 'Alpha', 'Lead', 1, '']]));
    expect(errorOf(() => changesTable(one, null, null))).toMatch(
      /^Snapshots holds one snapshot \(2026-11-09\)/,
    );
    // with a from date, one snapshot is enough: A 1 → 1500
    expect(changesTable(one, day(S1), null)[3]).toEqual(['Increased', 1, 1499]);
    const none = withSnapshots(DEALS, snapshotRows([]));
    expect(errorOf(() => changesTable(none, null, null))).toMatch(/^Snapshots holds no snapshot yet/);
  });
});
