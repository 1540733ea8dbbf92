/**
 * The weekly snapshot and report (SPEC §4) on the built Code.js with the host's clock.
 * London (= UTC in November). Report day Monday (default): 2026-11-16 and 2026-11-23.
 *
 * The pipeline, worked by hand. Snapshot of Mon 16 Nov (7 open deals, 16,300):
 *   D1 Grows 1,000 Proposal 60%   D2 Shrinks 2,000 Negotiation 80%   D3 Slips 3,000 Qualified 20%
 *   D4 Will win 4,000 Negotiation 80%   D5 Will lose 5,000 Lead 10%   D6 Deleted 600 Contacted 30%
 *   D7 Same 700 Proposal (own 50%)
 * During the week: D1 → 1,500; D2 → 1,200; D3's Expected Close 30 Nov → 15 Jan; D4 won (20 Nov);
 * D5 lost (19 Nov); D6's row deleted; D8 New deal 2,500 Lead created.
 * Waterfall since 16 Nov, to now (23 Nov):
 *   Start 7 / 16,300; New 1 / 2,500; Increased 1 / 500; Decreased 1 / 800; Won 1 / 4,000;
 *   Lost 1 / 5,000; Removed 1 / 600; End 5 / 8,900; Slipped 1 / 3,000 (amount at End); Pulled In 0.
 *   Identity: 16,300 + 2,500 + 500 − 800 − 4,000 − 5,000 − 600 = 8,900; deals 7 + 1 − 1 − 1 − 1 = 5.
 * Headline on 23 Nov: open 8,900; weighted 1,500×.6 + 1,200×.8 + 3,000×.2 + 700×.5 + 2,500×.1 =
 *   3,060; win rate (W0 won, L0 lost, D4 won, D5 lost) 2/4 = 50%; velocity 5 open × 2,450 average
 *   won ((900 + 4,000) / 2) × 0.5 ÷ 30 days = 204.17.
 * On 16 Nov: open 16,300; weighted 600 + 1,600 + 600 + 3,200 + 500 + 180 + 350 = 7,030; win rate
 *   1/2 = 50%; velocity 7 × 900 × 0.5 ÷ 30 = 105.
 * Changes: open −7,400 (−45.4%), weighted −3,970 (−56.5%), win rate no change, velocity +99.17 (+94.4%).
 * Forecast, November: nothing open closes in it; won D4 4,000 → all four figures 4,000.
 *   Quarter (Oct–Dec): won 900 + 4,000; open D1 900 + D2 960 + D7 350 + D8 250 expected → 7,360.
 */
import type { World } from '../../host';
import { d } from '../../src/core/testing';
import { type DealCells, dealRow, dealsWorld } from '../support/world';
import { run, runCheck } from './support';

export const HEADERS = [
  'ID',
  'Deal',
  'Company',
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
  'Lost Reason',
  'Stalled Since',
];
/** Midnight UTC of a day (London is UTC in November). */
export const D = d;
export const iso = (v: unknown) =>
  v instanceof Date || (typeof v === 'object' && v !== null) ? (v as Date).toISOString().slice(0, 10) : v;

export interface Deal {
  id: string;
  deal: string;
  owner: string;
  amount: number | string;
  stage: string;
  probability?: number | string;
  created?: string;
  entered?: string;
  close?: string;
  closed?: string;
  next?: string;
  nextDate?: string;
  lostReason?: string;
}

/** A deal's cells by column (dates as Sheets gives them: UTC midnights). */
export const cellsOf = (d: Deal): DealCells => ({
  ID: d.id,
  Deal: d.deal,
  Company: 'Co',
  Owner: d.owner,
  Amount: d.amount,
  Stage: d.stage,
  Probability: d.probability ?? '',
  Created: D(d.created ?? '2026-10-01'),
  'Stage Entered': D(d.entered ?? '2026-11-14'),
  'Expected Close': d.close ? D(d.close) : '',
  Closed: d.closed ? D(d.closed) : '',
  'Next Step': d.next ?? 'Call',
  'Next Step Date': D(d.nextDate ?? '2026-12-01'),
  'Lost Reason': d.lostReason ?? '',
});

