/**
 * Follow-ups in the daily digest, on the built Code.js with the host's clock: stalls and
 * follow-ups in ONE email per owner, each follow-up told once and again only after its date
 * changed, the manager's summary with the counts, the body within Google's limit, and the
 * check's spreadsheet calls the same in number with or without follow-ups due.
 * Today starts at Monday 2026-11-23 (London = UTC); Proposal stalls after 10 days.
 */
import { World } from '../../host';
import { runCheck, turnOn } from './support';

const HEADERS = [
  'ID',
  'Deal',
  'Company',
  'Owner',
  'Amount',
  'Stage',
  'Stage Entered',
  'Expected Close',
  'Next Step',
  'Next Step Date',
  'Snoozed Until',
  'Stalled Since',
];
const NEXT_DATE_COL = 10; // J
const D = (iso: string) => new Date(`${iso}T00:00:00Z`);

type Line = [
  id: string,
  deal: string,
  owner: string,
  entered: string,
  close: string,
  next: string,
  nextDate: string,
];

function world(lines: Line[], now = '2026-11-23T09:00:00Z'): World {
  const w = new World({ now });
  w.setSheet(
    'Deals',
    [
      HEADERS,
      ...lines.map(([id, deal, owner, entered, close, next, nextDate]) => [
        id,
        deal,
        'Co',
        owner,
        1000,
        'Proposal',
        D(entered),
        close ? D(close) : '',
        next,
        nextDate ? D(nextDate) : '',
        '',
        '',
      ]),
    ],
    { frozenRows: 1 },
  );
  w.setSheet('Team', [
    ['Owner', 'Email', 'Quota'],
    ['Ben Okafor', 'ben@example.com', 100000],
  ]);
  return w;
}

const LINES: Line[] = [
  // Ana: one stall (entered Nov 1 → stalled since Nov 12) and one next step due today
  ['A1', 'Acme renewal', 'ana@example.com', '2026-11-01', '', 'Send contract', ''],
  ['A2', 'Acme <pilot>', 'ana@example.com', '2026-11-20', '2026-12-15', 'Call Jo', '2026-11-23'],
  // Ben: a close date that passed on Nov 20, next step due Nov 30
  ['B1', 'Globex plan', 'Ben Okafor', '2026-11-20', '2026-11-20', 'Demo', '2026-11-30'],
  // Nothing due
  ['C1', 'Initech', 'ben@example.com', '2026-11-20', '2026-12-31', 'Quote', '2026-11-24'],
];

function advance(w: World, days: number): void {
  w.clock.advanceDays(days);
}

test('stalls and follow-ups in one email per owner; the manager gets the counts', () => {
  const w = world(LINES);
  turnOn(w, 'ana@example.com', 8, 'boss@example.com');
  const summary = runCheck(w);
  expect(summary?.errors).toEqual([]);
  expect(w.mail.outbox.map((m) => m.to).sort()).toEqual([
    'ana@example.com',
    'ben@example.com',
    'boss@example.com',
  ]);

  const [ana, ...moreAna] = w.mail.to('ana@example.com');
  expect(moreAna).toHaveLength(0);
  expect(ana?.subject).toBe('1 deal stalled, 1 follow-up due in Sheets Pipeline');
  expect(ana?.body).toContain('- Acme renewal (Co)');
  expect(ana?.body).toContain('Follow-ups due today or overdue: 1 follow-up (1 next step due).');
  expect(ana?.body).toContain('Next step due: 2026-11-23 (today), stage: Proposal, amount: 1,000');
  expect(ana?.body).toContain('- Acme <pilot> (Co)'); // plain text as typed
  expect(ana?.htmlBody).toContain('>Acme &lt;pilot&gt;</a>'); // escaped, and a link to its row
  expect(ana?.htmlBody).toMatch(/href="[^"]+#gid=\d+&amp;range=A3">Acme &lt;pilot&gt;/);

  const [ben] = w.mail.to('ben@example.com');
  expect(ben?.subject).toBe('1 follow-up due in Sheets Pipeline');
  expect(ben?.body).toContain('Close date passed: 2026-11-20 (3 days ago)');
  expect(ben?.body).not.toContain('Initech');

  const [boss] = w.mail.to('boss@example.com');
  expect(boss?.subject).toBe(
    'Pipeline summary: 1 deal newly stalled, 1 stalled in all, 2 follow-ups due in Sheets Pipeline',
  );
  expect(boss?.body).toContain(
    'Follow-ups: 2 follow-ups (1 next step due, 1 close date passed) newly told to their owners; ' +
      '2 follow-ups (1 next step due, 1 close date passed) due or overdue in all.',
  );
});

