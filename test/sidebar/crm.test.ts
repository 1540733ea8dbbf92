/**
 * The sidebar on a sheet as a CRM export leaves it (built Code.js on the host): IDs of any text
 * (`ACME 001`, `#1042`, `Ä-17`, `2024/001`, a numeric `15831769824`), and a Status column that
 * keeps the outcome while Stage stays where the deal closed (SPEC §1 *Status*, §3).
 */
import { World } from '../../host';
import { ANA, d, HISTORY_HEADER, run } from './support';

type Result = { ok: boolean; code?: string; message: string; deal: { stage: string } | null };

const HEADERS = [
  'Deal - ID',
  'Deal - Title',
  'Deal - Value',
  'Deal - Stage',
  'Deal - Status',
  'Deal - Deal created',
  'Deal - Won time',
  'Deal - Lost reason',
  'Notes',
];

function world(): World {
  const w = new World({ now: '2026-01-15T10:00:00Z', timeZone: 'Etc/UTC' });
  w.setSheet('Deals', [
    HEADERS,
    ['ACME 001', 'Acme', 1000, 'Proposal', 'Open', d('2025-12-01'), '', '', 'a'],
    ['#1042', 'Globex', 2000, 'Negotiation', 'Open', d('2025-12-02'), '', '', 'b'],
    ['Ä-17', 'Initech', 3000, 'Lead', 'Open', d('2025-12-03'), '', '', 'c'],
    ['2024/001', 'Hooli', 4000, 'Qualified', 'Open', d('2025-12-04'), '', '', 'd'],
    [15831769824, 'Stark', 5000, 'Contacted', 'Won', d('2025-11-01'), d('2025-12-20'), '', 'e'],
  ]);
  w.setSheet('History', [HISTORY_HEADER]);
  return w;
}

const ref = (id: string, row: number, name: string, expectedStage: string) => ({
  id,
  row,
  name,
  expectedStage,
});

test('IDs of any text: every sidebar action finds the deal by its ID', () => {
  const w = world();
  const moved = run<Result>(w, ANA, 'sidebarMove', {
    ...ref('ACME 001', 2, 'Acme', 'Proposal'),
    toStage: 'Negotiation',
  });
  expect(moved).toMatchObject({ ok: true, message: 'Moved "Acme" to Negotiation.' });
  expect(w.sheetValues('Deals')[1]?.[3]).toBe('Negotiation');
  const updated = run<Result>(w, ANA, 'sidebarUpdate', {
    ...ref('2024/001', 5, 'Hooli', 'Qualified'),
    changes: { amount: 4500 },
    seen: { amount: 4000 },
  });
  expect(updated).toMatchObject({ ok: true });
  expect(w.sheetValues('Deals')[4]?.[2]).toBe(4500);
  // History keeps the ID as the cell has it
  expect(
    w
      .sheetValues('History')
      .slice(1)
      .map((r) => [r[1], r[3], r[4]]),
  ).toEqual([['ACME 001', 'Proposal', 'Negotiation']]);
});

test('Won and Lost write Status (and Closed), not Stage', () => {
  const w = world();
  const won = run<Result>(w, ANA, 'sidebarMove', {
    ...ref('#1042', 3, 'Globex', 'Negotiation'),
    toStage: 'Won',
    closedOn: '2026-01-14',
  });
  expect(won).toMatchObject({ ok: true, message: 'Marked "Globex" won.' });
  const row = w.sheetValues('Deals')[2]!;
  // Stage still says where it closed; Status says Won; Won time is the Closed date
  expect([row[3], row[4], row[6]]).toEqual(['Negotiation', 'Won', d('2026-01-14')]);
  const lost = run<Result>(w, ANA, 'sidebarMove', {
    ...ref('ACME 001', 2, 'Acme', 'Proposal'),
    toStage: 'Lost',
    lostReason: 'Budget',
  });
  expect(lost).toMatchObject({ ok: true });
  const acme = w.sheetValues('Deals')[1]!;
  expect([acme[3], acme[4], acme[7], acme[8]]).toEqual(['Proposal', 'Lost', 'Budget', 'a']);
  // A numeric ID is the ID "15831769824"; the won deal goes back to an open stage
  const reopened = run<Result>(w, ANA, 'sidebarMove', {
    ...ref('15831769824', 6, 'Stark', 'Contacted'),
    toStage: 'Proposal',
  });
  expect(reopened).toMatchObject({ ok: true });
  const stark = w.sheetValues('Deals')[5]!;
  expect([stark[3], stark[4], stark[6]]).toEqual(['Proposal', 'Open', '']);
});
