/**
 * Pipeline › Set up, on the spreadsheet: finds (or creates) the deals sheet, adds the missing
 * managed columns at the right, fills blank IDs, puts the Stage drop-down and the stalled-row
 * highlight on as sheet rules, freezes the header, creates Stages / History / Team when missing
 * and names DEALS / HISTORY. Idempotent and non-destructive: it reads first, writes only what is
 * missing, never a user's cell (only blank ID cells of deal rows), one write per block.
 */
import { columnLetter } from '../core/model/columns';
import { HISTORY_HEADERS, historyColumns } from '../core/model/history';
import { defaultStageRows, stageColumns } from '../core/model/stages';
import { TEAM_HEADERS } from '../core/model/team';
import { cellText } from '../core/model/text';
import { chooseDealsSheet, type HeaderMatch, type SheetHeaders } from '../core/setup/match';
import {
  formatRuns,
  overdueRuleFormula,
  planColumns,
  planIds,
  planImportHistory,
  stalledRuleFormula,
  wholeColumns,
} from '../core/setup/plan';
import { writeCells } from './cellWrite';
import { appendHistory, historySheet } from './historySheet';
import { RANGE_NAMES, SHEET_NAMES } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Sheets the add-on owns: never offered as the deals sheet. */
export const OWN_SHEETS = [SHEET_NAMES.stages, SHEET_NAMES.history, SHEET_NAMES.team, 'Dashboard', 'Check'];

export const STALLED_HIGHLIGHT = '#fce8b2';
/** Overdue rows (close date or next step passed): a light red, after the stalled rule. */
export const OVERDUE_HIGHLIGHT = '#f4c7c3';
export const STAGE_HELP = 'Pick a stage from the Stages sheet.';

export type DealsSheetFound =
  | { readonly kind: 'remembered' | 'exact' | 'adopted'; readonly sheet: Sheet }
  | { readonly kind: 'new' }
  | { readonly kind: 'declined'; readonly name: string };

/**
 * The deals sheet: the one DEALS names (Set up ran before), else `Deals`, else the sheet whose
 * headers match best — only if `confirm(name)` says yes — else none yet (Set up creates `Deals`).
 * Reads one header row per sheet; writes nothing.
 */
export function findOrChooseDealsSheet(
  ss: Spreadsheet,
  confirm: (name: string, match: HeaderMatch) => boolean,
): DealsSheetFound {
  const named = ss.getRangeByName(RANGE_NAMES.deals);
  if (named) return { kind: 'remembered', sheet: named.getSheet() };
  const deals = ss.getSheetByName(SHEET_NAMES.deals);
  if (deals) return { kind: 'exact', sheet: deals };
  const sheets = ss.getSheets();
  const headers: SheetHeaders[] = sheets.map((sheet) => {
    const width = sheet.getLastColumn();
    return {
      name: sheet.getName(),
      headers: width > 0 ? (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []) : [],
    };
  });
  const choice = chooseDealsSheet(headers, SHEET_NAMES.deals, OWN_SHEETS);
  if (choice.kind === 'none') return { kind: 'new' };
  const sheet = sheets.find((s) => s.getName() === choice.name)!;
  if (choice.kind === 'exact') return { kind: 'exact', sheet };
  return confirm(choice.name, choice.match)
    ? { kind: 'adopted', sheet }
    : { kind: 'declined', name: choice.name };
}

export interface SetupReport {
  readonly dealsSheet: string;
  readonly how: 'remembered' | 'exact' | 'adopted' | 'new';
  readonly addedColumns: string[];
  readonly idsAssigned: number;
  /** History rows (Via = import) recording the stage of deals History did not know. */
  readonly historyBaseline: number;
  readonly createdSheets: string[];
  /** Rules, ranges and layout Set up put in place this run (empty on a second run). */
  readonly changes: string[];
}

