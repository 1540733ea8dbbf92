/**
 * The weekly snapshot and report (SPEC §4) on the built Code.js with the host's clock; the
 * pipeline and its waterfall, worked by hand, are in ./weeklySupport.ts.
 */

import { run, runCheck, turnOn } from './support';
import { type Deal, makeWorld, reports, snapshots, twoWeeks, WEEK1 } from './weeklySupport';

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
