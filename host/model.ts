/**
 * The storage behind the fake Spreadsheet service. These objects are host-side state only;
 * product code sees them through the API wrappers in range.ts / sheet.ts / spreadsheet.ts.
 */
import { gasError } from './errors';
import type { CellContent, CellValue } from './values';

/** A stored data-validation rule (see validation.ts). */
export interface ValidationSpec {
  criteria: string;
  /** Criteria values; a range argument is kept as a GridRef. */
  values: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

export interface Cell {
  value: CellValue;
  formula?: string;
  numberFormat?: string;
  background?: string;
  fontColor?: string;
  fontWeight?: string;
  fontStyle?: string;
  horizontalAlignment?: string;
  wrap?: boolean;
  note?: string;
  validation?: ValidationSpec;
}

/**
 * A rectangle on a sheet, 1-based. `openRows`: the rows run from `row` to the bottom of the
 * sheet (`A:Q`, `A2:Q`); `openCols` likewise for columns (`2:5`).
 */
export interface GridRef {
  sheetId: number;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
  openRows?: boolean;
  openCols?: boolean;
}

export interface CondFormatSpec {
  ranges: GridRef[];
  criteria: string;
  values: unknown[];
  format: {
    background?: string;
    fontColor?: string;
    bold?: boolean;
    italic?: boolean;
    strikethrough?: boolean;
  };
}

export interface ChartSpec {
  chartId: number;
  type: string;
  ranges: GridRef[];
  options: Record<string, unknown>;
  position: { row: number; col: number; offsetX: number; offsetY: number };
  numHeaders: number;
  transpose: boolean;
  mergeStrategy: string;
  hiddenDimensionStrategy: string;
}

/** A sheet protection as `Protection` records it (reference: spreadsheet/protection). */
export interface ProtectionSpec {
  description: string;
  warningOnly: boolean;
}

type Row = Array<Cell | undefined>;

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;

function hasContent(cell: Cell | undefined): boolean {
  return cell !== undefined && (cell.formula !== undefined || cell.value !== '');
}

export class SheetModel {
  rows: Array<Row | undefined> = [];
  maxRows = DEFAULT_ROWS;
  maxCols = DEFAULT_COLUMNS;
  frozenRows = 0;
  frozenCols = 0;
  hidden = false;
  tabColor: string | null = null;
  condRules: CondFormatSpec[] = [];
  charts: ChartSpec[] = [];
  /** Sheet protections (`Sheet.protect()`): description and warning-only flag. */
  protections: ProtectionSpec[] = [];
  columnWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();

  constructor(
    readonly id: number,
    public name: string,
  ) {}

  cell(row: number, col: number): Cell | undefined {
    return this.rows[row - 1]?.[col - 1];
  }

  ensureCell(row: number, col: number): Cell {
    let r = this.rows[row - 1];
    if (!r) {
      r = [];
      this.rows[row - 1] = r;
    }
    let c = r[col - 1];
    if (!c) {
      c = { value: '' };
      r[col - 1] = c;
    }
    return c;
  }

  /** Replaces a cell's content (value + formula), keeping its formatting. */
  setContent(row: number, col: number, content: CellContent): void {
    if (row > this.maxRows) this.maxRows = row;
    if (col > this.maxCols) this.maxCols = col;
    const cell = this.ensureCell(row, col);
    cell.value = content.value;
    if (content.formula !== undefined) cell.formula = content.formula;
    else delete cell.formula;
    if (content.format !== undefined) cell.numberFormat = content.format;
  }

  clearContent(row: number, col: number): void {
    const cell = this.cell(row, col);
    if (!cell) return;
    cell.value = '';
    delete cell.formula;
  }

  hasContent(row: number, col: number): boolean {
    return hasContent(this.cell(row, col));
  }

  /** Last row with content, 0 when the sheet is empty. */
  lastRow(): number {
    for (let r = this.rows.length; r >= 1; r--) {
      const row = this.rows[r - 1];
      if (row?.some(hasContent)) return r;
    }
    return 0;
  }

