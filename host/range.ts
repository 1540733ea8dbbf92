/** The fake `Range`: a fixed rectangle of a sheet, bound to one execution. */
import { cellA1, formatA1 } from './a1';
import { cloneCell, parseSortSpecs, readValue, sortedOrder } from './cells';
import { gasError } from './errors';
import { type Bound, type Execution, instrument } from './exec';
import { type Cell, type GridRef, refCols, refRows, type SheetModel, type SpreadsheetModel } from './model';
import { SheetFake } from './sheet';
import { DataValidationFake } from './validation';
import { type CellValue, displayValue, isDate, userEnteredContent } from './values';

function describeType(v: unknown): string {
  if (Array.isArray(v)) return `${v.length > 0 ? describeType(v[0]) : 'Object'}[]`;
  if (v === null || v === undefined) return 'null';
  if (isDate(v)) return 'Date';
  if (typeof v === 'object') return 'Object';
  return typeof v === 'string' ? 'String' : typeof v;
}

/** Checks a 2-D array against the range and returns it typed. */
function check2d(values: unknown, method: string, rows: number, cols: number): unknown[][] {
  if (!Array.isArray(values) || !values.every((r) => Array.isArray(r))) {
    throw gasError(
      `The parameters (${describeType(values)}) don't match the method signature for SpreadsheetApp.Range.${method}.`,
    );
  }
  const data = values as unknown[][];
  if (data.length !== rows) {
    throw gasError(
      `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${rows}.`,
    );
  }
  for (const row of data) {
    if (row.length !== cols) {
      throw gasError(
        `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${cols}.`,
      );
    }
  }
  return data;
}

/** A formula a write stored. */
type Written = { row: number; col: number; formula: string };

export class RangeFake implements Bound {
  constructor(
    readonly exec: Execution,
    readonly ss: SpreadsheetModel,
    readonly ref: GridRef,
  ) {}

  private get model(): SheetModel {
    return this.ss.sheetOf(this.ref);
  }

  private get rows(): number {
    return refRows(this.ref, this.model);
  }

  private get cols(): number {
    return refCols(this.ref, this.model);
  }

  callTarget(): { sheet?: string; a1?: string } {
    const sheet = this.ss.sheetById(this.ref.sheetId);
    return sheet ? { sheet: sheet.name, a1: this._a1(sheet) } : {};
  }

  _a1(sheet: SheetModel): string {
    const r = this.ref;
    return formatA1({
      startCol: r.openCols && r.col === 1 ? undefined : r.col,
      endCol: r.openCols ? undefined : r.col + refCols(r, sheet) - 1,
      startRow: r.openRows && r.row === 1 ? undefined : r.row,
      endRow: r.openRows ? undefined : r.row + refRows(r, sheet) - 1,
    });
  }

