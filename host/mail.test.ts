import { createGlobals } from './globals';
import { World } from './world';

describe('MailApp', () => {
  test('sends into the outbox and charges one per recipient', () => {
    const world = new World();
    const g = createGlobals(world, { user: 'ana@example.com' });
    expect(g.MailApp.getRemainingDailyQuota()).toBe(100);
    g.MailApp.sendEmail('bob@example.com, carl@example.com', 'Stalled deals', 'text', {
      htmlBody: '<b>hi</b>',
      cc: 'mgr@example.com',
      name: 'Pipeline',
    });
    g.MailApp.sendEmail({ to: 'dee@example.com', subject: 'S', body: 'B' });
    expect(g.MailApp.getRemainingDailyQuota()).toBe(96);
    expect(world.mail.outbox).toHaveLength(2);
    expect(world.mail.outbox[0]).toMatchObject({
      from: 'ana@example.com',
      to: 'bob@example.com,carl@example.com',
      cc: 'mgr@example.com',
      subject: 'Stalled deals',
      htmlBody: '<b>hi</b>',
      name: 'Pipeline',
      at: world.clock.now(),
    });
    expect(world.mail.to('MGR@example.com')).toHaveLength(1);
    // quota is per user
    expect(createGlobals(world, { user: 'bob@example.com' }).MailApp.getRemainingDailyQuota()).toBe(100);
  });

  test('throws when the quota is exhausted and resets the next day', () => {
    const world = new World({ now: '2026-01-15T22:00:00Z', mailQuota: 2 });
    const g = createGlobals(world);
    g.MailApp.sendEmail('a@example.com', 's', 'b');
    g.MailApp.sendEmail('b@example.com', 's', 'b');
    expect(g.MailApp.getRemainingDailyQuota()).toBe(0);
    expect(() => g.MailApp.sendEmail('c@example.com', 's', 'b')).toThrow(
      'Service invoked too many times for one day: email.',
    );
    expect(world.mail.outbox).toHaveLength(2);
    world.clock.advance(2 * 3_600_000);
    expect(g.MailApp.getRemainingDailyQuota()).toBe(2);
  });

  test('a send needing more recipients than remain fails as a whole', () => {
    const world = new World({ mailQuota: 1 });
    const g = createGlobals(world);
    expect(() => g.MailApp.sendEmail('a@example.com,b@example.com', 's', 'b')).toThrow(
      'Service invoked too many times for one day: email.',
    );
    expect(g.MailApp.getRemainingDailyQuota()).toBe(1);
  });

  test('invalid recipients', () => {
    const g = createGlobals(new World());
    expect(() => g.MailApp.sendEmail('not-an-email', 's', 'b')).toThrow('Invalid email: not-an-email');
    expect(() => g.MailApp.sendEmail('', 's', 'b')).toThrow('Failed to send email: no recipient');
  });
});