/** Applies Set up to the sheet found (or a new `Deals`). Call under the document lock. */
export function setUpWorkbook(
  ss: Spreadsheet,
  found: Exclude<DealsSheetFound, { kind: 'declined' }>,
  random: () => number = Math.random,
  options: { readonly changedBy: string } = { changedBy: '' },
): SetupReport {
  const createdSheets: string[] = [];
  const changes: string[] = [];
  const appendSheet = (name: string): Sheet => {
    createdSheets.push(name);
    return ss.insertSheet(name, ss.getNumSheets());
  };

  const sheet = found.kind === 'new' ? appendSheet(SHEET_NAMES.deals) : found.sheet;
  const stages = ensureStages(ss, appendSheet);
  if (!ss.getSheetByName(SHEET_NAMES.history)) createdSheets.push(SHEET_NAMES.history);
  const history = historySheet(ss);
  if (!ss.getSheetByName(SHEET_NAMES.team)) {
    const team = appendSheet(SHEET_NAMES.team);
    writeCells(team.getRange(1, 1, 1, TEAM_HEADERS.length), [TEAM_HEADERS]).setFontWeight('bold');
    team.setFrozenRows(1);
  }

  // One read of the deals table.
  const lastColumn = sheet.getLastColumn();
  const lastRow = sheet.getLastRow();
  const values = lastRow > 0 && lastColumn > 0 ? sheet.getRange(1, 1, lastRow, lastColumn).getValues() : [];
  const plan = planColumns(values[0] ?? [], lastColumn);

  let maxRows = sheet.getMaxRows();
  if (maxRows < 2) {
    sheet.insertRowsAfter(maxRows, 2 - maxRows);
    maxRows = 2;
  }
  const maxColumns = sheet.getMaxColumns();
  if (plan.width > maxColumns) sheet.insertColumnsAfter(maxColumns, plan.width - maxColumns);

  // Missing columns: headers in one write, then formats on the new columns only.
  const first = plan.added[0];
  if (first) {
    writeCells(sheet.getRange(1, first.column, 1, plan.added.length), [plan.added.map((c) => c.header)]);
    for (const run of formatRuns(plan.added)) {
      sheet.getRange(2, run.column, maxRows - 1, run.count).setNumberFormat(run.format);
    }
  }

  // IDs, only into blank ID cells of deal rows.
  const idColumn = plan.columns.id;
  const idIsNew = plan.added.some((c) => c.field === 'id');
  const dataRows = values.slice(1);
  const idFormulas =
    !idIsNew && dataRows.length > 0
      ? sheet
          .getRange(2, idColumn, dataRows.length, 1)
          .getFormulas()
          .map((r) => r[0] ?? '')
      : [];
  const ids = planIds(dataRows, plan.columns, idFormulas, random);
  const assignedIds = new Map<number, string>();
  for (const block of ids.blocks) {
    writeCells(
      sheet.getRange(block.row, idColumn, block.values.length, 1),
      block.values.map((v) => [v]),
    );
    block.values.forEach((id, k) => {
      if (id !== '') assignedIds.set(block.row - 2 + k, id);
    });
  }

  // A History baseline (Via = import) for deals History does not know yet: one read of its
  // Deal ID column, one write.
  const idOfRow = (i: number) => assignedIds.get(i) ?? (idIsNew ? '' : cellText(dataRows[i]?.[idColumn - 1]));
  const historyRows = history.getLastRow() >= 2 ? history.getDataRange().getValues() : [];
  const idAt = historyColumns(historyRows[0] ?? []).dealId;
  const known = new Set(idAt === undefined ? [] : historyRows.slice(1).map((r) => cellText(r[idAt])));
  const baseline = planImportHistory(dataRows, plan.columns, idOfRow, known, new Date(), options.changedBy);
  appendHistory(ss, baseline);

  if (applyStageValidation(sheet, plan.columns.stage, maxRows, stages)) changes.push('Stage drop-down');
  if (applyStalledHighlight(sheet, plan.columns.stalledSince, plan.width, maxRows))
    changes.push('stalled-row highlight');
  if (applyRowHighlight(sheet, overdueRuleFormula(plan.columns), OVERDUE_HIGHLIGHT, plan.width, maxRows))
    changes.push('overdue-row highlight');
  if (sheet.getFrozenRows() === 0) {
    sheet.setFrozenRows(1);
    changes.push('header row frozen');
  }
  if (nameRange(ss, RANGE_NAMES.deals, sheet, wholeColumns(plan.width))) changes.push(RANGE_NAMES.deals);
  if (nameRange(ss, RANGE_NAMES.history, history, wholeColumns(HISTORY_HEADERS.length)))
    changes.push(RANGE_NAMES.history);
  if (createdSheets.length > 0) sheet.activate();

  return {
    dealsSheet: sheet.getName(),
    how: found.kind,
    addedColumns: plan.added.map((c) => c.header),
    idsAssigned: ids.assigned,
    historyBaseline: baseline.length,
    createdSheets,
    changes,
  };
}

