/**
 * Issue 10, part 5: mail is never lost and at most rarely doubled. Each case counts the emails
 * each address got, exactly. Today is 2026-11-23; Proposal stalls after 10 days.
 */
import type { World } from '../../host';
import { BODY_LIMIT_BYTES } from '../../host';
import { makeWorld, run, runCheck, type Spec, TEAM, turnOn } from './support';

const ANA_DEAL: Spec = {
  id: 'A1',
  deal: 'Acme renewal',
  owner: 'ana@example.com',
  stage: 'Proposal',
  entered: '2026-11-01',
};
const ZED_DEAL: Spec = { id: 'Z1', deal: 'Hooli', owner: 'Zed', stage: 'Proposal', entered: '2026-11-05' };

const to = (world: World, address: string) => world.mail.to(address);

/** Runs the daily check on each of the next `days` days (the first run is today). */
function daily(world: World, days: number): void {
  for (let i = 0; i < days; i++) {
    if (i > 0) world.clock.advanceDays(1);
    runCheck(world, { via: 'trigger' });
  }
}

test('an owner with no address: kept, shown to the manager, sent once Team gives the address', () => {
  const world = makeWorld([ANA_DEAL, ZED_DEAL]);
  turnOn(world, 'ana@example.com', 8, 'boss@example.com');
  const first = runCheck(world, { via: 'trigger' });
  expect(first?.unaddressed).toBe(1);
  expect(to(world, 'boss@example.com')[0]?.body).toContain('Zed: no email address');
  world.clock.advanceDays(1);
  runCheck(world, { via: 'trigger' }); // still no address: still waiting, nothing to Zed
  expect(run(world, 'alertSettingsView')).toMatchObject({
    lastRun: expect.stringContaining("1 stalled deal wait for their owner's email address"),
  });
  world.setSheet('Team', [...TEAM, ['Zed', 'zed@example.com', 50000]]);
  world.clock.advanceDays(1);
  runCheck(world, { via: 'trigger' });
  daily(world, 3);
  expect(to(world, 'zed@example.com')).toHaveLength(1);
  expect(to(world, 'zed@example.com')[0]?.body).toContain('Hooli');
  expect(to(world, 'ana@example.com')).toHaveLength(1);
});

test('transient failures: retried on later runs, one email once it goes through', () => {
  const world = makeWorld([ANA_DEAL]);
  turnOn(world, 'ana@example.com');
  let failures = 3;
  world.calls.on('MailApp.sendEmail', () => {
    if (failures-- > 0) throw new Error('Service unavailable: Mail');
  });
  daily(world, 6);
  expect(to(world, 'ana@example.com')).toHaveLength(1);
});

test('failing for days: given up on day 5, reported to the manager once and in Alert settings', () => {
  const world = makeWorld([ANA_DEAL]);
  turnOn(world, 'ana@example.com', 8, 'boss@example.com');
  world.calls.on('MailApp.sendEmail', (info) => {
    if (String(info.args[0]).startsWith('ana@')) throw new Error('Service unavailable: Mail');
  });
  daily(world, 9);
  expect(to(world, 'ana@example.com')).toHaveLength(0);
  const notices = to(world, 'boss@example.com').filter((m) => /could not be delivered/.test(m.subject));
  expect(notices).toHaveLength(1);
  expect(notices[0]?.body).toMatch(/Gave up emailing ana@example.com after 5 days/);
  const status = run(world, 'alertSettingsView') as { lastRun: string };
  expect(status.lastRun).toMatch(/Not delivered: Gave up emailing ana@example.com/);
});

test('a digest over the body limit: listed up to what fits, the rest counted with a link', () => {
  // 60 deals whose text is long and multi-byte (3 bytes a character): far over 200 KB unclipped.
  const long = (c: string) => c.repeat(3000);
  const specs: Spec[] = Array.from({ length: 60 }, (_, i) => ({
    id: `L${i}`,
    deal: `${long('€')} ${i}`,
    company: long('É'),
    owner: 'ana@example.com',
    stage: 'Proposal',
    entered: '2026-11-01',
    next: long('→'),
  }));
  const world = makeWorld(specs);
  turnOn(world, 'ana@example.com');
  const summary = runCheck(world, { via: 'trigger' });
  expect(summary?.errors).toEqual([]);
  const mails = to(world, 'ana@example.com');
  expect(mails).toHaveLength(1);
  const mail = mails[0]!;
  expect(Buffer.byteLength(mail.body) + Buffer.byteLength(mail.htmlBody ?? '')).toBeLessThanOrEqual(
    BODY_LIMIT_BYTES,
  );
  const listed = (mail.body.match(/^- /gm) ?? []).length;
  const more = Number(/\.\.\.and (\d+) more stalled deals?/.exec(mail.body)?.[1]);
  expect(listed).toBeGreaterThan(0);
  expect(listed + more).toBe(60);
  expect(mail.htmlBody).toContain('Stalled Since column of the sheet</a>');
  daily(world, 2);
  expect(to(world, 'ana@example.com')).toHaveLength(1);
});

test('a run that dies right after sending: the digest is sent once more, never a third time', () => {
  const world = makeWorld([ANA_DEAL]);
  turnOn(world, 'ana@example.com');
  let deaths = 2;
  world.calls.after('MailApp.sendEmail', (info) => {
    // The execution ends right after the mail went out, before anything is recorded.
    if (deaths-- > 0) world.stopExecution(info.execution);
  });
  for (let day = 0; day < 4; day++) {
    if (day > 0) world.clock.advanceDays(1);
    try {
      runCheck(world, { via: 'trigger' });
    } catch {
      // the run died
    }
  }
  // Day 0: sent, run died; day 1: sent again, died again; day 2: not sent a third time.
  expect(to(world, 'ana@example.com')).toHaveLength(2);
});
