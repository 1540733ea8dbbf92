/**
 * Pipeline › Set up, on the spreadsheet: finds (or creates) the deals sheet, adds the missing
 * managed columns at the right, fills blank IDs, puts the Stage drop-down and the stalled-row
 * highlight on as sheet rules, freezes the header, creates Stages / History / Team when missing
 * and names DEALS / HISTORY. Idempotent and non-destructive: it reads first, writes only what is
 * missing, never a user's cell (only blank ID cells of deal rows), one write per block.
 */

import { HISTORY_HEADERS, historyColumns } from '../core/model/history';
import { columnOfIndex, letterOf, type SheetColumn, sheetColumn, valueIn } from '../core/model/sheetColumn';
import { SNAPSHOT_HEADERS } from '../core/model/snapshots';
import { defaultStageRows, stageColumns, stageSheetRows } from '../core/model/stages';
import { TEAM_HEADERS } from '../core/model/team';
import { cellText } from '../core/model/text';
import { chooseDealsSheet, type HeaderMatch, type SheetHeaders } from '../core/setup/match';
import {
  ALT_RANGE_NAME_OF,
  chooseOwnSheet,
  type ExistingRange,
  type ExistingSheet,
  isWholeColumnsFromA,
  ownSheetNames,
  RANGE_NAME_OF,
  type RangeKind,
} from '../core/setup/ownSheets';
import {
  formatRuns,
  overdueRuleFormula,
  planIds,
  planImportHistory,
  stalledRuleFormula,
  wholeColumns,
} from '../core/setup/plan';
import {
  type LearnStages,
  type SetupFacts,
  type SetupPlan,
  type StageValidationFacts,
  understandSetup,
} from '../core/setup/understand';
import { refusedCall } from '../core/setup/volatile';
import { spreadsheetCalendar } from './calendar';
import { writeCells } from './cellWrite';
import { appendHistory } from './historySheet';
import { CACHE_KEYS, PipelineCache } from './pipelineCache';
import { ensureOwnSheet, RANGE_NAMES, readSheet, SHEET_NAMES } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Sheets the add-on owns: never offered as the deals sheet. */
export const OWN_SHEETS = [
  ...(['stages', 'history', 'team', 'snapshots'] as const).flatMap((kind) => ownSheetNames(kind)),
  'Dashboard',
  'Pipeline Dashboard',
  'Check',
];

export const STALLED_HIGHLIGHT = '#fce8b2';
/** Overdue rows (close date or next step passed): a light red, after the stalled rule. */
export const OVERDUE_HIGHLIGHT = '#f4c7c3';
export const STAGE_HELP = 'Pick a stage from the Stages sheet.';

export type DealsSheetFound =
  | { readonly kind: 'remembered' | 'exact' | 'adopted'; readonly sheet: Sheet; readonly match?: HeaderMatch }
  | { readonly kind: 'new' };

/**
 * The deals sheet: the one Set up named before, else `Deals`, else the sheet whose headers
 * match best (the preview says so before anything is written), else none yet (Set up creates
 * `Deals`). Reads one header row per sheet; writes nothing.
 */
export function findOrChooseDealsSheet(ss: Spreadsheet, headers: readonly SheetHeaders[]): DealsSheetFound {
  const remembered = ss.getRangeByName(ALT_RANGE_NAME_OF.deals) ?? ss.getRangeByName(RANGE_NAMES.deals);
  if (remembered && isWholeColumnsFromA(remembered.getA1Notation()))
    return { kind: 'remembered', sheet: remembered.getSheet() };
  const deals = ss.getSheetByName(SHEET_NAMES.deals);
  if (deals) return { kind: 'exact', sheet: deals };
  const choice = chooseDealsSheet(headers, SHEET_NAMES.deals, OWN_SHEETS);
  if (choice.kind === 'none') return { kind: 'new' };
  const sheet = ss.getSheetByName(choice.name)!;
  if (choice.kind === 'exact') return { kind: 'exact', sheet };
  return { kind: 'adopted', sheet, match: choice.match };
}

/** What Set up read, what it understood, and the deals sheet it is about. Writes nothing. */
export interface SetupReading {
  readonly found: DealsSheetFound;
  readonly plan: SetupPlan;
  /** The deals table as read (header first). */
  readonly values: unknown[][];
  /** Formulas of the ID column's data cells ('' where none; [] when the column is new). */
  readonly idFormulas: string[];
}

