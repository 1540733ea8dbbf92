/**
 * Issue 10, part 4: a sort, a row insert or a column insert landing inside the daily check,
 * between its last read and its setValues, writes nothing wrong. Expected sheets are built by
 * hand from the sheet before (the same change applied to the grid, then the flags worked out
 * from each deal's dates), and compared cell by cell.
 */
import { createGlobals, type World } from '../../host';
import { d, makeWorld, runCheck, type Spec, STALLED_COL } from './support';

// Now is 2026-11-23. Proposal stalls after 10 days, Lead after 14: a deal in Proposal since
// Nov 1 is stalled since Nov 12 (1 + 10 + 1), since Nov 5 → Nov 16; Bravo and Delta are not
// stalled; Echo (Lead since Nov 20) carries a wrong flag the check clears.
const SPECS: Spec[] = [
  {
    id: 'A1',
    deal: 'Alpha',
    owner: 'ana@example.com',
    stage: 'Proposal',
    entered: '2026-11-01',
    notes: '=keep',
  },
  { id: 'B2', deal: 'Bravo', owner: 'ana@example.com', stage: 'Proposal', entered: '2026-11-20', notes: 'b' },
  { id: 'C3', deal: 'Charlie', owner: 'ana@example.com', stage: 'Proposal', entered: '2026-11-05' },
  { id: 'D4', deal: 'Delta', owner: 'ana@example.com', stage: 'Lead', entered: '2026-11-20' },
  {
    id: 'E5',
    deal: 'Echo',
    owner: 'ana@example.com',
    stage: 'Lead',
    entered: '2026-11-20',
    stalled: '2026-11-10',
  },
];
const FLAG: Record<string, Date | ''> = { A1: d('2026-11-12'), B2: '', C3: d('2026-11-16'), D4: '', E5: '' };

function during(
  world: World,
  change: (sheet: GoogleAppsScript.Spreadsheet.Sheet) => void,
): { errors: string[] } {
  world.calls.once('Range.setValues', () => {
    const other = createGlobals(world, { user: 'ben@example.com' });
    change(other.SpreadsheetApp.getActive().getSheetByName('Deals') as never);
    world.endExecution(other);
  });
  return runCheck(world) as unknown as { errors: string[] };
}

/** Rows with each deal's Stalled Since set to its flag (column `col`, 1-based). */
function flagged(rows: unknown[][], col = STALLED_COL, idCol = 1): unknown[][] {
  return rows.map((r, i) => {
    if (i === 0) return r;
    const id = String(r[idCol - 1] ?? '');
    const out = [...r];
    if (id in FLAG) out[col - 1] = FLAG[id];
    return out;
  });
}

test('a sort: every flag on its own deal, every other cell as sorted', () => {
  const world = makeWorld(SPECS);
  const before = world.sheetValues('Deals');
  during(world, (sheet) => sheet.sort(2, false)); // by Deal, Z to A
  const sorted = [before[0]!, before[5]!, before[4]!, before[3]!, before[2]!, before[1]!];
  expect(world.sheetValues('Deals')).toEqual(flagged(sorted));
});

test('a row inserted among the deals: it stays blank, every flag on its deal', () => {
  const world = makeWorld(SPECS);
  const before = world.sheetValues('Deals');
  during(world, (sheet) => sheet.insertRowBefore(3));
  const blank = before[0]!.map(() => '');
  expect(world.sheetValues('Deals')).toEqual(flagged([before[0]!, before[1]!, blank, ...before.slice(2)]));
});

test('a column inserted at A: nothing wrong is written, it is reported, and the next run flags', () => {
  const world = makeWorld(SPECS);
  const before = world.sheetValues('Deals');
  const summary = during(world, (sheet) => sheet.insertColumnBefore(1));
  const shifted = before.map((r) => ['', ...r]);
  expect(world.sheetValues('Deals')).toEqual(shifted);
  expect(summary.errors.join(' ')).toMatch(/columns moved/);
  runCheck(world);
  expect(world.sheetValues('Deals')).toEqual(flagged(shifted, STALLED_COL + 1, 2));
});
