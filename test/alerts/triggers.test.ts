/**
 * Turning alerts on, off and over on the built Code.js: one daily trigger per spreadsheet, the
 * owner recorded in document properties, takeover by a teammate, and the old owner's trigger
 * stopping at once.
 */
import { fire, makeWorld, run, type Spec, turnOn } from './support';

const SPECS: Spec[] = [
  { id: 'A1', deal: 'Acme', owner: 'ana@example.com', stage: 'Proposal', entered: '2026-11-01' },
  { id: 'B1', deal: 'Globex', owner: 'Ben Okafor', stage: 'Proposal', entered: '2026-11-02' },
];

function config(world: ReturnType<typeof makeWorld>): Record<string, unknown> | null {
  const text = world.documentProperties.data.get('pipeline.alerts.config');
  return text ? (JSON.parse(text) as Record<string, unknown>) : null;
}

describe('one user', () => {
  test('turning alerts on twice leaves one trigger; changing the hour replaces it; off removes it', () => {
    const world = makeWorld(SPECS);
    expect(turnOn(world, 'ana@example.com', 8)).toMatchObject({ ok: true, on: true, mine: true });
    expect(turnOn(world, 'ana@example.com', 8)).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Saved/),
    });
    let triggers = world.triggers.all();
    expect(triggers).toHaveLength(1);
    const first = triggers[0]!;
    expect(first).toMatchObject({
      handler: 'dailyStalledCheck',
      owner: 'ana@example.com',
      eventType: 'CLOCK',
    });
    expect(first.schedule).toMatchObject({ everyDays: 1, atHour: 8, timeZone: 'Europe/London' });
    expect(config(world)).toMatchObject({ owner: 'ana@example.com', hour: 8, manager: '' });

    turnOn(world, 'ana@example.com', 14, 'boss@example.com');
    triggers = world.triggers.all();
    expect(triggers).toHaveLength(1);
    expect(triggers[0]?.uid).not.toBe(first.uid);
    expect(triggers[0]?.schedule?.atHour).toBe(14);
    expect(config(world)).toMatchObject({ hour: 14, manager: 'boss@example.com' });

    expect(run(world, 'saveAlertSettings', 'ana@example.com', { action: 'off' })).toMatchObject({
      ok: true,
      message: 'Alerts are off.',
    });
    expect(world.triggers.all()).toHaveLength(0);
    expect(config(world)).toBeNull();
  });

  test('bad input is refused and changes nothing', () => {
    const world = makeWorld(SPECS);
    expect(turnOn(world, 'ana@example.com', 24)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/0 to 23/),
    });
    expect(turnOn(world, 'ana@example.com', 8, 'not an address')).toMatchObject({ ok: false });
    // Any editor can call saveAlertSettings: an action that is not on/takeover/off does nothing.
    for (const action of ['delete', 'ON ', 42, { toString: () => 'on' }]) {
      expect(run(world, 'saveAlertSettings', 'ana@example.com', { action, hour: 8 })).toMatchObject({
        ok: false,
        message: 'Unknown alerts action: choose on, takeover or off.',
      });
    }
    expect(world.triggers.all()).toHaveLength(0);
    expect(config(world)).toBeNull();
  });

  test('the trigger runs the check at its hour', () => {
    const world = makeWorld(SPECS);
    turnOn(world, 'ana@example.com', 10);
    const [trigger] = world.triggers.dueAt(new Date('2026-11-24T10:30:00Z'));
    expect(trigger?.handler).toBe('dailyStalledCheck');
    world.clock.set(new Date('2026-11-24T10:00:00Z'));
    fire(world, trigger!);
    expect(world.mail.outbox.map((m) => m.to).sort()).toEqual(['ana@example.com', 'ben@example.com']);
    expect(world.cell('Deals!L2').value).toEqual(new Date('2026-11-12T00:00:00Z'));
  });
});