/**
 * Reads everything Set up needs, once: every sheet's header row, the deals table and its
 * formulas, the named ranges, the Stages rows, the validation on the Stage column. Writes nothing.
 */
export function readSetup(ss: Spreadsheet, learn?: LearnStages): SetupReading {
  const all = ss.getSheets();
  const sheets: ExistingSheet[] = all.map((sheet) => {
    const width = sheet.getLastColumn();
    return {
      name: sheet.getName(),
      headers: width > 0 ? (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []) : [],
      empty: width === 0 && sheet.getLastRow() === 0,
    };
  });
  const found = findOrChooseDealsSheet(ss, sheets);
  const dealsSheet = found.kind === 'new' ? null : found.sheet;
  const lastColumn = dealsSheet ? dealsSheet.getLastColumn() : 0;
  const lastRow = dealsSheet ? dealsSheet.getLastRow() : 0;
  const block =
    dealsSheet && lastRow > 0 && lastColumn > 0 ? dealsSheet.getRange(1, 1, lastRow, lastColumn) : null;
  const values = block ? block.getValues() : [];
  const formulas = block && lastRow > 1 ? block.getFormulas() : [];
  const formulaCounts = new Array<number>(lastColumn).fill(0);
  const refusedFormulas = new Array<string>(lastColumn).fill('');
  for (let r = 1; r < formulas.length; r++) {
    const row = formulas[r] ?? [];
    for (let c = 0; c < lastColumn; c++) {
      const formula = row[c] ?? '';
      if (formula === '') continue;
      formulaCounts[c]! += 1;
      if (refusedFormulas[c] === '' && refusedCall(formula)) refusedFormulas[c] = formula;
    }
  }
  const rangeOf = (kind: RangeKind): ExistingRange | null => {
    const range = ss.getRangeByName(RANGE_NAME_OF[kind]);
    return range ? { sheet: range.getSheet().getName(), a1: range.getA1Notation() } : null;
  };
  const ranges = { deals: rangeOf('deals'), history: rangeOf('history'), snapshots: rangeOf('snapshots') };
  const name = dealsSheet ? dealsSheet.getName() : SHEET_NAMES.deals;
  const stagesChoice = chooseOwnSheet('stages', sheets);
  const stagesSheet = stagesChoice.create ? null : ss.getSheetByName(stagesChoice.name);
  const facts: SetupFacts = {
    dealsSheet: { name, how: found.kind },
    values,
    lastColumn,
    formulaCounts,
    refusedFormulas,
    sheets,
    ranges,
    stagesRows: stagesSheet ? (readSheet(stagesSheet) ?? null) : null,
    stageValidation: { ours: 0, theirs: 0, theirsA1: '', none: 0 },
    calendar: spreadsheetCalendar(ss.getSpreadsheetTimeZone()),
  };
  // Where the Stage column will be decides which cells' validation counts.
  const first = understandSetup(facts, learn);
  const stageIsNew = first.columns.added.some((c) => c.field === 'stage');
  const stageValidation =
    dealsSheet && !stageIsNew
      ? stageRules(dealsSheet, first.columns.columns.stage, stagesChoice.name)
      : facts.stageValidation;
  const plan = understandSetup({ ...facts, stageValidation }, learn);
  const idColumn = plan.columns.columns.id;
  const idIsNew = plan.columns.added.some((c) => c.field === 'id');
  const idFormulas = idIsNew ? [] : formulas.slice(1).map((r) => valueIn(r, idColumn) ?? '');
  return { found, plan, values, idFormulas };
}

