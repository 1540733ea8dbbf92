import { makeEditEvent, makeTimeEvent, typeInto } from './events';
import { createGlobals } from './globals';
import { World } from './world';

describe('Utilities', () => {
  const g = createGlobals(new World());
  const d = new Date('2026-07-04T17:05:09.123Z');

  test.each([
    ['yyyy-MM-dd HH:mm:ss', 'Europe/London', '2026-07-04 18:05:09'],
    ['yy MMM d', 'UTC', '26 Jul 4'],
    ['EEEE, MMMM dd', 'America/New_York', 'Saturday, July 04'],
    ['EEE h:mm a', 'America/New_York', 'Sat 1:05 PM'],
    ['HH:mm Z', 'Asia/Kolkata', '22:35 +0530'],
    ['XXX', 'Europe/London', '+01:00'],
    ['XXX', 'UTC', 'Z'],
    ["'Week of' d/M", 'UTC', 'Week of 4/7'],
    ['SSS', 'UTC', '123'],
  ])('formatDate %s in %s', (pattern, tz, expected) => {
    expect(g.Utilities.formatDate(d, tz, pattern)).toBe(expected);
  });

  test('sleep advances the world clock; uuid; base64', () => {
    const world = new World();
    const u = createGlobals(world).Utilities;
    const t0 = world.clock.now();
    u.sleep(1500);
    expect(world.clock.now() - t0).toBe(1500);
    expect(u.getUuid()).toMatch(/^[0-9a-f-]{36}$/);
    expect(u.base64Encode('hé')).toBe('aMOp');
    expect(u.base64Decode('aMOp')).toEqual([104, -61, -87]);
  });
});

describe('Date stand-in', () => {
  test('new Date() and Date.now() read the world clock; with args it is the real Date', () => {
    const world = new World({ now: '2026-03-01T12:00:00Z' });
    const { Date: D } = createGlobals(world);
    expect(new D().toISOString()).toBe('2026-03-01T12:00:00.000Z');
    world.clock.advanceDays(1);
    expect(D.now()).toBe(Date.parse('2026-03-02T12:00:00Z'));
    expect(new D(0).getTime()).toBe(0);
    expect(new D() instanceof Date).toBe(true);
    expect(new Date(5) instanceof D).toBe(true);
    expect(D.UTC(2026, 0, 1)).toBe(Date.UTC(2026, 0, 1));
  });
});

describe('events', () => {
  test('typeInto writes like a user and reports value/oldValue', () => {
    const world = new World();
    world.setSheet('Deals', [
      ['ID', 'Stage'],
      ['D1', 'Lead'],
    ]);
    const g = createGlobals(world, { authMode: 'LIMITED', trigger: 'edit' });
    const e = typeInto(g, 'Deals!B2', 'Proposal');
    expect(e.value).toBe('Proposal');
    expect(e.oldValue).toBe('Lead');
    expect(e.authMode).toBe('LIMITED');
    expect(e.range.getA1Notation()).toBe('B2');
    expect(e.range.getSheet().getName()).toBe('Deals');
    expect(e.source.getId()).toBe(world.spreadsheet().id);
    expect(world.cell('Deals!B2').value).toBe('Proposal');
    const multi = makeEditEvent(g, 'Deals!A1:B2', { value: 'x' });
    expect('value' in multi).toBe(false);
    expect(world.calls.count('Range.setValue')).toBe(0);
  });

  test('time event fields', () => {
    const world = new World({ now: '2026-01-15T08:30:00Z' });
    const e = makeTimeEvent(createGlobals(world, { trigger: 'time' }), { triggerUid: '42' });
    expect(e).toMatchObject({
      hour: 8,
      minute: 30,
      year: 2026,
      month: 1,
      'day-of-month': 15,
      'day-of-week': 4,
      triggerUid: '42',
    });
  });
});
