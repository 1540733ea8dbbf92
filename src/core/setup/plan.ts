/**
 * What Set up adds to a deals sheet, worked out from what it read: the managed columns that are
 * missing (added at the right, canonical names, SPEC order), their number formats, and the IDs
 * for deal rows whose ID cell is blank. Pure: the adapter reads once and writes the plan.
 */
import { columnLetter, DEAL_FIELDS, type DealField, headerOf, mapDealColumns } from '../model/columns';
import type { HistoryRecord } from '../model/history';
import { newDealId } from '../model/ids';
import {
  columnOfIndex,
  letterOf,
  nextColumn,
  type SheetColumn,
  sheetColumn,
  valueIn,
} from '../model/sheetColumn';
import { cellText, isBlank, isDateLike } from '../model/text';

/** Number formats Set up puts on the columns it adds (never on a user's own columns). */
export const COLUMN_FORMATS: Partial<Record<DealField, string>> = {
  amount: '#,##0.00',
  probability: '0%',
  created: 'yyyy-mm-dd',
  stageEntered: 'yyyy-mm-dd',
  expectedClose: 'yyyy-mm-dd',
  closed: 'yyyy-mm-dd',
  lastActivity: 'yyyy-mm-dd',
  snoozedUntil: 'yyyy-mm-dd',
  nextStepDate: 'yyyy-mm-dd',
  stalledSince: 'yyyy-mm-dd',
};

export interface AddedColumn {
  readonly field: DealField;
  readonly header: string;
  readonly column: SheetColumn;
}

export interface ColumnPlan {
  /** The sheet column of every managed field once the plan is applied. */
  readonly columns: Record<DealField, SheetColumn>;
  /** Missing fields, in SPEC order, at lastColumn+1, lastColumn+2, … */
  readonly added: readonly AddedColumn[];
  /** Columns of the table once the plan is applied, A to its last (≥ the user's last column). */
  readonly width: number;
}

/**
 * Plans the managed columns. `lastColumn` is the sheet's last column with any content (so a
 * user column with data but no header is never overwritten).
 */
export function planColumns(headerRow: readonly unknown[], lastColumn: number): ColumnPlan {
  const found = mapDealColumns(headerRow).index;
  const columns = {} as Record<DealField, SheetColumn>;
  const added: AddedColumn[] = [];
  // The first column right of the last one with content (A on an empty sheet).
  let next = sheetColumn(Math.max(lastColumn, 0) + 1);
  for (const field of DEAL_FIELDS) {
    const at = found[field];
    if (at !== undefined) columns[field] = columnOfIndex(at);
    else {
      columns[field] = next;
      added.push({ field, header: headerOf(field), column: next });
      next = nextColumn(next);
    }
  }
  return { columns, added, width: Math.max(lastColumn, next - 1) };
}

export interface FormatRun {
  /** The first column and the number of adjacent columns sharing one format. */
  readonly column: SheetColumn;
  readonly count: number;
  readonly format: string;
}

/** The added columns' formats, adjacent columns with one format merged (one write each). */
export function formatRuns(added: readonly AddedColumn[]): FormatRun[] {
  const runs: FormatRun[] = [];
  for (const col of added) {
    const format = COLUMN_FORMATS[col.field];
    if (!format) continue;
    const last = runs[runs.length - 1];
    if (last && last.format === format && last.column + last.count === col.column) {
      runs[runs.length - 1] = { ...last, count: last.count + 1 };
    } else runs.push({ column: col.column, count: 1, format });
  }
  return runs;
}

/**
 * Is a data row a deal? Some managed column other than ID (and the add-on's own Stalled Since)
 * holds something. A row with only a user's formula column filled is not a deal.
 */
export function isDealRow(row: readonly unknown[], columns: Record<DealField, SheetColumn>): boolean {
  for (const field of DEAL_FIELDS) {
    if (field === 'id' || field === 'stalledSince') continue;
    const col = columns[field];
    if (col <= row.length && !isBlank(valueIn(row, col))) return true;
  }
  return false;
}

/** A block of ID cells to write with one setValues: rows `row`…`row+values.length-1`. */
export interface IdBlock {
  readonly row: number;
  readonly values: string[];
}

/**
 * New IDs for deal rows whose ID cell is blank. `rows` are the data rows (sheet row 2 first);
 * `idFormulas[i]` is the formula of row i+2's ID cell ('' when none, or when the column is new).
 * Blocks run over blank cells only (a blank non-deal row inside a block gets ''), so existing
 * IDs and formulas are never rewritten; each block starts and ends on a deal row.
 */
