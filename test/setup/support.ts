/**
 * Shared helpers for the setup tests: the three messy sheets, whole-workbook state for "twice =
 * once", a cell-by-cell snapshot of a sheet, and loading the built Code.js on the fakes.
 */
import path from 'node:path';
import { columnToLetters, type GridRef, loadCode, World } from '../../host';

export const DIST = path.resolve(__dirname, '../../dist');
export const NOW = '2026-11-23T12:00:00.000Z';

/** A Date cell as a UTC spreadsheet gives it. */
export function d(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

export function newWorld(): World {
  return new World({ now: NOW, timeZone: 'Etc/UTC' });
}

type Fn = (...args: unknown[]) => unknown;

/** Runs a top-level function of the built Code.js as one execution (locks released after). */
export function run(
  world: World,
  name: string,
  opts: { authMode?: 'FULL' | 'NONE' | 'LIMITED' } = {},
  ...args: unknown[]
): unknown {
  const ctx = loadCode(world, { dir: DIST, authMode: opts.authMode ?? 'FULL' });
  try {
    const fn = ctx[name];
    if (typeof fn !== 'function') throw new Error(`Code.js has no function ${name}`);
    return (fn as Fn)(...args);
  } finally {
    world.endExecution(ctx);
  }
}

/** Calls a custom function the way a cell does (AuthMode.CUSTOM_FUNCTION). */
export function customFunction(world: World, name: string, ...args: unknown[]): unknown {
  const ctx = loadCode(world, { dir: DIST, authMode: 'CUSTOM_FUNCTION' });
  try {
    return (ctx[name] as Fn)(...args);
  } finally {
    world.endExecution(ctx);
  }
}

/** The token of the Set up preview shown last (what its "Set up" button sends back). */
export function previewToken(world: World): string {
  const shown = world.ui.shown.filter((s) => s.kind === 'modal').at(-1);
  const token = shown ? /var token = "([0-9a-f]+)"/.exec(shown.content)?.[1] : undefined;
  if (!token) throw new Error('No Set up preview was shown.');
  return token;
}

/**
 * Pipeline › Set up as a user does it: the menu item shows the preview (writing nothing), then
 * "Set up" in it sends the token back. Returns what the dialog then shows.
 */
export function setUp(world: World): { ok: boolean; message: string } {
  run(world, 'setUpPipeline');
  return run(world, 'applySetUp', {}, previewToken(world)) as { ok: boolean; message: string };
}

/** Everything the workbook stores (cells, formats, rules, charts, frozen rows, named ranges), as JSON. */
export function workbookState(world: World, options: { except?: string[] } = {}): string {
  const ss = world.spreadsheet();
  const skip = new Set((options.except ?? []).map((s) => s.toLowerCase()));
  return JSON.stringify({
    sheets: ss.sheets
      .filter((s) => !skip.has(s.name.toLowerCase()))
      .map((s) => ({
        name: s.name,
        id: s.id,
        rows: s.rows,
        maxRows: s.maxRows,
        maxCols: s.maxCols,
        frozenRows: s.frozenRows,
        frozenCols: s.frozenCols,
        condRules: s.condRules,
        charts: s.charts,
        hidden: s.hidden,
      })),
    named: [...ss.namedRanges.entries()],
  });
}

/** Every stored cell of a block (rows 1..rows, columns 1..cols) as JSON, '' where no cell. */
export function cellsOf(world: World, sheet: string, rows: number, cols: number): string[][] {
  const model = world.sheet(sheet)!;
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => {
      const cell = model.cell(r + 1, c + 1);
      return cell ? JSON.stringify(cell) : '';
    }),
  );
}

/** A1 of a stored range: `A13:A` for a range down to the bottom. */
export function refA1(world: World, ref: GridRef): string {
  const sheet = world.spreadsheet().sheetById(ref.sheetId)!.name;
  const first = columnToLetters(ref.col);
  const last = columnToLetters(ref.col + ref.numCols - 1);
  const a1 = ref.openRows
    ? `${first}${ref.row === 1 ? '' : ref.row}:${last}`
    : `${first}${ref.row}:${last}${ref.row + ref.numRows - 1}`;
  return `${sheet}!${a1}`;
}

/**
 * Sheet 1 of 3: called "Opportunities 2026", aliased headers in odd order, a Notes column and a
 * Margin formula column of the user's, blank rows in the middle (one with only a formula).
 * Its neighbours: a blank Sheet1 and a Summary sheet that is not deal-like.
 */