  /** Last column with content, 0 when the sheet is empty. */
  lastCol(): number {
    let last = 0;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = row.length; c > last; c--) {
        if (hasContent(row[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  insertRows(before: number, count: number): void {
    const blanks: Array<Row | undefined> = new Array(count).fill(undefined);
    if (this.rows.length >= before) this.rows.splice(before - 1, 0, ...blanks);
    this.maxRows += count;
  }

  deleteRows(start: number, count: number): void {
    if (start < 1 || start + count - 1 > this.maxRows) throw gasError('Those rows are out of bounds.');
    if (count >= this.maxRows) throw gasError("You can't delete all the rows on the sheet.");
    this.rows.splice(start - 1, count);
    this.maxRows -= count;
    if (this.frozenRows > this.maxRows) this.frozenRows = this.maxRows;
  }

  insertCols(before: number, count: number): void {
    for (const row of this.rows) {
      if (row && row.length >= before) row.splice(before - 1, 0, ...new Array<Cell | undefined>(count));
    }
    this.maxCols += count;
  }

  deleteCols(start: number, count: number): void {
    if (start < 1 || start + count - 1 > this.maxCols) throw gasError('Those columns are out of bounds.');
    if (count >= this.maxCols) throw gasError("You can't delete all the columns on the sheet.");
    for (const row of this.rows) row?.splice(start - 1, count);
    this.maxCols -= count;
    if (this.frozenCols > this.maxCols) this.frozenCols = this.maxCols;
  }

  /** Removes every cell's content (and, with `formats`, formatting/validation/notes too). */
  clear(formats: boolean): void {
    if (formats) {
      this.rows = [];
      return;
    }
    for (const row of this.rows) {
      if (!row) continue;
      for (const cell of row) {
        if (cell) {
          cell.value = '';
          delete cell.formula;
        }
      }
    }
  }

  /** Takes whole rows out and puts them back in a new order (used by sort). */
  reorderRows(first: number, order: number[]): void {
    const taken = order.map((r) => this.rows[r - 1]);
    taken.forEach((row, i) => {
      this.rows[first - 1 + i] = row;
    });
  }
}

/** Row count of a ref on a sheet (open refs run to the bottom). */
export function refRows(ref: GridRef, sheet: SheetModel): number {
  return ref.openRows ? Math.max(sheet.maxRows - ref.row + 1, 0) : ref.numRows;
}

export function refCols(ref: GridRef, sheet: SheetModel): number {
  return ref.openCols ? Math.max(sheet.maxCols - ref.col + 1, 0) : ref.numCols;
}

/** Shifts a ref for `count` rows inserted before `at` (delta > 0) or deleted from `at` (delta < 0). */
export function shiftRef(ref: GridRef, axis: 'row' | 'col', at: number, delta: number): GridRef | null {
  const startKey = axis === 'row' ? 'row' : 'col';
  const sizeKey = axis === 'row' ? 'numRows' : 'numCols';
  const open = axis === 'row' ? ref.openRows : ref.openCols;
  const start = ref[startKey];
  const size = ref[sizeKey];
  const out: GridRef = { ...ref };
  if (delta > 0) {
    if (at <= start) out[startKey] = start + delta;
    else if (!open && at < start + size) out[sizeKey] = size + delta;
    return out;
  }
  const count = -delta;
  const delEnd = at + count - 1;
  if (delEnd < start) {
    out[startKey] = start - count;
    return out;
  }
  if (open) {
    if (at < start) out[startKey] = at;
    return out;
  }
  const end = start + size - 1;
  if (at > end) return out;
  const overlap = Math.min(end, delEnd) - Math.max(start, at) + 1;
  out[sizeKey] = size - overlap;
  if (at < start) out[startKey] = at;
  return out[sizeKey] > 0 ? out : null;
}

export class SpreadsheetModel {
  sheets: SheetModel[] = [];
  namedRanges = new Map<string, GridRef>();
  private nextSheetId = 0;
  private nextChartId = 1;

  constructor(
    readonly id: string,
    public name: string,
    public timeZone: string,
    public locale = 'en_GB',
  ) {}

  get url(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  /** Case-insensitive, like Sheets' unique sheet names. */
  sheetByName(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetById(id: number): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  /** The sheet a ref points at; throws when it was deleted. */
  sheetOf(ref: GridRef): SheetModel {
    const sheet = this.sheetById(ref.sheetId);
    if (!sheet) throw gasError('The sheet this range belongs to has been deleted.');
    return sheet;
  }

  addSheet(name: string, index = this.sheets.length): SheetModel {
    if (this.sheetByName(name)) {
      throw gasError(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    // The first sheet is gid 0; later ones get stable pseudo-random-looking gids.
    const id = this.nextSheetId === 0 ? 0 : 100_000_000 + this.nextSheetId * 7_919;
    this.nextSheetId++;
    const sheet = new SheetModel(id, name);
    this.sheets.splice(Math.max(0, Math.min(index, this.sheets.length)), 0, sheet);
    return sheet;
  }

  removeSheet(sheet: SheetModel): void {
    if (this.sheets.length <= 1) throw gasError("You can't remove all the sheets in a document.");
    this.sheets = this.sheets.filter((s) => s !== sheet);
    for (const [name, ref] of this.namedRanges) if (ref.sheetId === sheet.id) this.namedRanges.delete(name);
  }

  /** Default name for a new sheet: the first free `SheetN`. */
  nextSheetName(): string {
    let n = this.sheets.length + 1;
    while (this.sheetByName(`Sheet${n}`)) n++;
    return `Sheet${n}`;
  }

  newChartId(): number {
    return this.nextChartId++;
  }

  /** Keeps named ranges, conditional-format ranges and chart ranges attached to their cells. */
  shift(sheet: SheetModel, axis: 'row' | 'col', at: number, delta: number): void {
    const move = (ref: GridRef): GridRef | null =>
      ref.sheetId === sheet.id ? shiftRef(ref, axis, at, delta) : ref;
    for (const [name, ref] of [...this.namedRanges]) {
      const moved = move(ref);
      if (moved) this.namedRanges.set(name, moved);
      else this.namedRanges.delete(name);
    }
    for (const s of this.sheets) {
      for (const rule of s.condRules)
        rule.ranges = rule.ranges.map(move).filter((r): r is GridRef => r !== null);
      for (const chart of s.charts)
        chart.ranges = chart.ranges.map(move).filter((r): r is GridRef => r !== null);
    }
  }
}