  /** Visits every cell position of the range. */
  _each(fn: (row: number, col: number, i: number, j: number) => void): void {
    const rows = this.rows;
    const cols = this.cols;
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) fn(this.ref.row + i, this.ref.col + j, i, j);
  }

  _map<T>(fn: (cell: Cell | undefined, row: number, col: number) => T): T[][] {
    const sheet = this.model;
    const out: T[][] = [];
    for (let i = 0; i < this.rows; i++) {
      const line: T[] = [];
      for (let j = 0; j < this.cols; j++) {
        const row = this.ref.row + i;
        const col = this.ref.col + j;
        line.push(fn(sheet.cell(row, col), row, col));
      }
      out.push(line);
    }
    return out;
  }

  _format(apply: (cell: Cell) => void): this {
    const sheet = this.model;
    this._each((r, c) => apply(sheet.ensureCell(r, c)));
    return this;
  }

  _formats(method: string, values: unknown, apply: (cell: Cell, v: unknown) => void): this {
    const data = check2d(values, method, this.rows, this.cols);
    const sheet = this.model;
    this._each((r, c, i, j) => apply(sheet.ensureCell(r, c), data[i]?.[j]));
    return this;
  }

  // ---- values ----

  getValues(): CellValue[][] {
    const sheet = this.model;
    const world = this.exec.world;
    return this._map((_cell, r, c) => readValue(world, sheet, r, c));
  }

  getValue(): CellValue {
    return readValue(this.exec.world, this.model, this.ref.row, this.ref.col);
  }

  getDisplayValues(): string[][] {
    const sheet = this.model;
    const world = this.exec.world;
    return this._map((cell, r, c) =>
      displayValue(readValue(world, sheet, r, c), cell?.numberFormat, this.ss.timeZone),
    );
  }

  getDisplayValue(): string {
    const cell = this.model.cell(this.ref.row, this.ref.col);
    return displayValue(this.getValue(), cell?.numberFormat, this.ss.timeZone);
  }

  setValues(values: unknown[][]): this {
    const data = check2d(values, 'setValues', this.rows, this.cols);
    const sheet = this.model;
    const tz = this.ss.timeZone;
    const formulas: Written[] = [];
    this._each((r, c, i, j) => {
      const content = userEnteredContent(data[i]?.[j], tz, sheet.cell(r, c)?.numberFormat);
      sheet.setContent(r, c, content);
      if (content.formula !== undefined) formulas.push({ row: r, col: c, formula: content.formula });
    });
    this.exec.world.noteFormulaWrites(sheet, formulas);
    return this;
  }

  /** Sets every cell of the range to the value (USER_ENTERED parsing; plain-text cells keep text). */
  setValue(value: unknown): this {
    const sheet = this.model;
    const tz = this.ss.timeZone;
    const formulas: Written[] = [];
    this._each((r, c) => {
      const content = userEnteredContent(value, tz, sheet.cell(r, c)?.numberFormat);
      sheet.setContent(r, c, content);
      if (content.formula !== undefined) formulas.push({ row: r, col: c, formula: content.formula });
    });
    this.exec.world.noteFormulaWrites(sheet, formulas);
    return this;
  }

  getFormulas(): string[][] {
    return this._map((cell) => cell?.formula ?? '');
  }

  getFormula(): string {
    return this.model.cell(this.ref.row, this.ref.col)?.formula ?? '';
  }

  setFormula(formula: string): this {
    return this.setValue(String(formula));
  }

  setFormulas(formulas: string[][]): this {
    const data = check2d(formulas, 'setFormulas', this.rows, this.cols);
    const sheet = this.model;
    const tz = this.ss.timeZone;
    const written: Written[] = [];
    this._each((r, c, i, j) => {
      const content = userEnteredContent(String(data[i]?.[j] ?? ''), tz);
      sheet.setContent(r, c, content);
      if (content.formula !== undefined) written.push({ row: r, col: c, formula: content.formula });
    });
    // Written formulas go to the World's volatile-argument check (host/volatile.ts).
    this.exec.world.noteFormulaWrites(sheet, written);
    return this;
  }

  isBlank(): boolean {
    const sheet = this.model;
    let blank = true;
    this._each((r, c) => {
      if (sheet.hasContent(r, c)) blank = false;
    });
    return blank;
  }

  // ---- geometry ----

  getA1Notation(): string {
    return this._a1(this.model);
  }

  getRow(): number {
    return this.ref.row;
  }

  getRowIndex(): number {
    return this.ref.row;
  }

  getColumn(): number {
    return this.ref.col;
  }

  getNumRows(): number {
    return this.rows;
  }

  getNumColumns(): number {
    return this.cols;
  }

  getHeight(): number {
    return this.rows;
  }

  getWidth(): number {
    return this.cols;
  }

  getLastRow(): number {
    return this.ref.row + this.rows - 1;
  }

  getLastColumn(): number {
    return this.ref.col + this.cols - 1;
  }

  getGridId(): number {
    return this.ref.sheetId;
  }

  getSheet(): SheetFake {
    return new SheetFake(this.exec, this.ss, this.model);
  }

  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): RangeFake {
    return new SheetFake(this.exec, this.ss, this.model).getRange(
      this.ref.row + rowOffset,
      this.ref.col + columnOffset,
      numRows ?? this.rows,
      numColumns ?? this.cols,
    );
  }

  /** Cell relative to the range, 1-based. */
  getCell(row: number, column: number): RangeFake {
    if (row < 1 || column < 1 || row > this.rows || column > this.cols)
      throw gasError('Cell reference out of range');
    return new RangeFake(this.exec, this.ss, {
      sheetId: this.ref.sheetId,
      row: this.ref.row + row - 1,
      col: this.ref.col + column - 1,
      numRows: 1,
      numCols: 1,
    });
  }

  activate(): this {
    this.exec.world.setSelection(this.exec.user, { ...this.ref });
    return this;
  }

  activateAsCurrentCell(): this {
    return this.activate();
  }

  // ---- clearing ----

  /** clear() clears contents and formats; options: contentsOnly, formatOnly, validationsOnly, commentsOnly. */
  clear(options?: {
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    commentsOnly?: boolean;
  }): this {
    const sheet = this.model;
    const o = options ?? {};
    const any = o.contentsOnly || o.formatOnly || o.validationsOnly || o.commentsOnly;
    this._each((r, c) => {
      const cell = sheet.cell(r, c);
      if (!cell) return;
      if (!any || o.contentsOnly) sheet.clearContent(r, c);
      if (!any || o.formatOnly) clearFormat(cell);
      if (o.validationsOnly) delete cell.validation;
      if (o.commentsOnly) delete cell.note;
    });
    return this;
  }

  clearContent(): this {
    const sheet = this.model;
    this._each((r, c) => sheet.clearContent(r, c));
    return this;
  }

  clearFormat(): this {
    const sheet = this.model;
    this._each((r, c) => {
      const cell = sheet.cell(r, c);
      if (cell) clearFormat(cell);
    });
    return this;
  }

  clearDataValidations(): this {
    const sheet = this.model;
    this._each((r, c) => {
      const cell = sheet.cell(r, c);
      if (cell) delete cell.validation;
    });
    return this;
  }

  clearNote(): this {
    const sheet = this.model;
    this._each((r, c) => {
      const cell = sheet.cell(r, c);
      if (cell) delete cell.note;
    });
    return this;
  }

  // ---- formats ----

  getNumberFormat(): string {
    return this.model.cell(this.ref.row, this.ref.col)?.numberFormat ?? 'General';
  }

  getNumberFormats(): string[][] {
    return this._map((cell) => cell?.numberFormat ?? 'General');
  }

  setNumberFormat(numberFormat: string): this {
    return this._format((cell) => {
      cell.numberFormat = String(numberFormat);
    });
  }

  setNumberFormats(numberFormats: string[][]): this {
    return this._formats('setNumberFormats', numberFormats, (cell, v) => {
      cell.numberFormat = String(v);
    });
  }

  getBackground(): string {
    return this.model.cell(this.ref.row, this.ref.col)?.background ?? '#ffffff';
  }

  getBackgrounds(): string[][] {
    return this._map((cell) => cell?.background ?? '#ffffff');
  }

  setBackground(color: string | null): this {
    return this._format((cell) => setOrDelete(cell, 'background', color));
  }

  setBackgrounds(colors: (string | null)[][]): this {
    return this._formats('setBackgrounds', colors, (cell, v) => setOrDelete(cell, 'background', v));
  }

  getFontColor(): string {
    return this.model.cell(this.ref.row, this.ref.col)?.fontColor ?? '#000000';
  }

  setFontColor(color: string | null): this {
    return this._format((cell) => setOrDelete(cell, 'fontColor', color));
  }

  setFontColors(colors: (string | null)[][]): this {
    return this._formats('setFontColors', colors, (cell, v) => setOrDelete(cell, 'fontColor', v));
  }

  getFontWeight(): string {
    return this.model.cell(this.ref.row, this.ref.col)?.fontWeight ?? 'normal';
  }

  getFontWeights(): string[][] {
    return this._map((cell) => cell?.fontWeight ?? 'normal');
  }

  setFontWeight(fontWeight: string | null): this {
    return this._format((cell) => setOrDelete(cell, 'fontWeight', fontWeight));
  }

  setFontWeights(fontWeights: (string | null)[][]): this {
    return this._formats('setFontWeights', fontWeights, (cell, v) => setOrDelete(cell, 'fontWeight', v));
  }

  getFontStyle(): string {
    return this.model.cell(this.ref.row, this.ref.col)?.fontStyle ?? 'normal';
  }

  setFontStyle(fontStyle: string | null): this {
    return this._format((cell) => setOrDelete(cell, 'fontStyle', fontStyle));
  }

  getHorizontalAlignment(): string {
    return this.model.cell(this.ref.row, this.ref.col)?.horizontalAlignment ?? 'general';
  }

  setHorizontalAlignment(alignment: string | null): this {
    return this._format((cell) => setOrDelete(cell, 'horizontalAlignment', alignment));
  }

  getWrap(): boolean {
    return this.model.cell(this.ref.row, this.ref.col)?.wrap ?? true;
  }

  setWrap(isWrapEnabled: boolean): this {
    return this._format((cell) => {
      cell.wrap = isWrapEnabled;
    });
  }

  setWrapStrategy(strategy: string): this {
    return this._format((cell) => {
      cell.wrap = strategy === 'WRAP';
    });
  }

  /** Accepted and ignored (not modelled). */
  setFontSize(_size: number): this {
    return this;
  }

  setFontFamily(_fontFamily: string): this {
    return this;
  }

  setVerticalAlignment(_alignment: string): this {
    return this;
  }

  setBorder(..._args: unknown[]): this {
    return this;
  }

  // ---- notes ----

  getNote(): string {
    return this.model.cell(this.ref.row, this.ref.col)?.note ?? '';
  }

  getNotes(): string[][] {
    return this._map((cell) => cell?.note ?? '');
  }

  setNote(note: string | null): this {
    return this._format((cell) => setOrDelete(cell, 'note', note === '' ? null : note));
  }

  setNotes(notes: (string | null)[][]): this {
    return this._formats('setNotes', notes, (cell, v) => setOrDelete(cell, 'note', v === '' ? null : v));
  }

  // ---- validation ----

  getDataValidation(): DataValidationFake | null {
    const spec = this.model.cell(this.ref.row, this.ref.col)?.validation;
    return spec ? new DataValidationFake(this.exec, this.ss, spec) : null;
  }

  getDataValidations(): (DataValidationFake | null)[][] {
    return this._map((cell) =>
      cell?.validation ? new DataValidationFake(this.exec, this.ss, cell.validation) : null,
    );
  }

  setDataValidation(rule: DataValidationFake | null): this {
    if (rule !== null && !(rule instanceof DataValidationFake)) throw gasError('Invalid argument: rule');
    return this._format((cell) => {
      if (rule) cell.validation = rule._spec();
      else delete cell.validation;
    });
  }

  setDataValidations(rules: (DataValidationFake | null)[][]): this {
    return this._formats('setDataValidations', rules, (cell, v) => {
      if (v instanceof DataValidationFake) cell.validation = v._spec();
      else delete cell.validation;
    });
  }

  /** Adds checkbox validation; blank cells become FALSE. */
  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): this {
    const values = checkedValue === undefined ? [] : [checkedValue, uncheckedValue ?? ''];
    const sheet = this.model;
    this._each((r, c) => {
      const cell = sheet.ensureCell(r, c);
      cell.validation = { criteria: 'CHECKBOX', values, allowInvalid: true, helpText: '' };
      if (!sheet.hasContent(r, c))
        sheet.setContent(r, c, {
          value: uncheckedValue !== undefined ? (uncheckedValue as CellValue) : false,
        });
    });
    return this;
  }

  // ---- sorting ----

  /** Sorts the range's rows by absolute column number(s) within the range's columns only. */
  sort(sortSpecObj: unknown): this {
    const specs = parseSortSpecs(sortSpecObj);
    const lastCol = this.ref.col + this.cols - 1;
    for (const s of specs) {
      if (s.column < this.ref.col || s.column > lastCol)
        throw gasError('The sort column must be within the range.');
    }
    const sheet = this.model;
    const rows = Array.from({ length: this.rows }, (_, i) => this.ref.row + i);
    const order = sortedOrder(this.exec.world, sheet, rows, specs);
    const snapshot = order.map((r) =>
      Array.from({ length: this.cols }, (_, j) => cloneCell(sheet.cell(r, this.ref.col + j))),
    );
    snapshot.forEach((cells, i) => {
      cells.forEach((cell, j) => {
        const row = this.ref.row + i;
        const col = this.ref.col + j;
        const line = sheet.rows[row - 1] ?? [];
        sheet.rows[row - 1] = line;
        line[col - 1] = cell;
      });
    });
    return this;
  }

  toString(): string {
    return 'Range';
  }
}