/** The validation on a Stage column below the header: the add-on's drop-down, the team's rules, none. */
function stageRules(sheet: Sheet, column: SheetColumn, stagesName: string): StageValidationFacts {
  const maxRows = sheet.getMaxRows();
  if (maxRows < 2) return { ours: 0, theirs: 0, theirsA1: '', none: 0 };
  const rules = sheet.getRange(2, column, maxRows - 1, 1).getDataValidations();
  let ours = 0;
  let none = 0;
  let theirs = 0;
  let firstRow = 0;
  let lastRow = 0;
  rules.forEach((r, i) => {
    const rule = r[0] ?? null;
    if (!rule) none++;
    else if (isStagesRule(rule, stagesName)) ours++;
    else {
      theirs++;
      if (firstRow === 0) firstRow = i + 2;
      lastRow = i + 2;
    }
  });
  const letter = letterOf(column);
  const theirsA1 =
    theirs === 0
      ? ''
      : firstRow === lastRow
        ? `${letter}${firstRow}`
        : `${letter}${firstRow}:${letter}${lastRow}`;
  return { ours, theirs, theirsA1, none };
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

/** Applies the plan read by `readSetup`. Call under the document lock, right after reading. */
export function setUpWorkbook(
  ss: Spreadsheet,
  reading: SetupReading,
  random: () => number = Math.random,
  options: { readonly changedBy: string } = { changedBy: '' },
): SetupReport {
  const { found, plan, values } = reading;
  const createdSheets: string[] = [];
  const changes: string[] = [];
  const appendSheet = (name: string): Sheet => {
    createdSheets.push(name);
    return ss.insertSheet(name, ss.getNumSheets());
  };

  const sheet = found.kind === 'new' ? appendSheet(plan.dealsSheet.name) : found.sheet;
  const stagesSheet = ensureStages(ss, plan, appendSheet);
  const history = ensureTable(ss, plan, 'history', HISTORY_HEADERS, appendSheet);
  ensureTable(ss, plan, 'team', TEAM_HEADERS, appendSheet);
  const snapshots = ensureTable(ss, plan, 'snapshots', SNAPSHOT_HEADERS, appendSheet);

  let maxRows = sheet.getMaxRows();
  if (maxRows < 2) {
    sheet.insertRowsAfter(maxRows, 2 - maxRows);
    maxRows = 2;
  }
  const width = plan.columns.width;
  const maxColumns = sheet.getMaxColumns();
  if (width > maxColumns) sheet.insertColumnsAfter(maxColumns, width - maxColumns);

  // Missing columns: headers in one write per run of adjacent columns, then formats on the new columns only.
  for (const run of adjacentRuns(plan.columns.added)) {
    writeCells(sheet.getRange(1, run[0]!.column, 1, run.length), [run.map((c) => c.header)]);
  }
  for (const fmt of formatRuns(plan.columns.added)) {
    sheet.getRange(2, fmt.column, maxRows - 1, fmt.count).setNumberFormat(fmt.format);
  }

  // IDs, only into blank ID cells of deal rows.
  const idColumn = plan.columns.columns.id;
  const idIsNew = plan.columns.added.some((c) => c.field === 'id');
  const dataRows = values.slice(1);
  const ids = planIds(dataRows, plan.columns.columns, reading.idFormulas, random);
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

  // A History baseline (Via = import) for deals History does not know yet: one read of History,
  // one write.
  const idOfRow = (i: number) =>
    assignedIds.get(i) ?? (idIsNew ? '' : cellText(valueIn(dataRows[i] ?? [], idColumn)));
  const historyRows = history.getLastRow() >= 2 ? history.getDataRange().getValues() : [];
  const idAt = historyColumns(historyRows[0] ?? []).dealId;
  const known = new Set(idAt === undefined ? [] : historyRows.slice(1).map((r) => cellText(r[idAt])));
  const baseline = planImportHistory(
    dataRows,
    plan.columns.columns,
    idOfRow,
    known,
    new Date(),
    options.changedBy,
  );
  appendHistory(ss, baseline);

  if (plan.stageDropDown === 'add') {
    applyStageValidation(sheet, plan.columns.columns.stage, maxRows, stagesSheet);
    changes.push('Stage drop-down');
  }
  if (applyStalledHighlight(sheet, plan.columns.columns.stalledSince, width, maxRows))
    changes.push('stalled-row highlight');
  const closedStages = plan.stages.list.filter((s) => s.outcome !== 'Open').map((s) => s.name);
  const overdue = overdueRuleFormula(plan.columns.columns, closedStages);
  if (applyRowHighlight(sheet, overdue, OVERDUE_HIGHLIGHT, width, maxRows))
    changes.push('overdue-row highlight');
  if (sheet.getFrozenRows() === 0) {
    sheet.setFrozenRows(1);
    changes.push('header row frozen');
  }
  if (nameRange(ss, plan.ranges.deals.name, sheet, wholeColumns(width))) changes.push(plan.ranges.deals.name);
  if (
    nameRange(
      ss,
      plan.ranges.history.name,
      history,
      wholeColumns(Math.max(history.getLastColumn(), HISTORY_HEADERS.length)),
    )
  )
    changes.push(plan.ranges.history.name);
  if (
    nameRange(
      ss,
      plan.ranges.snapshots.name,
      snapshots,
      wholeColumns(Math.max(snapshots.getLastColumn(), SNAPSHOT_HEADERS.length)),
    )
  )
    changes.push(plan.ranges.snapshots.name);
  if (createdSheets.length > 0) sheet.activate();
  // The stages and where the Stage column is may have changed: every reader starts afresh.
  PipelineCache.document().remove(
    CACHE_KEYS.stages,
    CACHE_KEYS.stageColumn,
    CACHE_KEYS.header(sheet.getSheetId()),
  );

  return {
    dealsSheet: sheet.getName(),
    how: found.kind,
    addedColumns: plan.columns.added.map((c) => c.header),
    idsAssigned: ids.assigned,
    historyBaseline: baseline.length,
    createdSheets,
    changes,
  };
}

/** Added columns in runs of adjacent columns (one header write each). */
function adjacentRuns<T extends { column: SheetColumn }>(items: readonly T[]): T[][] {
  const runs: T[][] = [];
  for (const item of items) {
    const last = runs[runs.length - 1];
    const tail = last?.[last.length - 1];
    if (last && tail && tail.column + 1 === item.column) last.push(item);
    else runs.push([item]);
  }
  return runs;
}

/** A table sheet of the add-on's, the one the plan chose: created with its header row, or given one when empty; kept otherwise. */
function ensureTable(
  ss: Spreadsheet,
  plan: SetupPlan,
  kind: 'history' | 'team' | 'snapshots',
  headers: readonly string[],
  appendSheet: (name: string) => Sheet,
): Sheet {
  return ensureOwnSheet(ss, kind, headers, { name: plan.sheets[kind].name, insert: appendSheet }).sheet;
}

/**
 * The Stages sheet: the team's is kept as it is; created (or filled, when empty) with the stages
 * the preview showed — learned from the deals, or the defaults.
 */
function ensureStages(
  ss: Spreadsheet,
  plan: SetupPlan,
  appendSheet: (name: string) => Sheet,
): { sheet: Sheet; nameColumn: () => SheetColumn } {
  let sheet = ss.getSheetByName(plan.sheets.stages.name);
  if (sheet && sheet.getLastRow() > 0) {
    const existing = sheet;
    return { sheet, nameColumn: () => stageNameColumn(existing) };
  }
  sheet ??= appendSheet(plan.sheets.stages.name);
  const rows =
    plan.stages.list.length > 0 && plan.stages.source !== 'sheet'
      ? stageSheetRows(plan.stages.list)
      : defaultStageRows();
  writeCells(sheet.getRange(1, 1, rows.length, rows[0]!.length), rows);
  sheet.getRange(1, 1, 1, rows[0]!.length).setFontWeight('bold');
  sheet.getRange(2, 2, rows.length - 1, 1).setNumberFormat('0%');
  sheet.setFrozenRows(1);
  return { sheet, nameColumn: () => sheetColumn(1) }; // Stage, in A as Set up writes it
}

/** The column of stage names in Stages (header `Stage` or `Name`, else the first). */
function stageNameColumn(stages: Sheet): SheetColumn {
  const width = Math.max(stages.getLastColumn(), 1);
  const headers = stages.getRange(1, 1, 1, width).getValues()[0] ?? [];
  return columnOfIndex(stageColumns(headers).stage ?? 0);
}

function isStagesRule(rule: GoogleAppsScript.Spreadsheet.DataValidation | null, stagesName: string): boolean {
  if (!rule || String(rule.getCriteriaType()) !== 'VALUE_IN_RANGE') return false;
  const range = rule.getCriteriaValues()[0] as GoogleAppsScript.Spreadsheet.Range | undefined;
  return range?.getSheet().getName().toLowerCase() === stagesName.toLowerCase();
}

/**
 * The Stage drop-down: one data-validation rule over the whole Stage column below the header,
 * from the Stages names (invalid values warned, not rejected). Only when the plan says so: a
 * team's own rules on the column are never replaced.
 */
function applyStageValidation(
  sheet: Sheet,
  column: SheetColumn,
  maxRows: number,
  stages: { sheet: Sheet; nameColumn: () => SheetColumn },
): void {
  const letter = letterOf(stages.nameColumn());
  const rule = SpreadsheetApp.newDataValidation()
    .requireValueInRange(stages.sheet.getRange(`${letter}2:${letter}`), true)
    .setAllowInvalid(true)
    .setHelpText(STAGE_HELP)
    .build();
  sheet.getRange(2, column, maxRows - 1, 1).setDataValidation(rule);
}

/** A conditional-format rule colouring a row whose Stalled Since is filled; added once. */
function applyStalledHighlight(sheet: Sheet, column: SheetColumn, width: number, maxRows: number): boolean {
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
