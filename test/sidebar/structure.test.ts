/**
 * Issue 10, part 4: a sort, a row insert or a column insert landing inside a move, between its
 * reads and its setValues, writes nothing wrong. The expected sheet is built by hand from the
 * sheet before: the same structural change applied to the grid, then the move's three cells on
 * the deal's row; the result is compared cell by cell.
 */
import type { World } from '../../host';
import { ANA, BEN, d, HEADERS, historyRows, makeWorld, open, run } from './support';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Result = { ok: boolean; message: string };

const ACME = {
  id: 'D-ACME0001',
  row: 2,
  name: 'Acme renewal',
  expectedStage: 'Proposal',
  toStage: 'Negotiation',
};
const TODAY = d('2026-01-15');

/** Runs `change` on the Deals sheet as Ben right before Ana's move makes its first setValues. */
function duringMove(world: World, change: (sheet: Sheet) => void): Result {
  world.calls.once('Range.setValues', () => {
    const other = open(world, BEN);
    change(
      (other.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
        .getActiveSpreadsheet()
        .getSheetByName('Deals')!,
    );
    world.endExecution(other);
  });
  return run<Result>(world, ANA, 'sidebarMove', ACME);
}

/** The move's cells on a grid row, with the columns shifted right by `shift`. */
function applyMove(row: unknown[], shift = 0): void {
  row[HEADERS.indexOf('Stage') + shift] = 'Negotiation';
  row[HEADERS.indexOf('Stage Entered') + shift] = TODAY;
  row[HEADERS.indexOf('Last Activity') + shift] = TODAY;
}

function expectOneHistoryRow(world: World): void {
  // The first write landed wrong and was put back cell by cell (setValue), then retried.
  expect(
    world.calls.log.filter((c) => c.name === 'Range.setValues' && c.sheet === 'Deals').length,
  ).toBeGreaterThan(3);
  const added = historyRows(world).slice(1);
  expect(added.map((r) => [r[1], r[3], r[4], r[7]])).toEqual([
    ['D-ACME0001', 'Proposal', 'Negotiation', 'sidebar'],
  ]);
}

test('a sort: every cell as sorted, the move on Acme only', () => {
  const world = makeWorld();
  const before = world.sheetValues('Deals');
  const result = duringMove(world, (sheet) => sheet.sort(2, false)); // by Deal, Z to A
  expect(result.ok).toBe(true);
  // By hand: Umbrella deal, Initech expansion, Globex pilot, Acme renewal.
  const expected = [before[0]!, before[4]!, before[3]!, before[2]!, [...before[1]!]];
  applyMove(expected[4]!);
  expect(world.sheetValues('Deals')).toEqual(expected);
  expectOneHistoryRow(world);
});

test('a row inserted at Acme’s row: every cell shifted down, the blank row stays blank', () => {
  const world = makeWorld();
  const before = world.sheetValues('Deals');
  const result = duringMove(world, (sheet) => sheet.insertRowBefore(2));
  expect(result.ok).toBe(true);
  const blank = HEADERS.map(() => '');
  const expected = [before[0]!, blank, [...before[1]!], ...before.slice(2)];
  applyMove(expected[2]!);
  expect(world.sheetValues('Deals')).toEqual(expected);
  expectOneHistoryRow(world);
});

test('a column inserted at A: every cell shifted right, Stage written into Stage, not Amount', () => {
  const world = makeWorld();
  const before = world.sheetValues('Deals');
  const result = duringMove(world, (sheet) => sheet.insertColumnBefore(1));
  expect(result.ok).toBe(true);
  const expected = before.map((row) => ['', ...row]);
  applyMove(expected[1]!, 1);
  expect(world.sheetValues('Deals')).toEqual(expected);
  expectOneHistoryRow(world);
});
