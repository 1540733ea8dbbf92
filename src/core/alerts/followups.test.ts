/**
 * Follow-ups in the daily check, on the pure plan: which deals are due (boundaries: a next step
 * due today is due, a close date of today has not passed; snoozed and closed deals never), and
 * over several days with the alerted set carried from run to run, each told once and again
 * only after its date changed. Days are hand-picked around Monday 2026-11-23.
 */
import { Calendar } from '../model/dates';
import { StageSet } from '../model/stages';
import { day } from '../testing';
import { planCheck } from './check';
import { followUpKey, isFollowUp } from './followups';
import type { Alerted, PendingDigest } from './state';

const HEADERS = [
  'ID',
  'Deal',
  'Owner',
  'Stage',
  'Stage Entered',
  'Expected Close',
  'Next Step',
  'Next Step Date',
  'Snoozed Until',
  'Stalled Since',
];

const D = (iso: string) => new Date(`${iso}T00:00:00Z`);

interface Row {
  id: string;
  stage?: string;
  entered?: string;
  close?: string;
  next?: string;
  nextDate?: string;
  snoozed?: string;
  owner?: string;
}

function rows(list: Row[]): unknown[][] {
  return [
    HEADERS,
    ...list.map((r) => [
      r.id,
      `Deal ${r.id}`,
      r.owner ?? 'ana@x.com',
      r.stage ?? 'Proposal',
      D(r.entered ?? '2026-11-20'),
      r.close ? D(r.close) : '',
      r.next ?? 'Call',
      r.nextDate ? D(r.nextDate) : '',
      r.snoozed ? D(r.snoozed) : '',
      '',
    ]),
  ];
}

const calendar = new Calendar('Europe/London');

function plan(list: Row[], today: string, alerted: Alerted = new Map(), pending: PendingDigest[] = []) {
  return planCheck({
    rows: rows(list),
    sheet: 'Deals',
    stages: StageSet.defaults(),
    team: null,
    calendar,
    today: day(today),
    alerted,
    pending,
    manager: 'boss@x.com',
  });
}

const listed = (p: ReturnType<typeof plan>) =>
  p.freshFollowUps.map(
    (f) => `${f.deal.id} ${f.problem} ${new Date(f.since * 86_400_000).toISOString().slice(0, 10)}`,
  );

test('due on 2026-11-23: next step today or before, close date before today; snoozed and closed left out', () => {
  const p = plan(
    [
      { id: 'N-today', nextDate: '2026-11-23' }, // due today: listed
      { id: 'N-yday', nextDate: '2026-11-22' }, // overdue by 1: listed
      { id: 'N-tmrw', nextDate: '2026-11-24' }, // tomorrow: not yet
      { id: 'C-today', close: '2026-11-23' }, // closes today: not passed
      { id: 'C-yday', close: '2026-11-22' }, // passed yesterday: listed
      { id: 'Both', close: '2026-11-01', nextDate: '2026-11-10' }, // two lines, next step first
      { id: 'Snoozed', close: '2026-11-01', nextDate: '2026-11-10', snoozed: '2026-11-24' },
      { id: 'Snooze-ended', nextDate: '2026-11-10', snoozed: '2026-11-23' }, // snooze ends today
      { id: 'Won', stage: 'Won', close: '2026-11-01', nextDate: '2026-11-10' },
      { id: 'Lost', stage: 'Lost', close: '2026-11-01', nextDate: '2026-11-10' },
      { id: 'Blank' }, // no dates at all: nothing (No next step is the dashboard's, not the digest's)
    ],
    '2026-11-23',
  );
  expect(listed(p)).toEqual([
    'N-today Next step due 2026-11-23',
    'N-yday Next step due 2026-11-22',
    'C-yday Close date passed 2026-11-22',
    'Both Next step due 2026-11-10',
    'Both Close date passed 2026-11-01',
    'Snooze-ended Next step due 2026-11-10',
  ]);
  // The owner's digest and the manager's summary list them after the stalls (none here).
  const owner = p.pending.find((d) => !d.manager)!;
  expect(owner.to).toBe('ana@x.com');
  expect(owner.items).toHaveLength(6);
  expect(p.pending.find((d) => d.manager)!.items).toHaveLength(6);
});

