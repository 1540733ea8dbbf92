import { createGlobals } from './globals';
import { World } from './world';

describe('ScriptApp triggers', () => {
  test('time-driven trigger builder and per-user getProjectTriggers', () => {
    const world = new World();
    const ana = createGlobals(world, { user: 'ana@example.com' });
    const bob = createGlobals(world, { user: 'bob@example.com' });
    const t = ana.ScriptApp.newTrigger('dailyCheck')
      .timeBased()
      .everyDays(1)
      .atHour(8)
      .inTimezone('Europe/London')
      .create();
    expect(t.getHandlerFunction()).toBe('dailyCheck');
    expect(t.getEventType()).toBe(ana.ScriptApp.EventType.CLOCK);
    expect(t.getTriggerSource()).toBe(ana.ScriptApp.TriggerSource.CLOCK);
    expect(typeof t.getUniqueId()).toBe('string');
    bob.ScriptApp.newTrigger('onEditInstalled')
      .forSpreadsheet(bob.SpreadsheetApp.getActive())
      .onEdit()
      .create();
    expect(ana.ScriptApp.getProjectTriggers().map((x) => x.getHandlerFunction())).toEqual(['dailyCheck']);
    expect(bob.ScriptApp.getProjectTriggers().map((x) => x.getHandlerFunction())).toEqual([
      'onEditInstalled',
    ]);
    const bobs = bob.ScriptApp.getUserTriggers(bob.SpreadsheetApp.getActive());
    expect(bobs[0]?.getTriggerSourceId()).toBe(world.spreadsheet().id);
    expect(world.triggers.all().map((x) => x.owner)).toEqual(['ana@example.com', 'bob@example.com']);
  });

  test('deleteTrigger removes only the caller’s own trigger', () => {
    const world = new World();
    const ana = createGlobals(world, { user: 'ana@example.com' });
    const t = ana.ScriptApp.newTrigger('dailyCheck').timeBased().everyDays(1).atHour(8).create();
    ana.ScriptApp.deleteTrigger(t);
    expect(world.triggers.all()).toHaveLength(0);
  });

  test('add-on limit: one trigger of each type per user per document', () => {
    const world = new World();
    const ana = createGlobals(world, { user: 'ana@example.com' });
    const bob = createGlobals(world, { user: 'bob@example.com' });
    ana.ScriptApp.newTrigger('a').timeBased().everyDays(1).atHour(8).create();
    expect(() => ana.ScriptApp.newTrigger('b').timeBased().everyHours(1).create()).toThrow(
      'This add-on has created too many time-based triggers in this document for this Google user account.',
    );
    expect(() => bob.ScriptApp.newTrigger('a').timeBased().everyDays(1).atHour(9).create()).not.toThrow();
    expect(() => ana.ScriptApp.newTrigger('x').timeBased().everyMinutes(5).create()).toThrow(
      /more frequently than once per hour/,
    );
  });

  test('dueAt finds the triggers that fire in an hour (in their time zone)', () => {
    const world = new World({ now: '2026-06-01T00:00:00Z' });
    const ana = createGlobals(world, { user: 'ana@example.com' });
    ana.ScriptApp.newTrigger('dailyCheck')
      .timeBased()
      .everyDays(1)
      .atHour(8)
      .inTimezone('Europe/London')
      .create();
    // 08:00 in London in June is 07:00 UTC
    expect(world.triggers.dueAt(new Date('2026-06-02T07:30:00Z')).map((t) => t.handler)).toEqual([
      'dailyCheck',
    ]);
    expect(world.triggers.dueAt(new Date('2026-06-02T08:30:00Z'))).toEqual([]);
  });
});