export function planIds(
  rows: readonly (readonly unknown[])[],
  columns: Record<DealField, SheetColumn>,
  idFormulas: readonly string[],
  random: () => number,
): { blocks: IdBlock[]; assigned: number } {
  const idCol = columns.id;
  const taken = new Set<string>();
  for (const row of rows) {
    const id = cellText(valueIn(row, idCol));
    if (id !== '') taken.add(id);
  }
  const blocks: IdBlock[] = [];
  let assigned = 0;
  let current: { row: number; values: string[]; lastDeal: number } | null = null;
  const close = () => {
    if (current) blocks.push({ row: current.row, values: current.values.slice(0, current.lastDeal + 1) });
    current = null;
  };
  rows.forEach((row, i) => {
    const blankCell = isBlank(valueIn(row, idCol)) && (idFormulas[i] ?? '') === '';
    if (!blankCell) {
      close();
      return;
    }
    if (!isDealRow(row, columns)) {
      if (current) current.values.push('');
      return;
    }
    const id = newDealId(taken, random);
    taken.add(id);
    assigned++;
    if (!current) current = { row: i + 2, values: [], lastDeal: 0 };
    current.values.push(id);
    current.lastDeal = current.values.length - 1;
  });
  close();
  return { blocks, assigned };
}

/** The conditional-format formula highlighting a row whose Stalled Since is filled (range from row 2). */
export function stalledRuleFormula(stalledColumn: SheetColumn): string {
  return `=$${letterOf(stalledColumn)}2<>""`;
}

/**
 * The conditional-format formula highlighting an overdue row (SPEC §2 PIPELINE_OVERDUE's dated
 * problems, as far as a sheet formula can tell): still open, not snoozed past today, and an
 * Expected Close or a Next Step Date before today. The range starts at row 2.
 * "Still open" is an empty Closed cell; where one `Close Date` column is both Expected Close and
 * Closed (HubSpot, Salesforce) a date there says nothing, so the Stage must not be a closed one
 * (`closedStages`, the Won and Lost stages Set up writes; `<>` ignores case as the add-on does).
 */
export function overdueRuleFormula(
  columns: {
    readonly closed: SheetColumn;
    readonly snoozedUntil: SheetColumn;
    readonly expectedClose: SheetColumn;
    readonly nextStepDate: SheetColumn;
    readonly stage: SheetColumn;
  },
  closedStages: readonly string[] = [],
): string {
  const at = (column: SheetColumn) => `$${letterOf(column)}2`;
  const before = (column: SheetColumn) => `AND(ISNUMBER(${at(column)}),${at(column)}<TODAY())`;
  const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const open =
    columns.closed !== columns.expectedClose
      ? `${at(columns.closed)}=""`
      : closedStages.length > 0
        ? closedStages.map((name) => `${at(columns.stage)}<>${quoted(name)}`).join(',')
        : 'FALSE';
  return (
    `=AND(${open},OR(${at(columns.snoozedUntil)}="",${at(columns.snoozedUntil)}<=TODAY()),` +
    `OR(${before(columns.expectedClose)},${before(columns.nextStepDate)}))`
  );
}

/** A1 of whole columns A through `width`, e.g. `A:T`. */
export function wholeColumns(width: number): string {
  return `A:${columnLetter(Math.max(width, 1) - 1)}`;
}

/**
 * A History baseline for deals History knows nothing of: one `import` row each (From blank, To =
 * its stage), so that every deal's last History row says which stage it was in. The edit trigger
 * needs that for pasted or filled blocks, where Sheets gives no old values: without it, a paste
 * that leaves a deal's stage as it was would look like a move. When is the deal's Stage Entered
 * when it is a date, else `now`. Rows without a stage or an ID are skipped.
 */
export function planImportHistory(
  rows: readonly (readonly unknown[])[],
  columns: Record<DealField, SheetColumn>,
  idOfRow: (index: number) => string,
  known: ReadonlySet<string>,
  now: Date,
  changedBy: string,
): HistoryRecord[] {
  const records: HistoryRecord[] = [];
  rows.forEach((row, i) => {
    const id = idOfRow(i);
    const stage = cellText(valueIn(row, columns.stage));
    if (id === '' || stage === '' || known.has(id)) return;
    const entered = valueIn(row, columns.stageEntered);
    records.push({
      when: isDateLike(entered) && Number.isFinite(entered.getTime()) ? entered : now,
      dealId: id,
      deal: cellText(valueIn(row, columns.deal)),
      from: '',
      to: stage,
      daysInStage: null,
      changedBy,
      via: 'import',
    });
  });
  return records;
}