function clearFormat(cell: Cell): void {
  delete cell.numberFormat;
  delete cell.background;
  delete cell.fontColor;
  delete cell.fontWeight;
  delete cell.fontStyle;
  delete cell.horizontalAlignment;
  delete cell.wrap;
}

type StringProps = 'background' | 'fontColor' | 'fontWeight' | 'fontStyle' | 'horizontalAlignment' | 'note';

function setOrDelete(cell: Cell, key: StringProps, value: unknown): void {
  if (value === null || value === undefined) delete cell[key];
  else cell[key] = String(value);
}

/** The cell A1 of a ref's top-left corner (helper for messages). */
export function topLeftA1(ref: GridRef): string {
  return cellA1(ref.row, ref.col);
}

instrument(RangeFake, 'Range', {
  fallback: 'read',
  messageStyle: 'bare',
  access: Object.fromEntries(
    [
      'setValues',
      'setValue',
      'setFormula',
      'setFormulas',
      'clear',
      'clearContent',
      'clearFormat',
      'clearDataValidations',
      'clearNote',
      'setNumberFormat',
      'setNumberFormats',
      'setBackground',
      'setBackgrounds',
      'setFontColor',
      'setFontColors',
      'setFontWeight',
      'setFontWeights',
      'setFontStyle',
      'setHorizontalAlignment',
      'setWrap',
      'setWrapStrategy',
      'setFontSize',
      'setFontFamily',
      'setVerticalAlignment',
      'setBorder',
      'setNote',
      'setNotes',
      'setDataValidation',
      'setDataValidations',
      'insertCheckboxes',
      'sort',
      'activate',
      'activateAsCurrentCell',
    ].map((m) => [m, 'write' as const]),
  ),
});
