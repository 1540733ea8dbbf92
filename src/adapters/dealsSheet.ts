import { PipelineError } from '../core/errors';
import { DEAL_HEADER_NAMES, type DealField, mapDealColumns, requireColumns } from '../core/model/columns';
import { columnOfIndex, type SheetColumn } from '../core/model/sheetColumn';
import { cellText } from '../core/model/text';
import { writeCells } from './cellWrite';
import { NO_DEALS_SHEET } from './messages';
import { findDealsSheet } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A value to write into one of the add-on's own cells. */
export type CellValue = string | number | Date | boolean;

/**
 * The deals sheet for writing: reads in batches (the header row, one column, one row), finds
 * rows by ID at write time, and writes only the add-on's own cells, one `setValues` per
 * contiguous block of changed columns. Text is written through `writeCells`, so it reads back
 * exactly as given (and never becomes a formula): callers pass it raw.
 */
export class DealsSheet {
  private constructor(
    readonly sheet: Sheet,
    readonly headers: string[],
    /** 0-based: each field's position in the header row (an index into a row's values). */
    readonly index: Partial<Record<DealField, number>>,
  ) {}

  /** Opens the deals sheet (`DEALS` named range's sheet, else `Deals`), reading its header row. */
  static open(ss: Spreadsheet): DealsSheet {
    const sheet = findDealsSheet(ss);
    if (!sheet) throw new PipelineError(NO_DEALS_SHEET);
    return DealsSheet.of(sheet);
  }

  static of(sheet: Sheet): DealsSheet {
    const width = Math.max(sheet.getLastColumn(), 1);
    const headerRow = sheet.getRange(1, 1, 1, width).getValues()[0] ?? [];
    return DealsSheet.fromHeaderRow(sheet, headerRow);
  }

  /** A deals sheet whose header row is already known (e.g. from the cache): no read. */
  static fromHeaderRow(sheet: Sheet, headerRow: readonly unknown[]): DealsSheet {
    const map = mapDealColumns(headerRow);
    return new DealsSheet(sheet, map.headers, map.index);
  }

  get name(): string {
    return this.sheet.getName();
  }

  /**
   * 1-based: the field's sheet column (for `getRange`), or an error naming the missing column.
   * The names say the base — `index` is 0-based, `sheetColumn` 1-based — so the two never mix.
   */
  sheetColumn(field: DealField): SheetColumn {
    const index = this.index[field];
    if (index === undefined) {
      requireColumns({ index: this.index, headers: this.headers }, [field], DEAL_HEADER_NAMES, this.name);
    }
    return columnOfIndex(index as number);
  }

  has(field: DealField): boolean {
    return this.index[field] !== undefined;
  }

  /** Values of one field for rows 2..last (index 0 = row 2): one read. */
  readColumn(field: DealField): unknown[] {
    const last = this.sheet.getLastRow();
    if (last < 2) return [];
    return this.sheet
      .getRange(2, this.sheetColumn(field), last - 1, 1)
      .getValues()
      .map((r) => r[0]);
  }

  /** The whole row (all columns of the header), one read. */
  readRow(row: number): unknown[] {
    return this.sheet.getRange(row, 1, 1, this.headers.length).getValues()[0] ?? [];
  }

  /** Sheet row of the deal with this ID (reads the ID column), or null. */
  findRowById(id: string): number | null {
    const ids = this.readColumn('id');
    for (let i = 0; i < ids.length; i++) if (cellText(ids[i]) === id) return i + 2;
    return null;
  }

  /** Field value of a row read with `readRow`. */
  field(row: readonly unknown[], field: DealField): unknown {
    const index = this.index[field];
    return index === undefined ? '' : row[index];
  }

  /**
   * Writes some of a row's fields: one `setValues` per run of adjacent columns. Fields without
   * a column are skipped (the caller decides whether that is an error). Returns fields written.
   */
  writeFields(row: number, values: Partial<Record<DealField, CellValue>>): DealField[] {
    const cells = (Object.keys(values) as DealField[])
      .filter((f) => this.index[f] !== undefined)
      .map((f) => ({ field: f, column: this.index[f]! + 1, value: values[f] as CellValue }))
      .sort((a, b) => a.column - b.column);
    let i = 0;
    while (i < cells.length) {
      let j = i;
      while (j + 1 < cells.length && cells[j + 1]!.column === cells[j]!.column + 1) j++;
      const block = cells.slice(i, j + 1);
      writeCells(this.sheet.getRange(row, block[0]!.column, 1, block.length), [block.map((c) => c.value)]);
      i = j + 1;
    }
    return cells.map((c) => c.field);
  }
}
