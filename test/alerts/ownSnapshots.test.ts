/**
 * Where the weekly snapshot goes when the team has sheets of its own under the add-on's names
 * (`ensureOwnSheet`, shared with Set up): a team's own `Snapshots` is never written, the add-on's
 * `Pipeline Snapshots` goes beside it, and keeps being used when the team's sheet goes away.
 */
import { runCheck, turnOn } from './support';
import { iso, makeWorld, WEEK1 } from './weeklySupport';

const TEAMS_OWN = [
  ['Date', 'Photo'],
  ['2026-01-05', 'office party'],
];
const HEADER = ['Taken', 'Deal ID', 'Deal', 'Owner', 'Stage', 'Amount', 'Probability', 'Expected Close'];
// WEEK1 has 7 open deals (D1–D7; W0 won and L0 lost are not snapshotted).
const OPEN = 7;

test("a team's own Snapshots is kept as it is; the snapshot goes to Pipeline Snapshots, header bold and frozen", () => {
  const w = makeWorld(WEEK1, '2026-11-16T09:00:00Z');
  w.setSheet('Snapshots', TEAMS_OWN);
  turnOn(w, 'ana@example.com', 8, 'boss@example.com');
  expect(runCheck(w)?.errors).toEqual([]);
  expect(w.sheetValues('Snapshots')).toEqual(TEAMS_OWN);
  const ours = w.sheetValues('Pipeline Snapshots').map((r) => r.map(iso));
  expect(ours[0]).toEqual(HEADER);
  expect(ours).toHaveLength(1 + OPEN);
  expect(ours.slice(1).every((r) => r[0] === '2026-11-16')).toBe(true);
  const sheet = w.spreadsheet().sheetByName('Pipeline Snapshots')!;
  expect(sheet.frozenRows).toBe(1);
  expect(sheet.cell(1, 1)?.fontWeight).toBe('bold');
});

test('once the team deletes its Snapshots, the next snapshot still goes to Pipeline Snapshots (no new Snapshots)', () => {
  const w = makeWorld(WEEK1, '2026-11-16T09:00:00Z');
  w.setSheet('Snapshots', TEAMS_OWN);
  turnOn(w, 'ana@example.com', 8, 'boss@example.com');
  runCheck(w);
  const ss = w.spreadsheet();
  ss.removeSheet(ss.sheetByName('Snapshots')!);
  w.clock.set('2026-11-23T09:00:00Z');
  expect(runCheck(w)?.errors).toEqual([]);
  expect(ss.sheetByName('Snapshots')).toBeUndefined();
  const taken = w.sheetValues('Pipeline Snapshots').map((r) => iso(r[0]));
  // Header, 7 rows of the 16th, 7 of the 23rd (the same deals: the sheet of deals did not change).
  expect(taken).toEqual(['Taken', ...Array(OPEN).fill('2026-11-16'), ...Array(OPEN).fill('2026-11-23')]);
});

test('when every name is the team’s own, the check reports it and writes none of them', () => {
  const w = makeWorld(WEEK1, '2026-11-16T09:00:00Z');
  const names = ['Snapshots', 'Pipeline Snapshots', 'Pipeline Snapshots 2', 'Pipeline Snapshots 3'];
  for (const name of names) w.setSheet(name, TEAMS_OWN);
  turnOn(w, 'ana@example.com', 8, 'boss@example.com');
  const errors = runCheck(w)?.errors ?? [];
  expect(errors.join('\n')).toMatch(
    /Snapshots, Pipeline Snapshots, Pipeline Snapshots 2, Pipeline Snapshots 3 are all your own/,
  );
  for (const name of names) expect(w.sheetValues(name)).toEqual(TEAMS_OWN);
});
