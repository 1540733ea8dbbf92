/**
 * The digests on the built Code.js: one email per owner address, the manager's summary, HTML
 * escaping, no repeats, the mail quota (nothing lost, nothing doubled) and the time budget.
 * Today is 2026-11-23; Proposal stalls after 10 days.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { World } from '../../host';
import { DIST } from '../support/code';
import { flags, makeWorld, run, runCheck, type Spec, turnOn } from './support';

const SPECS: Spec[] = [
  {
    id: 'A1',
    deal: 'Acme renewal',
    company: 'Acme',
    owner: 'ana@example.com',
    amount: 12500.5,
    stage: 'Proposal',
    entered: '2026-11-01',
    next: 'Call back',
  },
  {
    id: 'A2',
    deal: 'Acme pilot',
    company: 'Acme',
    owner: 'ANA@example.com',
    stage: 'Proposal',
    entered: '2026-11-02',
  },
  {
    id: 'B1',
    deal: 'Globex plan',
    company: 'Globex',
    owner: 'Ben Okafor',
    stage: 'Proposal',
    entered: '2026-11-03',
  },
  {
    id: 'C1',
    deal: 'Initech',
    company: 'Initech',
    owner: 'chloé martin',
    stage: 'Proposal',
    entered: '2026-11-04',
  },
  {
    id: 'Z1',
    deal: 'Nobody’s deal',
    company: 'Hooli',
    owner: 'Zed',
    stage: 'Proposal',
    entered: '2026-11-05',
  },
  {
    id: 'F1',
    deal: 'Fresh',
    company: 'Stark',
    owner: 'Ben Okafor',
    stage: 'Proposal',
    entered: '2026-11-20',
  },
];

const URL = 'https://docs.google.com/spreadsheets/d/1FakeSpreadsheetId_LocalAppsScriptHost_0000000000/edit';

function recipients(world: World): string[] {
  return world.mail.outbox.map((m) => m.to).sort();
}

describe('one digest per owner address', () => {
  test('owners by email or through Team; unaddressed deals go to the manager summary', () => {
    const world = makeWorld(SPECS);
    turnOn(world, 'ana@example.com', 8, 'boss@example.com');
    const summary = runCheck(world);
    expect(summary).toMatchObject({
      stalled: 5,
      newlyStalled: 5,
      unaddressed: 1,
      emailsSent: 4,
      emailsDeferred: 0,
    });
    expect(recipients(world)).toEqual([
      'ana@example.com',
      'ben@example.com',
      'boss@example.com',
      'chloe@example.com',
    ]);

    const [ana] = world.mail.to('ana@example.com');
    expect(ana?.subject).toBe('2 deals stalled in Sheets Pipeline');
    expect(ana?.name).toBe('Sheets Pipeline');
    expect(ana?.from).toBe('ana@example.com');
    // deal, company, stage, days in stage vs limit, amount, next step, link to the row
    expect(ana?.body).toContain('- Acme renewal (Acme)');
    expect(ana?.body).toContain('Stage: Proposal, days in stage / limit: 22 / 10, amount: 12,500.5');
    expect(ana?.body).toContain('Next step: Call back');
    expect(ana?.body).toContain(`Stalled since 2026-11-12: ${URL}#gid=`);
    const gid = world.sheet('Deals')!.id;
    expect(ana?.body).toContain(`${URL}#gid=${gid}&range=A2`);
    expect(ana?.htmlBody).toContain(`<a href="${URL}#gid=${gid}&amp;range=A3">Acme pilot</a>`);
    expect(ana?.body).not.toContain('Globex');

    const [ben] = world.mail.to('ben@example.com');
    expect(ben?.subject).toBe('1 deal stalled in Sheets Pipeline');
    expect(ben?.body).toContain('Globex plan');
    expect(ben?.body).not.toContain('Fresh'); // not stalled

    const [boss] = world.mail.to('boss@example.com');
    expect(boss?.subject).toBe(
      'Pipeline summary: 5 deals newly stalled, 5 stalled in all in Sheets Pipeline',
    );
    expect(boss?.body).toContain('Zed: no email address (add the owner to the Team sheet)');
    expect(boss?.body).toContain('Nobody’s deal');
    expect(boss?.body).toContain('Ben Okafor <ben@example.com> (1 stalled)');
    expect(boss?.body).toContain('ana@example.com (2 stalled)');
  });

  test('without a manager, deals without an address are counted in the summary', () => {
    const world = makeWorld(SPECS);
    const summary = runCheck(world);
    expect(recipients(world)).toEqual(['ana@example.com', 'ben@example.com', 'chloe@example.com']);
    expect(summary?.unaddressed).toBe(1);
  });

  test('deal values are HTML-escaped; the plain-text body keeps them as typed', () => {
    const world = makeWorld([
      {
        id: 'X1',
        deal: '<script>alert("x")</script>',
        company: 'A & B <i>',
        owner: 'ana@example.com',
        stage: 'Proposal',
        entered: '2026-11-01',
        next: `"quoted" 'single'`,
      },
    ]);
    turnOn(world, 'ana@example.com', 8, 'boss@example.com');
    runCheck(world);
    for (const mail of world.mail.outbox) {
      expect(mail.htmlBody).not.toContain('<script>');
      expect(mail.htmlBody).not.toContain('<i>');
      expect(mail.htmlBody).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(mail.htmlBody).toContain('A &amp; B &lt;i&gt;');
      expect(mail.htmlBody).toContain('&quot;quoted&quot; &#39;single&#39;');
      expect(mail.body).toContain('<script>alert("x")</script>');
      expect(mail.subject).not.toContain('<');
    }
    expect(world.mail.outbox).toHaveLength(2);
  });
});

describe('no repeats', () => {
  test('a second run the same day sends nothing; the next day neither', () => {
    const world = makeWorld(SPECS);
    runCheck(world);
    expect(world.mail.outbox).toHaveLength(3);
    expect(runCheck(world)).toMatchObject({ newlyStalled: 0, emailsSent: 0 });
    world.clock.advanceDays(1);
    expect(runCheck(world)).toMatchObject({ newlyStalled: 0, emailsSent: 0 });
    expect(world.mail.outbox).toHaveLength(3);
  });

  test('moved, touched, or snooze ended and stalled again: alerted again', () => {
    const world = makeWorld(SPECS);
    runCheck(world);
    world.mail.clear();
    // A1 touched today (Nov 23), A2 moved to Negotiation today, B1 snoozed until Nov 26
    world.setCell('Deals!I2', new Date('2026-11-23T00:00:00Z'));
    world.setCell('Deals!F3', 'Negotiation');
    world.setCell('Deals!H3', new Date('2026-11-23T00:00:00Z'));
    world.setCell('Deals!K4', new Date('2026-11-26T00:00:00Z'));
    expect(runCheck(world)).toMatchObject({ cleared: 3, newlyStalled: 0, emailsSent: 0 });
    expect(flags(world)).toMatchObject({ A1: '', A2: '', B1: '' });

    // Nov 26: B1's snooze ended → stalled again since Nov 26
    world.clock.advanceDays(3);
    runCheck(world);
    expect(flags(world).B1).toBe('2026-11-26');
    expect(world.mail.outbox.map((m) => m.to)).toEqual(['ben@example.com']);
    expect(world.mail.outbox[0]?.body).toContain('Globex plan');

    // Dec 1: A2 (Negotiation since Nov 23, limit 7) stalls on Nov 23 + 8 = Dec 1
    world.mail.clear();
    world.clock.advanceDays(5);
    runCheck(world);
    expect(flags(world)).toMatchObject({ A2: '2026-12-01', A1: '' });
    // (F1, Ben's, Proposal since Nov 20, stalls the same day; A2's Owner cell is ANA@…)
    expect(recipients(world)).toEqual(['ANA@example.com', 'ben@example.com']);
    expect(world.mail.to('ana@example.com')[0]?.subject).toBe('1 deal stalled in Sheets Pipeline');
    expect(world.mail.to('ana@example.com')[0]?.body).toContain('Acme pilot');

    // Dec 4: A1 (touched Nov 23, limit 10) stalls on Dec 4
    world.mail.clear();
    world.clock.advanceDays(3);
    runCheck(world);
    expect(flags(world).A1).toBe('2026-12-04');
    expect(world.mail.outbox).toHaveLength(1);
    expect(world.mail.outbox[0]?.body).toContain('Acme renewal');
  });

  test('a flag someone cleared by hand is not news again (the alerted set remembers)', () => {
    const world = makeWorld(SPECS);
    runCheck(world);
    world.setCell('Deals!L2', '');
    world.mail.clear();
    expect(runCheck(world)).toMatchObject({ newlyStalled: 0, emailsSent: 0 });
    expect(flags(world).A1).toBe('2026-11-12');
  });
});

describe('mail quota: kept and sent later, none lost, none doubled', () => {
  test('quota 0, then 2, then plenty', () => {
    const world = makeWorld(SPECS);
    turnOn(world, 'ana@example.com', 8, 'boss@example.com');
    world.mail.setDailyQuota(0);
    expect(runCheck(world)).toMatchObject({ emailsSent: 0, emailsDeferred: 4, newlyStalled: 5 });
    expect(world.mail.outbox).toHaveLength(0);
    // flags are written even when no email can go
    expect(flags(world).A1).toBe('2026-11-12');

    world.mail.setDailyQuota(2);
    expect(runCheck(world)).toMatchObject({ emailsSent: 2, emailsDeferred: 2, newlyStalled: 0 });
    expect(world.mail.outbox).toHaveLength(2);

    // still 2 used today: nothing more can go
    expect(runCheck(world)).toMatchObject({ emailsSent: 0, emailsDeferred: 2 });

    world.mail.setDailyQuota(100);
    world.clock.advanceDays(1);
    expect(runCheck(world)).toMatchObject({ emailsSent: 2, emailsDeferred: 0 });
    expect(recipients(world)).toEqual([
      'ana@example.com',
      'ben@example.com',
      'boss@example.com',
      'chloe@example.com',
    ]);
    // owners went first; the manager's summary last
    expect(world.mail.outbox.at(-1)?.to).toBe('boss@example.com');

    expect(runCheck(world)).toMatchObject({ emailsSent: 0, emailsDeferred: 0 });
    expect(world.mail.outbox).toHaveLength(4);
  });

  test('a waiting digest gains the next day’s stalls: still one email', () => {
    const world = makeWorld(SPECS);
    world.mail.setDailyQuota(0);
    runCheck(world);
    // F1 (Ben, Proposal since Nov 20) stalls on Dec 1
    world.clock.advanceDays(8);
    world.mail.setDailyQuota(100);
    runCheck(world);
    const ben = world.mail.to('ben@example.com');
    expect(ben).toHaveLength(1);
    expect(ben[0]?.subject).toBe('2 deals stalled in Sheets Pipeline');
    expect(ben[0]?.body).toContain('Globex plan');
    expect(ben[0]?.body).toContain('Fresh');
  });

  test('a waiting deal that moved on before the email could go is left out', () => {
    const world = makeWorld(SPECS);
    world.mail.setDailyQuota(0);
    runCheck(world);
    world.setCell('Deals!I4', new Date('2026-11-23T00:00:00Z')); // B1 touched
    world.mail.setDailyQuota(100);
    world.clock.advanceDays(1);
    runCheck(world);
    expect(world.mail.to('ben@example.com')).toHaveLength(0);
    expect(world.mail.outbox).toHaveLength(2);
  });
});

describe('two runs at once', () => {
  test('a run started while another is checking waits its turn and sends nothing twice', () => {
    const world = makeWorld(SPECS);
    let inner: unknown = null;
    // While Ana's run is between its read and its write, Bob runs the check from the menu.
    world.calls.once(
      'Range.getValues',
      () => {
        inner = runCheck(world, {}, 'bob@example.com');
      },
      'after',
    );
    const outer = runCheck(world);
    expect(inner).toMatchObject({ emailsSent: 0, errors: [expect.stringMatching(/held the spreadsheet/)] });
    expect(outer).toMatchObject({ emailsSent: 3, newlyStalled: 5 });
    expect(runCheck(world, {}, 'bob@example.com')).toMatchObject({ emailsSent: 0, newlyStalled: 0 });
    expect(recipients(world)).toEqual(['ana@example.com', 'ben@example.com', 'chloe@example.com']);
  });
});

describe('time budget', () => {
  test('a run that nears its budget stops sending; the next one continues', () => {
    const world = makeWorld(SPECS);
    turnOn(world, 'ana@example.com', 8, 'boss@example.com');
    // Each email takes 2 minutes: sends start at 0, 2 and 4 minutes, then 6 ≥ 5: stop.
    const off = world.calls.after('MailApp.sendEmail', () => world.clock.advance(2 * 60_000));
    const first = runCheck(world);
    expect(first).toMatchObject({ emailsSent: 3, emailsDeferred: 1, finished: false });
    off();
    const second = runCheck(world);
    expect(second).toMatchObject({ emailsSent: 1, emailsDeferred: 0, finished: true });
    expect(recipients(world)).toEqual([
      'ana@example.com',
      'ben@example.com',
      'boss@example.com',
      'chloe@example.com',
    ]);
  });

  test('the budget is a parameter: 0 sends nothing and keeps everything', () => {
    const world = makeWorld(SPECS);
    expect(runCheck(world, { budgetMs: 0 })).toMatchObject({
      emailsSent: 0,
      emailsDeferred: 3,
      finished: false,
    });
    expect(flags(world).A1).toBe('2026-11-12');
    expect(runCheck(world)).toMatchObject({ emailsSent: 3, emailsDeferred: 0 });
  });
});

describe('settings dialog shows the last run', () => {
  test('when it ran and what it did', () => {
    const world = makeWorld(SPECS);
    turnOn(world, 'ana@example.com', 8, 'boss@example.com');
    runCheck(world);
    run(world, 'openAlertSettings');
    const dialog = world.ui.shown.at(-1);
    expect(dialog?.kind).toBe('modal');
    expect(dialog?.dialogTitle).toBe('Stalled-deal alerts');
    // The built dialog page, which asks alertSettingsView for what it shows when it loads.
    expect(dialog?.content).toBe(readFileSync(path.join(DIST, 'AlertSettings.html'), 'utf8'));
    expect(dialog?.content).toContain('alertSettingsView');
    // Nothing from a CDN or any other network address.
    expect(dialog?.content).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']?(https?:)?\/\//i);
    const view = run(world, 'alertSettingsView') as { lastRun: string; status: string };
    expect(view.lastRun).toContain('Last run 2026-11-23 09:00');
    expect(view.lastRun).toContain('6 deals checked, 5 stalled (5 newly)');
    expect(view.lastRun).toContain('4 emails sent, 0 deferred');
    expect(view.status).toContain(
      'Alerts are on: the daily check runs at about 08:00 (Europe/London) as you.',
    );
  });
});