test('over a week: each follow-up told once, and again only after its date changed', () => {
  const w = world(LINES);
  const told = (): string[] => {
    const out = w.mail.outbox.map((m) => `${m.to}: ${m.subject}`);
    w.mail.outbox.length = 0;
    return out;
  };
  runCheck(w); // Mon 23
  expect(told()).toEqual([
    'ana@example.com: 1 deal stalled, 1 follow-up due in Sheets Pipeline',
    'ben@example.com: 1 follow-up due in Sheets Pipeline',
  ]);
  advance(w, 1); // Tue 24: Initech's next step comes due; nothing else is news
  runCheck(w);
  expect(told()).toEqual(['ben@example.com: 1 follow-up due in Sheets Pipeline']);
  runCheck(w); // run again the same day: nothing
  advance(w, 1); // Wed 25
  runCheck(w);
  expect(told()).toEqual([]);
  // Ana moves her next step to Friday; on Friday it is due again
  w.setCell(`Deals!${String.fromCharCode(64 + NEXT_DATE_COL)}3`, D('2026-11-27'));
  runCheck(w);
  expect(told()).toEqual([]);
  advance(w, 2); // Fri 27
  runCheck(w);
  const fri = w.mail.outbox.find((m) => m.to === 'ana@example.com');
  expect(told()).toEqual(['ana@example.com: 1 follow-up due in Sheets Pipeline']);
  expect(fri?.body).toContain('Next step due: 2026-11-27 (today)');
  expect(fri?.body).not.toContain('Acme renewal'); // the stall was told on Monday
});

test('the body stays within 200 KB with 50 listed and the rest counted', () => {
  const long = 'x'.repeat(400);
  const lines: Line[] = Array.from({ length: 80 }, (_, i) => [
    `L${i}`,
    `Deal ${i} ${long}`,
    'ana@example.com',
    i < 30 ? '2026-11-01' : '2026-11-20',
    '2026-11-02',
    long,
    '2026-11-03',
  ]);
  const w = world(lines);
  runCheck(w);
  const mails = w.mail.to('ana@example.com');
  expect(mails).toHaveLength(1);
  const [mail] = mails;
  // 30 stalls + 80 × 2 follow-ups = 190: 50 listed (the 30 stalls first), 140 counted
  expect(mail?.subject).toBe('30 deals stalled, 20 follow-ups due in Sheets Pipeline');
  expect(mail?.body).toContain('...and 140 more');
  expect(Buffer.byteLength(mail?.htmlBody ?? '', 'utf8')).toBeLessThan(200 * 1024);
  expect(Buffer.byteLength(mail?.body ?? '', 'utf8')).toBeLessThan(200 * 1024);
});

test('the same spreadsheet calls with follow-ups due as without', () => {
  const due = world(LINES);
  const none = world(
    LINES.map(([id, deal, owner, entered, , next]) => [id, deal, owner, entered, '', next, '']),
  );
  for (const w of [due, none]) {
    turnOn(w, 'ana@example.com', 8, 'boss@example.com');
    w.calls.reset();
    runCheck(w);
  }
  // Spreadsheet calls, less the flush before each lock release (one per digest recorded as sent).
  const sheetCalls = (w: World) =>
    w.calls.log.filter(
      (c) => /^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./.test(c.name) && c.name !== 'SpreadsheetApp.flush',
    );
  expect(due.mail.outbox.length).toBeGreaterThan(none.mail.outbox.length);
  expect(sheetCalls(due).map((c) => c.name)).toEqual(sheetCalls(none).map((c) => c.name));
  expect(due.calls.reads()).toBe(none.calls.reads());
  expect(due.calls.writes()).toBe(none.calls.writes());
});