const W0: Deal = {
  id: 'W0',
  deal: 'Old win',
  owner: 'Ana',
  amount: 900,
  stage: 'Won',
  created: '2026-09-01',
  closed: '2026-10-01',
};
const L0: Deal = {
  id: 'L0',
  deal: 'Old loss',
  owner: 'Ben',
  amount: 300,
  stage: 'Lost',
  closed: '2026-10-05',
  lostReason: 'Price',
};
export const WEEK1: Deal[] = [
  W0,
  L0,
  { id: 'D1', deal: 'Grows', owner: 'Ana', amount: 1000, stage: 'Proposal', close: '2026-12-10' },
  {
    id: 'D2',
    deal: 'Shrinks',
    owner: 'Ben',
    amount: 2000,
    stage: 'Negotiation',
    close: '2026-12-05',
    entered: '2026-11-20',
  },
  {
    id: 'D3',
    deal: 'Slips',
    owner: 'Ana',
    amount: 3000,
    stage: 'Qualified',
    close: '2026-11-30',
    nextDate: '2026-11-20',
  },
  {
    id: 'D4',
    deal: 'Will win',
    owner: 'Ben',
    amount: 4000,
    stage: 'Negotiation',
    close: '2026-11-25',
    created: '2026-10-21',
    entered: '2026-11-15',
  },
  { id: 'D5', deal: 'Will lose', owner: 'Ana', amount: 5000, stage: 'Lead', close: '2026-12-20' },
  { id: 'D6', deal: 'Deleted <b>', owner: 'Ben', amount: 600, stage: 'Contacted', close: '2026-12-01' },
  {
    id: 'D7',
    deal: 'Same',
    owner: 'Ana',
    amount: 700,
    stage: 'Proposal',
    probability: 0.5,
    close: '2026-12-31',
    entered: '2026-11-01',
  },
];
const byId = (id: string) => WEEK1.find((d) => d.id === id)!;
export const WEEK2: Deal[] = [
  W0,
  L0,
  { ...byId('D1'), amount: 1500 },
  { ...byId('D2'), amount: 1200 },
  { ...byId('D3'), close: '2027-01-15' },
  { ...byId('D4'), stage: 'Won', closed: '2026-11-20' },
  { ...byId('D5'), stage: 'Lost', closed: '2026-11-19', lostReason: 'No budget' },
  byId('D7'),
  {
    id: 'D8',
    deal: 'New deal',
    owner: 'Ben',
    amount: 2500,
    stage: 'Lead',
    close: '2026-12-15',
    created: '2026-11-18',
    entered: '2026-11-18',
  },
];

const TEAM = [
  ['Owner', 'Email', 'Quota'],
  ['Ana', 'ana@example.com', ''],
  ['Ben', 'ben@example.com', ''],
];

export function makeWorld(deals: Deal[], now: string): World {
  return dealsWorld({ now, headers: HEADERS, deals: deals.map(cellsOf), sheets: { Team: TEAM } });
}

export const snapshots = (w: World) => w.sheetValues('Snapshots').map((r) => r.map(iso));
export const reports = (w: World) =>
  w.mail.outbox.filter((m) => m.subject.startsWith('Weekly pipeline report'));

/** The two weeks: alerts on with a manager on Mon 16 Nov (first snapshot), then the week's changes and Mon 23 Nov's run. */
export function twoWeeks(options: { owners?: boolean; quota2?: number } = {}): World {
  const w = makeWorld(WEEK1, '2026-11-16T09:00:00Z');
  run(w, 'saveAlertSettings', 'ana@example.com', {
    action: 'on',
    hour: 8,
    manager: 'boss@example.com',
    reportToOwners: options.owners === true,
  });
  runCheck(w);
  w.setSheet('Deals', [HEADERS, ...WEEK2.map((deal) => dealRow(HEADERS, cellsOf(deal)))], { frozenRows: 1 });
  w.clock.set('2026-11-23T09:00:00Z');
  if (options.quota2 !== undefined) w.mail.setDailyQuota(options.quota2);
  runCheck(w);
  return w;
}