export function opportunities2026(world: World): void {
  world.setSheet('Opportunities 2026', [
    ['Deal Name', 'Notes', 'Value', 'Status', 'Rep', 'Close Date', 'Margin'],
    ['Acme renewal', 'call Tue', 12000, 'Lead', 'Ana', d('2026-12-10'), '=C2*0.2'],
    ['Globex pilot', '', '$8,000.00', 'proposal', 'Ben', d('2026-12-20'), '=C3*0.2'],
    ['', '', '', '', '', '', '=IF(C4="","",C4*0.2)'],
    [],
    ['Initech expansion', 'big one', 30000, 'Negotiation', 'Ana', d('2027-01-15'), '=C6*0.2'],
    ['Hooli services', '', 5000, 'Won', 'Ben', '', '=C7*0.2'],
    ['Umbrella', 'lost to a competitor', 7000, 'Lost', 'Chloé', '', '=C8*0.2'],
  ]);
  world.setSheet('Summary', [
    ['Quarter', 'Target'],
    ['Q1', 50000],
  ]);
}

/**
 * Sheet 2 of 3: `Deals`, canonical and aliased headers, a partly filled Deal ID column (a
 * duplicate, a numeric ID), two user columns (Region with the user's own validation and
 * conditional format, Commission formulas), two frozen rows, and a planted problem per kind.
 */
export function dealsWithProblems(world: World): void {
  world.setSheet(
    'Deals',
    [
      [
        'Company',
        'Deal ID',
        'Opportunity',
        'Amount',
        'Stage',
        'Owner',
        'Created On',
        'Date Closed',
        'Region',
        'Commission',
      ],
      [
        'Acme',
        'D-100',
        'Acme renewal',
        12000,
        'Lead',
        'ana@example.com',
        d('2026-10-01'),
        '',
        'EMEA',
        '=D2*0.1',
      ],
      ['Globex', '', 'Globex pilot', 'abc', 'Proposal', 'Ben', d('2026-10-05'), '', 'NA', '=D3*0.1'],
      ['Initech', 'D-100', 'Initech deal', 5000, 'Won', 'Ana', d('2026-09-01'), '', 'EMEA', '=D4*0.1'],
      [],
      ['Hooli', '', 'Hooli <script>', 9000, 'Closing', 'Ben', d('2026-08-01'), '', 'APAC', '=D6*0.1'],
      [
        'Stark',
        'D-7',
        'Stark deal',
        4000,
        'Lost',
        'Chloé',
        d('2026-11-01'),
        d('2026-10-01'),
        'NA',
        '=D7*0.1',
      ],
      ['Wayne', 7, 'Wayne deal', 3000, 'Won', 'Ana', d('2026-06-01'), d('2026-07-01'), 'NA', '=D8*0.1'],
    ],
    { frozenRows: 2 },
  );
  // The user's own rules on their Region column, made through the API as they would be.
  const ctx = loadCode(world, { dir: DIST });
  const { SpreadsheetApp } = ctx;
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Deals')!;
  const region = sheet.getRange('I2:I1000');
  region.setDataValidation(
    SpreadsheetApp.newDataValidation().requireValueInList(['EMEA', 'NA', 'APAC']).build(),
  );
  sheet.setConditionalFormatRules([
    SpreadsheetApp.newConditionalFormatRule()
      .whenTextEqualTo('EMEA')
      .setBackground('#d9ead3')
      .setRanges([region])
      .build(),
  ]);
  sheet.getRange('D2:D8').setNumberFormat('$#,##0');
  world.endExecution(ctx);
  world.calls.reset();
}

/**
 * Sheet 3 of 3: "Pipeline 2025", already 26 columns wide (A–Z, so Set up must add columns),
 * headers Title / Account / Salesperson / Deal Size / Pipeline Stage / Target Close and twenty
 * weekly columns of the user's (some formulas), a blank row, and the team's own Stages and Team.
 */
export function widePipeline(world: World): void {
  const weeks = Array.from({ length: 20 }, (_, i) => `W${i + 1}`);
  world.setSheet('Pipeline 2025', [
    ['Title', 'Account', 'Salesperson', 'Deal Size', 'Pipeline Stage', 'Target Close', ...weeks],
    ['Acme', 'Acme Ltd', 'Ana', 10000, 'Discovery', d('2026-12-01'), ...weeks.map((_, i) => i)],
    [],
    ['Beta', 'Beta plc', 'Ben', 20000, 'Demo', '', ...weeks.map((_, i) => `=D4*${i}`)],
    ['Gamma', 'Gamma SA', 'Ana', 40000, 'Closed Won', d('2026-10-01'), ...weeks.map(() => '')],
  ]);
  world.setSheet('Leads', [
    ['Name', 'Company', 'Email'],
    ['Zed', 'Zed Co', 'zed@example.com'],
  ]);
  world.setSheet('Stages', [
    ['Stage', 'Probability', 'Stalled After (days)', 'Outcome'],
    ['Discovery', '15%', 10, 'Open'],
    ['Demo', 0.5, 7, 'Open'],
    ['Contract', 0.9, 5, 'Open'],
    ['Closed Won', 1, '', 'Won'],
    ['Closed Lost', 0, '', 'Lost'],
  ]);
  world.setSheet('Team', [
    ['Owner', 'Email', 'Quota'],
    ['Ana', 'ana@example.com', 100000],
  ]);
}
