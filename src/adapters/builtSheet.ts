/**
 * Sheets the add-on builds from a layout of live formulas (Pipeline › Dashboard, Pipeline ›
 * Report): found again by the sheet ID kept in a document property, never by name or A1 text, so a
 * team's own `Dashboard` or `Report` is never touched; and refreshed in place each morning.
 */
import { PipelineError } from '../core/errors';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Which built sheet: its document property, its usual name, and the menu item that builds it. */
export interface BuiltSheetKind {
  readonly property: string;
  readonly name: string;
  readonly menu: string;
}

/** The sheet the add-on built of this kind (its ID in the document property), if it still exists. */
export function builtSheet(ss: Spreadsheet, kind: BuiltSheetKind): Sheet | undefined {
  const id = PropertiesService.getDocumentProperties().getProperty(kind.property);
  return id ? ss.getSheets().find((s) => String(s.getSheetId()) === id) : undefined;
}

function isEmptySheet(sheet: Sheet): boolean {
  return sheet.getLastRow() === 0 && sheet.getLastColumn() === 0 && sheet.getCharts().length === 0;
}

/**
 * The sheet to build on, cleared and recorded: the one built before (rebuilt: its charts removed,
 * its cells cleared), else the kind's name when free or empty, else `Pipeline <name>`…: a
 * team's own sheet of that name is never touched.
 */
export function takeBuiltSheet(ss: Spreadsheet, kind: BuiltSheetKind): { sheet: Sheet; rebuilt: boolean } {
  const props = PropertiesService.getDocumentProperties();
  const { sheet, rebuilt } = target(ss, props, kind);
  if (rebuilt) {
    for (const chart of sheet.getCharts()) sheet.removeChart(chart);
    sheet.clear();
  }
  props.setProperty(kind.property, String(sheet.getSheetId()));
  return { sheet, rebuilt };
}

function target(
  ss: Spreadsheet,
  props: GoogleAppsScript.Properties.Properties,
  kind: BuiltSheetKind,
): { sheet: Sheet; rebuilt: boolean } {
  const id = props.getProperty(kind.property);
  const own = id ? ss.getSheets().find((s) => String(s.getSheetId()) === id) : undefined;
  if (own) return { sheet: own, rebuilt: true };
  const names = [kind.name, `Pipeline ${kind.name}`, `Pipeline ${kind.name} 2`];
  for (const name of names) {
    const sheet = ss.getSheetByName(name);
    if (!sheet) return { sheet: ss.insertSheet(name, ss.getNumSheets()), rebuilt: false };
    if (isEmptySheet(sheet)) return { sheet, rebuilt: false };
  }
  throw new PipelineError(
    `The sheets ${names.join(', ')} are all your own; rename one and run Pipeline › ${kind.menu} again.`,
  );
}

/**
 * The refresh of a sheet of live formulas the add-on built: when its formula cells are exactly
 * `grid`'s, writes the grid's cells blank, flushes (Sheets drops the custom functions' results),
 * and writes `cells` (the grid with today's values) back. Custom functions recalculate only when
 * their arguments change (developers.google.com/apps-script/guides/sheets/functions), and today is
 * never one of them. A sheet of another version's layout is left as it is ('not-current').
 */
export function rewriteLiveSheet(
  sheet: Sheet,
  grid: readonly (readonly string[])[],
  width: number,
  cells: (string | Date)[][],
): 'refreshed' | 'not-current' {
  const range = sheet.getRange(1, 1, grid.length, width);
  const now = range.getFormulas();
  const formulaCells = grid.flatMap((row, r) =>
    row.map((text, c) => ({ r, c, text })).filter((cell) => cell.text.startsWith('=')),
  );
  if (formulaCells.length === 0 || formulaCells.some(({ r, c, text }) => now[r]?.[c] !== text)) {
    return 'not-current';
  }
  range.setValues(grid.map((row) => row.map((text) => (text.startsWith('=') ? '' : text))));
  SpreadsheetApp.flush();
  range.setValues(cells);
  return 'refreshed';
}