test('over several days: told once, again only after the date changed', () => {
  // Mon 23: A's next step is due tomorrow, B's close date passed on the 20th, C stalls (Proposal 10 days).
  let deals: Row[] = [
    { id: 'A', nextDate: '2026-11-24' },
    { id: 'B', close: '2026-11-20' },
    { id: 'C', entered: '2026-11-01' },
  ];
  let alerted: Alerted = new Map();
  const runs: string[][] = [];
  const run = (today: string) => {
    const p = plan(deals, today, alerted);
    alerted = p.alerted;
    const owner = p.pending.find((d) => !d.manager);
    runs.push(owner ? owner.items.map(([k]) => k.replace('\t', ' ')) : []);
    return p;
  };
  run('2026-11-23');
  run('2026-11-24'); // A comes due
  run('2026-11-25'); // nothing new: A still due (same date), B still passed, C still stalled
  deals = [
    { id: 'A', nextDate: '2026-11-27' }, // rescheduled: forgotten, not due yet
    { id: 'B', close: '2026-11-24' }, // moved, but already passed: told again
    { id: 'C', entered: '2026-11-01' },
  ];
  run('2026-11-26');
  run('2026-11-27'); // A's new date comes due
  run('2026-11-28');
  expect(runs).toEqual([['C', 'B c'], ['A n'], [], ['B c'], ['A n'], []]);
  expect(alerted.get(followUpKey('A', 'Next step due'))).toBe(day('2026-11-27'));
  expect(alerted.get(followUpKey('B', 'Close date passed'))).toBe(day('2026-11-24'));
  expect(alerted.get('C')).toBe(day('2026-11-12'));
});

test('a deal that closes or loses its date is forgotten; a snooze keeps the memory', () => {
  const first = plan(
    [
      { id: 'A', nextDate: '2026-11-20' },
      { id: 'B', nextDate: '2026-11-20' },
      { id: 'C', nextDate: '2026-11-20' },
    ],
    '2026-11-23',
  );
  expect(first.freshFollowUps).toHaveLength(3);
  const later = plan(
    [
      { id: 'A', stage: 'Won', nextDate: '2026-11-20' },
      { id: 'B' },
      { id: 'C', nextDate: '2026-11-20', snoozed: '2026-11-30' },
    ],
    '2026-11-24',
    first.alerted,
  );
  expect([...later.alerted.keys()].map((k) => k.replace('\t', ' '))).toEqual(['C n']);
  // After the snooze, C is still due with the same date: not told again.
  const after = plan([{ id: 'C', nextDate: '2026-11-20' }], '2026-11-30', later.alerted);
  expect(after.freshFollowUps).toHaveLength(0);
  expect(after.followUps).toHaveLength(1);
});

test('a queued follow-up whose date changed before sending is not sent with the old date', () => {
  const first = plan([{ id: 'A', nextDate: '2026-11-20' }], '2026-11-23');
  const queued = first.pending;
  const next = plan([{ id: 'A', nextDate: '2026-11-30' }], '2026-11-23', first.alerted, queued);
  const owner = next.pending.find((d) => !d.manager)!;
  expect(owner.items.map(([k, s]) => [k.replace('\t', ' '), s])).toEqual([['A n', day('2026-11-20')]]);
  // resolved against today's state, the stale item has nothing to say
  const current = next.current.get(followUpKey('A', 'Next step due'));
  expect(current).toBeUndefined();
  expect([...next.current.values()].filter(isFollowUp)).toHaveLength(0);
});

test('the alerted set stays within its byte budget with follow-ups, newest days kept first', () => {
  const many: Row[] = Array.from({ length: 200 }, (_, i) => ({
    id: `D${String(i).padStart(3, '0')}`,
    nextDate: `2026-11-${String(1 + (i % 20)).padStart(2, '0')}`,
  }));
  const p = planCheck({
    rows: rows(many),
    sheet: 'Deals',
    stages: StageSet.defaults(),
    team: null,
    calendar,
    today: day('2026-11-23'),
    alerted: new Map(),
    pending: [],
    manager: null,
    maxAlertedBytes: 1000,
  });
  // each entry: "D000\tn" (6 bytes) + base36 day (day 20,780 or so = 3 digits: 36² = 1296 ≤ it < 36³)
  // + 2 = 11 bytes → 90 fit in 1000 (990 bytes)
  expect(p.alerted.size).toBe(90);
  const days = [...p.alerted.values()];
  // 10 deals per day from Nov 1 to Nov 20: the 90 newest are Nov 12..20
  expect(Math.min(...days)).toBe(day('2026-11-12'));
});
