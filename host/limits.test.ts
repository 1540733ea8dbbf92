/**
 * The documented limits the host enforces for simple triggers and mail (host/README.md cites
 * the reference page of each): no user email without authorization, the two-event onEdit queue,
 * the 30 s simple-trigger limit, value/oldValue only for single cells, the email body limit.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { editBurst } from './edit-queue';
import { makeEditEvent, typeInto } from './events';
import { createGlobals } from './globals';
import { BODY_LIMIT_BYTES, BODY_LIMIT_MESSAGE } from './mail';
import { World } from './world';

function world(): World {
  const w = new World({ now: '2026-01-15T10:00:00Z' });
  w.setSheet('Deals', [
    ['ID', 'Stage'],
    ['D1', 'Lead'],
    ['D2', ''],
  ]);
  return w;
}

describe('no user email in simple triggers (LIMITED)', () => {
  test('active and effective user, and the event user, are blank; FULL still has them', () => {
    const w = world();
    const g = createGlobals(w, { user: 'ana@example.com', authMode: 'LIMITED', trigger: 'edit' });
    expect(g.Session.getActiveUser().getEmail()).toBe('');
    expect(g.Session.getEffectiveUser().getEmail()).toBe('');
    expect(makeEditEvent(g, 'Deals!B2').user.getEmail()).toBe('');
    const full = createGlobals(w, { user: 'ana@example.com' });
    expect(full.Session.getActiveUser().getEmail()).toBe('ana@example.com');
    expect(makeEditEvent(full, 'Deals!B2').user.getEmail()).toBe('ana@example.com');
  });
});

describe('value and oldValue', () => {
  test('only for a single cell; oldValue only when the cell had content', () => {
    const w = world();
    const g = createGlobals(w, { authMode: 'LIMITED', trigger: 'edit' });
    expect(typeInto(g, 'Deals!B2', 'Won')).toMatchObject({ value: 'Won', oldValue: 'Lead' });
    const intoEmpty = typeInto(g, 'Deals!B3', 'Lead');
    expect(intoEmpty.value).toBe('Lead');
    expect('oldValue' in intoEmpty).toBe(false);
    const block = makeEditEvent(g, 'Deals!B2:B3', { value: 'x', oldValue: 'y' });
    expect('value' in block).toBe(false);
    expect('oldValue' in block).toBe(false);
  });
});

describe('30 s for simple triggers', () => {
  test('a call after 30 s on the clock fails the execution, and every call after it', () => {
    const w = world();
    const g = createGlobals(w, { authMode: 'LIMITED', trigger: 'edit' });
    const range = g.SpreadsheetApp.getActive().getRange('Deals!B2');
    w.clock.advance(30_000);
    expect(range.getValue()).toBe('Lead'); // exactly 30 s: still allowed
    w.clock.advance(1);
    expect(() => range.getValue()).toThrow('Exceeded maximum execution time');
    expect(() => g.SpreadsheetApp.getActive()).toThrow('Exceeded maximum execution time');
    expect(w.timeLimitHits).toHaveLength(1);
  });

  test('a busy lock waited on counts toward the 30 s; FULL executions (6 min) are not cut at 30 s', () => {
    const w = world();
    w.locks.hold('document', 'other', { forMs: 60_000 });
    const g = createGlobals(w, { authMode: 'LIMITED', trigger: 'edit' });
    const lock = g.LockService.getDocumentLock()!;
    expect(lock.tryLock(20_000)).toBe(false);
    expect(lock.tryLock(20_000)).toBe(false); // starts at 20 s: allowed, ends at 40 s
    expect(() => lock.tryLock(1)).toThrow('Exceeded maximum execution time');
    const full = createGlobals(w, { trigger: 'edit' });
    w.clock.advance(120_000);
    expect(() => full.SpreadsheetApp.getActive()).not.toThrow();
  });
});

describe('the onEdit queue holds two events', () => {
  test('of four quick edits, the trigger runs for three; the fourth is dropped but its cell changed', () => {
    const w = world();
    const dir = mkdtempSync(path.join(tmpdir(), 'edit-queue-'));
    writeFileSync(
      path.join(dir, 'Code.js'),
      'function onEdit(e) { var p = PropertiesService.getDocumentProperties();' +
        " p.setProperty('seen', (p.getProperty('seen') || '') + e.range.getA1Notation() + ';'); return e.value; }",
    );
    const out = editBurst(w, { dir, user: 'ana@example.com' }, [
      { a1: 'Deals!B2', input: 'Qualified' },
      { a1: 'Deals!B3', input: 'Lead' },
      { a1: 'Deals!A4', input: 'D3' },
      { a1: 'Deals!B4', input: 'Won' },
    ]);
    expect(out.map((o) => o.ran)).toEqual([true, true, true, false]);
    expect(out.map((o) => o.result)).toEqual(['Qualified', 'Lead', 'D3', undefined]);
    expect(w.documentProperties.data.get('seen')).toBe('B2;B3;A4;');
    expect(w.droppedEdits).toEqual([{ a1: 'Deals!B4', user: 'ana@example.com' }]);
    expect(w.sheetValues('Deals')[3]).toEqual(['D3', 'Won']);
  });
});

describe('email body size', () => {
  test('200,000 bytes of body + HTML body go out; one byte more is refused with Google’s message', () => {
    const w = world();
    const g = createGlobals(w, { user: 'ana@example.com' });
    const half = 'x'.repeat(BODY_LIMIT_BYTES / 2);
    g.MailApp.sendEmail('bob@example.com', 'S', half, { htmlBody: half });
    expect(w.mail.outbox).toHaveLength(1);
    expect(() => g.MailApp.sendEmail('bob@example.com', 'S', `${half}y`, { htmlBody: half })).toThrow(
      BODY_LIMIT_MESSAGE,
    );
    // Multi-byte text counts in UTF-8 bytes: 66,667 × 3 bytes > 200,000.
    expect(() => g.MailApp.sendEmail('bob@example.com', 'S', '€'.repeat(66_667))).toThrow(BODY_LIMIT_MESSAGE);
    expect(w.mail.outbox).toHaveLength(1);
    expect(g.MailApp.getRemainingDailyQuota()).toBe(99);
  });
});
