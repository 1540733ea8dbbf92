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
import { World } from '../../host';
import { run, runCheck, turnOn } from './support';

const HEADERS = [
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
const D = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (v: unknown) =>
  v instanceof Date || (typeof v === 'object' && v !== null) ? (v as Date).toISOString().slice(0, 10) : v;

interface Deal {
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

const rowOf = (d: Deal): unknown[] => [
  d.id,
  d.deal,
  'Co',
  d.owner,
  d.amount,
  d.stage,
  d.probability ?? '',
  D(d.created ?? '2026-10-01'),
  D(d.entered ?? '2026-11-14'),
  d.close ? D(d.close) : '',
  d.closed ? D(d.closed) : '',
  d.next ?? 'Call',
  D(d.nextDate ?? '2026-12-01'),
  d.lostReason ?? '',
  '',
];

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
const WEEK1: Deal[] = [
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
const WEEK2: Deal[] = [
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

function makeWorld(deals: Deal[], now: string): World {
  const w = new World({ now });
  w.setSheet('Deals', [HEADERS, ...deals.map(rowOf)], { frozenRows: 1 });
  w.setSheet('Team', TEAM);
  return w;
}

const snapshots = (w: World) => w.sheetValues('Snapshots').map((r) => r.map(iso));
const reports = (w: World) => w.mail.outbox.filter((m) => m.subject.startsWith('Weekly pipeline report'));

test('the snapshot is taken once per report day: reruns, another user, days after; a missed day is taken by the next run', () => {
  const w = makeWorld(WEEK1, '2026-11-16T09:00:00Z');
  turnOn(w, 'ana@example.com', 8, 'boss@example.com');
  expect(runCheck(w)?.errors).toEqual([]);
  const first = snapshots(w);
  expect(first[0]).toEqual([
    'Taken',
    'Deal ID',
    'Deal',
    'Owner',
    'Stage',
    'Amount',
    'Probability',
    'Expected Close',
  ]);
  // One row per open deal, Probability the effective one (stage's, else the deal's own).
  expect(first.slice(1)).toEqual([
    ['2026-11-16', 'D1', 'Grows', 'Ana', 'Proposal', 1000, 0.6, '2026-12-10'],
    ['2026-11-16', 'D2', 'Shrinks', 'Ben', 'Negotiation', 2000, 0.8, '2026-12-05'],
    ['2026-11-16', 'D3', 'Slips', 'Ana', 'Qualified', 3000, 0.2, '2026-11-30'],
    ['2026-11-16', 'D4', 'Will win', 'Ben', 'Negotiation', 4000, 0.8, '2026-11-25'],
    ['2026-11-16', 'D5', 'Will lose', 'Ana', 'Lead', 5000, 0.1, '2026-12-20'],
    ['2026-11-16', 'D6', 'Deleted <b>', 'Ben', 'Contacted', 600, 0.3, '2026-12-01'],
    ['2026-11-16', 'D7', 'Same', 'Ana', 'Proposal', 700, 0.5, '2026-12-31'],
  ]);
  // Protected as the audit trail, warning only.
  const protections = w.spreadsheet().sheetByName('Snapshots')!.protections;
  expect(protections).toHaveLength(1);
  expect(protections[0]!.warningOnly).toBe(true);

  // Reruns the same day, by the owner and by someone else from the menu: nothing more.
  runCheck(w);
  w.clock.advance(3 * 3600_000);
  runCheck(w, {}, 'bob@example.com');
  runCheck(w, { via: 'trigger' });
  expect(snapshots(w)).toHaveLength(8);
  expect(w.spreadsheet().sheetByName('Snapshots')!.protections).toHaveLength(1);
  // The first snapshot has nothing before it to compare with: no report yet.
  expect(reports(w)).toEqual([]);

  // Tuesday to Sunday: no snapshot.
  for (let day = 0; day < 6; day++) {
    w.clock.advanceDays(1);
    runCheck(w);
  }
  expect(snapshots(w)).toHaveLength(8);

  // Monday 23 Nov is missed (no run); Tuesday's run takes it, once.
  w.clock.advanceDays(2);
  runCheck(w);
  runCheck(w, {}, 'bob@example.com');
  const after = snapshots(w);
  expect(after).toHaveLength(15);
  expect(new Set(after.slice(8).map((r) => r[0]))).toEqual(new Set(['2026-11-24']));
  expect(reports(w).map((m) => m.to)).toEqual(['boss@example.com']);
  expect(reports(w)[0]!.subject).toContain('(week of 2026-11-23)');
  expect(reports(w)[0]!.body).toContain('(figures as of 2026-11-24)');
});

test('the check run from the menu by two users on the report day: one snapshot (the recorded day)', () => {
  const w = makeWorld(WEEK1, '2026-11-16T09:00:00Z');
  turnOn(w, 'ana@example.com', 8, '');
  run(w, 'runStalledCheckNow', 'bob@example.com');
  run(w, 'runStalledCheckNow', 'ana@example.com');
  expect(snapshots(w)).toHaveLength(8);
  // No manager and owners not chosen: a snapshot, no report.
  expect(reports(w)).toEqual([]);
});

test('the report day follows Alert settings; text reads back exactly and formulas are neutralised', () => {
  const hostile: Deal[] = [
    {
      id: '0012',
      deal: '=HYPERLINK("http://x","y")',
      owner: '+Ana',
      amount: 10,
      stage: 'Lead',
      close: '2026-12-01',
    },
    { id: 'D9', deal: 'TRUE', owner: '40%', amount: '', stage: 'Lead' },
  ];
  const w = makeWorld(hostile, '2026-11-16T09:00:00Z'); // a Monday
  w.setCell('Deals!B2', `'=HYPERLINK("http://x","y")`, 'user'); // typed as text: the apostrophe keeps it text
  expect(w.sheetValues('Deals')[1]![1]).toBe('=HYPERLINK("http://x","y")');
  run(w, 'saveAlertSettings', 'ana@example.com', {
    action: 'on',
    hour: 8,
    manager: '',
    reportDay: 'Wednesday',
  });
  runCheck(w);
  expect(w.spreadsheet().sheetByName('Snapshots')).toBeUndefined();
  w.clock.advanceDays(2); // Wednesday
  runCheck(w);
  expect(snapshots(w).slice(1)).toEqual([
    ['2026-11-18', '0012', '=HYPERLINK("http://x","y")', '+Ana', 'Lead', 10, 0.1, '2026-12-01'],
    ['2026-11-18', 'D9', 'TRUE', '40%', 'Lead', '', 0.1, ''],
  ]);
  expect(
    w
      .sheetFormulas('Snapshots')
      .flat()
      .filter((f) => f !== ''),
  ).toEqual([]);
  // The dialog's server validation refuses a day that is not one.
  const refused = run(w, 'saveAlertSettings', 'ana@example.com', {
    action: 'on',
    hour: 8,
    reportDay: 'Someday',
  }) as {
    ok: boolean;
    message: string;
  };
  expect(refused).toMatchObject({
    ok: false,
    message: 'The report day must be a weekday, Sunday to Saturday (got "Someday").',
  });
});

function twoWeeks(options: { owners?: boolean; quota2?: number } = {}): World {
  const w = makeWorld(WEEK1, '2026-11-16T09:00:00Z');
  run(w, 'saveAlertSettings', 'ana@example.com', {
    action: 'on',
    hour: 8,
    manager: 'boss@example.com',
    reportToOwners: options.owners === true,
  });
  runCheck(w);
  w.setSheet('Deals', [HEADERS, ...WEEK2.map(rowOf)], { frozenRows: 1 });
  w.clock.set('2026-11-23T09:00:00Z');
  if (options.quota2 !== undefined) w.mail.setDailyQuota(options.quota2);
  runCheck(w);
  return w;
}

test('the report: headline with change, the waterfall worked by hand, won/lost/slipped, stalled, overdue, forecast; every figure links to rows', () => {
  const w = twoWeeks();
  const mails = reports(w);
  expect(mails.map((m) => m.to)).toEqual(['boss@example.com']);
  const mail = mails[0]!;
  const text = mail.body;
  const html = mail.htmlBody ?? '';
  expect(mail.subject).toBe(`Weekly pipeline report: ${w.spreadsheet().name} (week of 2026-11-23)`);
  // Headline and change since the last report.
  expect(text).toMatch(/- Open value: 8,900 \(−7,400 \(−45\.4%\)\) https:\/\/\S+#gid=\d+&range=A4:A10/);
  expect(text).toContain('- Weighted value: 3,060 (−3,970 (−56.5%))');
  expect(text).toContain('- Win rate: 50% (no change)');
  expect(text).toContain('- Velocity (per day): 204.17 (+99.17 (+94.4%))');
  // The waterfall, and its identity.
  const line = (change: string) => {
    const m = new RegExp(`^- ${change}: (\\d+) deals, ([+−]?)([\\d,]+) `, 'm').exec(text);
    if (!m) throw new Error(`no ${change} line`);
    const amount = Number(m[3]!.replace(/,/g, ''));
    return { deals: Number(m[1]), amount: m[2] === '−' ? -amount : amount };
  };
  expect(line('Start')).toEqual({ deals: 7, amount: 16300 });
  expect(line('New')).toEqual({ deals: 1, amount: 2500 });
  expect(line('Increased')).toEqual({ deals: 1, amount: 500 });
  expect(line('Decreased')).toEqual({ deals: 1, amount: -800 });
  expect(line('Won')).toEqual({ deals: 1, amount: -4000 });
  expect(line('Lost')).toEqual({ deals: 1, amount: -5000 });
  expect(line('Removed')).toEqual({ deals: 1, amount: -600 });
  expect(line('End')).toEqual({ deals: 5, amount: 8900 });
  expect(line('Slipped')).toEqual({ deals: 1, amount: 3000 });
  expect(line('Pulled In')).toEqual({ deals: 0, amount: 0 });
  const sum = ['Start', 'New', 'Increased', 'Decreased', 'Won', 'Lost', 'Removed'].reduce(
    (s, c) => s + line(c).amount,
    0,
  );
  expect(sum).toBe(line('End').amount);
  expect(text).toContain('WHAT CHANGED SINCE THE SNAPSHOT OF 2026-11-16');
  expect(text).toContain('HEADLINE (change since 2026-11-16)');
  // Links: a deal's row in Deals (D4 is row 7 now), a removed deal's row in Snapshots (D6: row 7).
  const gid = (name: string) => w.spreadsheet().sheetByName(name)!.id;
  expect(text).toMatch(
    new RegExp(
      `^- Won: 1 deals, −4,000 \\(won since \\(amount then\\)\\) \\S+#gid=${gid('Deals')}&range=A7$`,
      'm',
    ),
  );
  expect(text).toMatch(new RegExp(`^- Removed: 1 deals, −600 .*#gid=${gid('Snapshots')}&range=A7$`, 'm'));
  expect(text).toMatch(new RegExp(`^- Start: 7 deals, 16,300 .*#gid=${gid('Snapshots')}&range=A2:A8$`, 'm'));
  expect(text).toMatch(/WON THIS WEEK \(1\)\n- Will win — Ben, Won, 4,000 \S+&range=A7/);
  expect(text).toMatch(/LOST THIS WEEK \(1\)\n- Will lose — Ana, Lost, 5,000 \S+&range=A8/);
  expect(text).toMatch(/SLIPPED \(EXPECTED CLOSE MOVED LATER\) \(1\)\n- Slips — Ana, Qualified, 3,000/);
  // Stalled: D7 in Proposal since 1 Nov (22 days > 10); D2 in Negotiation since 20 Nov is not (3 ≤ 7).
  expect(text).toMatch(/STALLED DEALS \(1\)\n- Same — Ana, Proposal, 700, 22 days in Proposal \S+&range=A9/);
  expect(text).toMatch(/OVERDUE \(1\)\n- Slips — Ana, Qualified, 3,000, Next step overdue \(3 days\)/);
  expect(text).toContain(
    '- This month (2026-11-01 to 2026-11-30): low 4,000, likely 4,000, high 4,000, expected 4,000, won so far 4,000',
  );
  expect(text).toMatch(
    /- This quarter \(2026-10-01 to 2026-12-31\): .* expected 7,360, won so far 4,900; 4 open deals/,
  );
  // HTML: escaped, every figure a link.
  expect(html).not.toContain('<b>Deleted');
  expect(html).toMatch(/href="[^"]+#gid=\d+&amp;range=A7">Will win<\/a>/);
  expect(html).toMatch(/>8,900<\/a>/);
  expect(html).toMatch(/>−4,000<\/a>/);
});

test('owners too when chosen: one report per address, once', () => {
  const w = twoWeeks({ owners: true });
  expect(
    reports(w)
      .map((m) => `${m.to} ${m.subject.slice(-20)}`)
      .sort(),
  ).toEqual([
    'ana@example.com (week of 2026-11-23)',
    'ben@example.com (week of 2026-11-23)',
    'boss@example.com (week of 2026-11-23)',
  ]);
});

test('quota 0 on report day: the snapshot is taken, the report waits and goes out later, once', () => {
  const w = twoWeeks({ quota2: 0 });
  expect(reports(w)).toEqual([]);
  expect(snapshots(w).filter((r) => r[0] === '2026-11-23')).toHaveLength(5);
  const summary = runCheck(w);
  expect(summary?.emailsDeferred).toBeGreaterThanOrEqual(1);
  w.mail.setDailyQuota(100);
  w.clock.advanceDays(1);
  runCheck(w);
  runCheck(w, {}, 'bob@example.com');
  w.clock.advanceDays(1);
  runCheck(w);
  const sent = reports(w);
  expect(sent.map((m) => m.subject.slice(-20))).toEqual(['(week of 2026-11-23)']);
  // Sent on Tuesday, with the week's waterfall.
  expect(sent[0]!.body).toContain('- End: 5 deals, 8,900');
  expect(sent[0]!.body).toContain('HEADLINE (change since 2026-11-16)');
  expect(snapshots(w)).toHaveLength(8 + 5);
});

test('a run that died while sending: the report is not sent twice, and the possible loss is told', () => {
  const w = twoWeeks({ quota2: 0 });
  // A run claimed boss@ for the 23 Nov report ten minutes ago and died before recording the send.
  const queue = JSON.parse(w.documentProperties.data.get('pipeline.report.queue') ?? 'null') as {
    sending: { to: string; at: number }[];
  };
  expect(queue).toMatchObject({ to: ['boss@example.com'], sent: [], sending: [] });
  queue.sending = [{ to: 'boss@example.com', at: w.clock.now() - 10 * 60_000 }];
  w.documentProperties.data.set('pipeline.report.queue', JSON.stringify(queue));
  w.mail.setDailyQuota(100);
  w.clock.advanceDays(1);
  const summary = runCheck(w);
  expect(reports(w)).toHaveLength(0);
  expect(summary?.errors).toContain(
    'A run stopped while emailing the weekly report to boss@example.com; it was not sent again (it may not have arrived).',
  );
  runCheck(w);
  expect(reports(w)).toHaveLength(0);
  expect(w.documentProperties.data.get('pipeline.report.queue')).toBeUndefined();
});