describe('two users', () => {
  test('the second is told who runs them; takeover leaves one running check', () => {
    const world = makeWorld(SPECS);
    turnOn(world, 'ana@example.com', 8);
    const refused = turnOn(world, 'bob@example.com', 9);
    expect(refused).toMatchObject({ ok: false });
    expect(String(refused.message)).toContain('Alerts already run as ana@example.com at about 08:00');
    expect(world.triggers.all().map((t) => t.owner)).toEqual(['ana@example.com']);

    // The settings dialog tells Bob too, and offers to take over (the page shows Take over
    // when on && !mine: test/browser/alert-settings.test.ts)
    expect(run(world, 'alertSettingsView', 'bob@example.com')).toMatchObject({
      on: true,
      mine: false,
      owner: 'ana@example.com',
      hour: 8,
      status: expect.stringContaining('as ana@example.com'),
    });

    const taken = turnOn(world, 'bob@example.com', 9, '', 'takeover');
    expect(taken).toMatchObject({
      ok: true,
      message: expect.stringMatching(/took over from ana@example.com/),
    });
    expect(config(world)).toMatchObject({ owner: 'bob@example.com', hour: 9 });
    const anas = world.triggers.forUser('ana@example.com');
    const bobs = world.triggers.forUser('bob@example.com');
    expect(anas).toHaveLength(1); // Bob cannot delete Ana's trigger…
    expect(bobs).toHaveLength(1);

    // …but when it fires it stops at once: no reads, no writes, no mail, and it removes itself
    world.calls.reset();
    fire(world, anas[0]!);
    expect(world.calls.reads()).toBe(0);
    expect(world.calls.writes()).toBe(0);
    expect(world.calls.count('Spreadsheet.getSheetByName')).toBe(0);
    expect(world.mail.outbox).toHaveLength(0);
    expect(world.triggers.all().map((t) => t.owner)).toEqual(['bob@example.com']);

    fire(world, bobs[0]!);
    expect(world.mail.outbox.map((m) => m.from)).toEqual(['bob@example.com', 'bob@example.com']);
  });

  test('Ana taking over again and Bob turning on twice still leave one check', () => {
    const world = makeWorld(SPECS);
    turnOn(world, 'ana@example.com', 8);
    turnOn(world, 'bob@example.com', 9, '', 'takeover');
    turnOn(world, 'bob@example.com', 9, '', 'takeover');
    turnOn(world, 'ana@example.com', 7, '', 'takeover');
    expect(config(world)).toMatchObject({ owner: 'ana@example.com', hour: 7 });
    // Ana's own trigger was replaced (hour 7); Bob's is stale and removes itself
    expect(world.triggers.forUser('ana@example.com').map((t) => t.schedule?.atHour)).toEqual([7]);
    const [bobs] = world.triggers.forUser('bob@example.com');
    fire(world, bobs!);
    expect(world.triggers.all().map((t) => t.owner)).toEqual(['ana@example.com']);
    expect(world.mail.outbox).toHaveLength(0);
  });

  test('turned off by a teammate: the owner’s trigger stops at its next run', () => {
    const world = makeWorld(SPECS);
    turnOn(world, 'ana@example.com', 8);
    const off = run(world, 'saveAlertSettings', 'bob@example.com', { action: 'off' }) as { message: string };
    expect(off.message).toContain("ana@example.com's daily trigger stops by itself");
    fire(world, world.triggers.all()[0]!);
    expect(world.triggers.all()).toHaveLength(0);
    expect(world.mail.outbox).toHaveLength(0);
    expect(world.calls.writes()).toBe(0);
  });

  test('a run while another check holds the document lock does nothing and says so', () => {
    const world = makeWorld(SPECS);
    world.locks.hold('document', 'other-check');
    run(world, 'runStalledCheckNow');
    expect(world.calls.writes()).toBe(0);
    expect(world.mail.outbox).toHaveLength(0);
    expect(world.ui.alerts().at(-1)?.message).toMatch(/held the spreadsheet for too long/);
  });
});