/** The Stages sheet: created with the defaults when missing (or empty); a user's Stages is kept. */
function ensureStages(
  ss: Spreadsheet,
  appendSheet: (name: string) => Sheet,
): { sheet: Sheet; nameColumn: () => number } {
  let sheet = ss.getSheetByName(SHEET_NAMES.stages);
  if (sheet && sheet.getLastRow() > 0) {
    const existing = sheet;
    return { sheet, nameColumn: () => stageNameColumn(existing) };
  }
  sheet ??= appendSheet(SHEET_NAMES.stages);
  const rows = defaultStageRows();
  writeCells(sheet.getRange(1, 1, rows.length, rows[0]!.length), rows);
  sheet.getRange(1, 1, 1, rows[0]!.length).setFontWeight('bold');
  sheet.getRange(2, 2, rows.length - 1, 1).setNumberFormat('0%');
  sheet.setFrozenRows(1);
  return { sheet, nameColumn: () => 1 };
}

/** The column of stage names in Stages (header `Stage` or `Name`, else the first). */
function stageNameColumn(stages: Sheet): number {
  const width = Math.max(stages.getLastColumn(), 1);
  const headers = stages.getRange(1, 1, 1, width).getValues()[0] ?? [];
  return (stageColumns(headers).stage ?? 0) + 1;
}

function isStagesRule(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): boolean {
  if (!rule || String(rule.getCriteriaType()) !== 'VALUE_IN_RANGE') return false;
  const range = rule.getCriteriaValues()[0] as GoogleAppsScript.Spreadsheet.Range | undefined;
  return range?.getSheet().getName() === SHEET_NAMES.stages;
}

/**
 * The Stage drop-down: one data-validation rule over the whole Stage column below the header,
 * from the Stages names (invalid values warned, not rejected). Kept when already there; a
 * user's own rule on the column is kept too. Returns whether it wrote.
 */
function applyStageValidation(
  sheet: Sheet,
  column: number,
  maxRows: number,
  stages: { sheet: Sheet; nameColumn: () => number },
): boolean {
  const top = sheet.getRange(2, column).getDataValidation();
  if (top && !isStagesRule(top)) return false;
  if (top && isStagesRule(sheet.getRange(maxRows, column).getDataValidation())) return false;
  const letter = columnLetter(stages.nameColumn() - 1);
  const rule = SpreadsheetApp.newDataValidation()
    .requireValueInRange(stages.sheet.getRange(`${letter}2:${letter}`), true)
    .setAllowInvalid(true)
    .setHelpText(STAGE_HELP)
    .build();
  sheet.getRange(2, column, maxRows - 1, 1).setDataValidation(rule);
  return true;
}

/** A conditional-format rule colouring a row whose Stalled Since is filled; added once. */
function applyStalledHighlight(sheet: Sheet, column: number, width: number, maxRows: number): boolean {
  return applyRowHighlight(sheet, stalledRuleFormula(column), STALLED_HIGHLIGHT, width, maxRows);
}

/** A conditional-format rule colouring the rows where `formula` holds; added once. */
function applyRowHighlight(
  sheet: Sheet,
  formula: string,
  colour: string,
  width: number,
  maxRows: number,
): boolean {
  const rules = sheet.getConditionalFormatRules();
  const present = rules.some((r) => {
    const condition = r.getBooleanCondition();
    return (
      condition !== null &&
      String(condition.getCriteriaType()) === 'CUSTOM_FORMULA' &&
      condition.getCriteriaValues()[0] === formula
    );
  });
  if (present) return false;
  const rule = SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(formula)
    .setBackground(colour)
    .setRanges([sheet.getRange(2, 1, maxRows - 1, width)])
    .build();
  sheet.setConditionalFormatRules([...rules, rule]);
  return true;
}

/** Points a named range at whole columns of a sheet, unless it already does. */
function nameRange(ss: Spreadsheet, name: string, sheet: Sheet, a1: string): boolean {
  const existing = ss.getRangeByName(name);
  if (existing && existing.getSheet().getSheetId() === sheet.getSheetId() && existing.getA1Notation() === a1)
    return false;
  ss.setNamedRange(name, sheet.getRange(a1));
  return true;
}
