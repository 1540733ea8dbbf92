/** The fake `Sheet`. Structural changes shift stored cells, named ranges, rules and charts. */
import { parseA1 } from './a1';
import { sortedOrder } from './cells';
import { EmbeddedChartBuilderFake, EmbeddedChartFake } from './charts';
import { ConditionalFormatRuleFake } from './conditional-format';
import { gasError } from './errors';
import { type Bound, type Execution, instrument } from './exec';
import type { GridRef, ProtectionSpec, SheetModel, SpreadsheetModel } from './model';
import { RangeFake } from './range';
import { SpreadsheetFake } from './spreadsheet';
import { userEnteredContent } from './values';

function typeName(v: unknown): string {
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'number';
  if (v === null || v === undefined) return 'null';
  return typeof v === 'object' ? 'Object' : typeof v;
}

/** Validates getRange(row, column, numRows, numColumns) like Apps Script and returns a ref. */
export function gridRef(sheet: SheetModel, args: unknown[]): GridRef {
  if (!args.every((a) => typeof a === 'number')) {
    throw gasError(
      `The parameters (${args.map(typeName).join(',')}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`,
    );
  }
  const [row = 0, col = 0, numRows = 1, numCols = 1] = (args as number[]).map(Math.trunc);
  if (row < 1) throw gasError('The starting row of the range is too small.');
  if (col < 1) throw gasError('The starting column of the range is too small.');
  if (numRows < 1) throw gasError('The number of rows in the range must be at least 1.');
  if (numCols < 1) throw gasError('The number of columns in the range must be at least 1.');
  if (row + numRows - 1 > sheet.maxRows || col + numCols - 1 > sheet.maxCols) {
    throw gasError('The coordinates of the range are outside the dimensions of the sheet.');
  }
  return { sheetId: sheet.id, row, col, numRows, numCols };
}

/** Resolves A1 notation (without/ignoring the sheet part) on a sheet. */
export function a1Ref(sheet: SheetModel, a1: string): GridRef {
  const p = parseA1(a1);
  const openRows = p.endRow === undefined;
  const openCols = p.endCol === undefined;
  const row = p.startRow ?? 1;
  const col = p.startCol ?? 1;
  const endRow = p.endRow ?? sheet.maxRows;
  const endCol = p.endCol ?? sheet.maxCols;
  if (endRow > sheet.maxRows || endCol > sheet.maxCols || row > sheet.maxRows || col > sheet.maxCols) {
    throw gasError('The coordinates of the range are outside the dimensions of the sheet.');
  }
  const ref: GridRef = { sheetId: sheet.id, row, col, numRows: endRow - row + 1, numCols: endCol - col + 1 };
  if (openRows) ref.openRows = true;
  if (openCols) ref.openCols = true;
  return ref;
}

export class SheetFake implements Bound {
  constructor(
    readonly exec: Execution,
    readonly ss: SpreadsheetModel,
    readonly model: SheetModel,
  ) {}

  callTarget(): { sheet?: string } {
    return { sheet: this.model.name };
  }

  _range(ref: GridRef): RangeFake {
    return new RangeFake(this.exec, this.ss, ref);
  }

  _checkRows(position: number, allowEnd: boolean): void {
    const max = this.model.maxRows + (allowEnd ? 1 : 0);
    if (!Number.isInteger(position) || position < 1 || position > max)
      throw gasError('Those rows are out of bounds.');
  }

  _checkCols(position: number, allowEnd: boolean): void {
    const max = this.model.maxCols + (allowEnd ? 1 : 0);
    if (!Number.isInteger(position) || position < 1 || position > max) {
      throw gasError('Those columns are out of bounds.');
    }
  }

  _insertRows(before: number, count: number): this {
    this._checkRows(before, true);
    if (!Number.isInteger(count) || count < 1) throw gasError('Invalid argument: howMany');
    this.model.insertRows(before, count);
    if (before <= this.model.frozenRows) this.model.frozenRows += count;
    this.ss.shift(this.model, 'row', before, count);
    return this;
  }

  _deleteRows(start: number, count: number): void {
    this._checkRows(start, false);
    this.model.deleteRows(start, count);
    const frozen = this.model.frozenRows;
    if (start <= frozen) this.model.frozenRows = Math.max(start - 1, frozen - count);
    this.ss.shift(this.model, 'row', start, -count);
  }

  _insertCols(before: number, count: number): this {
    this._checkCols(before, true);
    if (!Number.isInteger(count) || count < 1) throw gasError('Invalid argument: howMany');
    this.model.insertCols(before, count);
    if (before <= this.model.frozenCols) this.model.frozenCols += count;
    this.ss.shift(this.model, 'col', before, count);
    return this;
  }

  _deleteCols(start: number, count: number): void {
    this._checkCols(start, false);
    this.model.deleteCols(start, count);
    const frozen = this.model.frozenCols;
    if (start <= frozen) this.model.frozenCols = Math.max(start - 1, frozen - count);
    this.ss.shift(this.model, 'col', start, -count);
  }

  // ---- identity ----

  getName(): string {
    return this.model.name;
  }

  getSheetName(): string {
    return this.model.name;
  }

  setName(name: string): this {
    const other = this.ss.sheetByName(String(name));
    if (other && other !== this.model) {
      throw gasError(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    this.model.name = String(name);
    return this;
  }

  getSheetId(): number {
    return this.model.id;
  }

  getIndex(): number {
    return this.ss.sheets.indexOf(this.model) + 1;
  }

  getParent(): SpreadsheetFake {
    return new SpreadsheetFake(this.exec, this.ss);
  }

  getType(): string {
    return 'GRID';
  }

  activate(): this {
    this.exec.world.setActiveSheet(this.exec.user, this.model.id);
    return this;
  }

  // ---- ranges ----

  /** getRange(a1) | getRange(row, column[, numRows[, numColumns]]) — 1-based. */
  getRange(...args: unknown[]): RangeFake {
    if (typeof args[0] === 'string' && args.length === 1) return this._range(a1Ref(this.model, args[0]));
    return this._range(gridRef(this.model, args));
  }

  getDataRange(): RangeFake {
    const rows = Math.max(this.model.lastRow(), 1);
    const cols = Math.max(this.model.lastCol(), 1);
    return this._range({ sheetId: this.model.id, row: 1, col: 1, numRows: rows, numCols: cols });
  }

  getLastRow(): number {
    return this.model.lastRow();
  }

  getLastColumn(): number {
    return this.model.lastCol();
  }

  getMaxRows(): number {
    return this.model.maxRows;
  }

  getMaxColumns(): number {
    return this.model.maxCols;
  }

  getActiveRange(): RangeFake {
    return new SpreadsheetFake(this.exec, this.ss).getActiveRange();
  }

  getActiveCell(): RangeFake {
    return new SpreadsheetFake(this.exec, this.ss).getActiveCell();
  }

  getCurrentCell(): RangeFake {
    return new SpreadsheetFake(this.exec, this.ss).getCurrentCell();
  }

  setActiveRange(range: RangeFake): RangeFake {
    return range.activate();
  }

  setActiveSelection(a1OrRange: string | RangeFake): RangeFake {
    const range = typeof a1OrRange === 'string' ? this.getRange(a1OrRange) : a1OrRange;
    return range.activate();
  }

  getNamedRanges(): unknown[] {
    return new SpreadsheetFake(this.exec, this.ss)
      .getNamedRanges()
      .filter((n) => n.getRange().getSheet().getSheetId() === this.model.id);
  }

  // ---- writing rows ----

  /** Writes after the last row with content, growing the sheet when needed (USER_ENTERED). */
  appendRow(rowContents: unknown[]): this {
    if (!Array.isArray(rowContents))
      throw gasError(
        "The parameters (String) don't match the method signature for SpreadsheetApp.Sheet.appendRow.",
      );
    const row = this.model.lastRow() + 1;
    const tz = this.ss.timeZone;
    const formulas: { row: number; col: number; formula: string }[] = [];
    rowContents.forEach((v, j) => {
      const content = userEnteredContent(v, tz, this.model.cell(row, j + 1)?.numberFormat);
      this.model.setContent(row, j + 1, content);
      if (content.formula !== undefined) formulas.push({ row, col: j + 1, formula: content.formula });
    });
    if (row > this.model.maxRows) this.model.maxRows = row;
    this.exec.world.noteFormulaWrites(this.model, formulas);
    return this;
  }

  insertRowBefore(beforePosition: number): this {
    return this._insertRows(beforePosition, 1);
  }

  insertRowAfter(afterPosition: number): this {
    return this._insertRows(afterPosition + 1, 1);
  }

  insertRowsBefore(beforePosition: number, howMany: number): this {
    return this._insertRows(beforePosition, howMany);
  }

  insertRowsAfter(afterPosition: number, howMany: number): this {
    return this._insertRows(afterPosition + 1, howMany);
  }

  insertRows(rowIndex: number, numRows = 1): void {
    this._insertRows(rowIndex, numRows);
  }

  deleteRow(rowPosition: number): this {
    this._deleteRows(rowPosition, 1);
    return this;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this._deleteRows(rowPosition, howMany);
  }

  insertColumnBefore(beforePosition: number): this {
    return this._insertCols(beforePosition, 1);
  }

  insertColumnAfter(afterPosition: number): this {
    return this._insertCols(afterPosition + 1, 1);
  }

  insertColumnsBefore(beforePosition: number, howMany: number): this {
    return this._insertCols(beforePosition, howMany);
  }

  insertColumnsAfter(afterPosition: number, howMany: number): this {
    return this._insertCols(afterPosition + 1, howMany);
  }

  insertColumns(columnIndex: number, numColumns = 1): void {
    this._insertCols(columnIndex, numColumns);
  }

  deleteColumn(columnPosition: number): this {
    this._deleteCols(columnPosition, 1);
    return this;
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    this._deleteCols(columnPosition, howMany);
  }

  /**
   * Sorts the rows below the frozen rows (frozenRows+1 … last row) by a column; whole rows
   * move, formats included.
   */
  sort(columnPosition: number, ascending = true): this {
    if (!Number.isInteger(columnPosition) || columnPosition < 1 || columnPosition > this.model.maxCols) {
      throw gasError('Those columns are out of bounds.');
    }
    const first = this.model.frozenRows + 1;
    const last = this.model.lastRow();
    if (last < first) return this;
    const rows = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    const order = sortedOrder(this.exec.world, this.model, rows, [{ column: columnPosition, ascending }]);
    this.model.reorderRows(first, order);
    return this;
  }

  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): this {
    if (options?.contentsOnly) this.model.clear(false);
    else if (options?.formatOnly) this.clearFormats();
    else this.model.clear(true);
    return this;
  }

  clearContents(): this {
    this.model.clear(false);
    return this;
  }

  clearFormats(): this {
    this.getRange(1, 1, this.model.maxRows, this.model.maxCols).clearFormat();
    return this;
  }

  clearNotes(): this {
    this.getRange(1, 1, this.model.maxRows, this.model.maxCols).clearNote();
    return this;
  }

  // ---- layout ----

  getFrozenRows(): number {
    return this.model.frozenRows;
  }

  setFrozenRows(rows: number): void {
    if (!Number.isInteger(rows) || rows < 0 || rows > this.model.maxRows)
      throw gasError('Invalid argument: rows');
    this.model.frozenRows = rows;
  }

  getFrozenColumns(): number {
    return this.model.frozenCols;
  }

  setFrozenColumns(columns: number): void {
    if (!Number.isInteger(columns) || columns < 0 || columns > this.model.maxCols)
      throw gasError('Invalid argument: columns');
    this.model.frozenCols = columns;
  }

  hideSheet(): this {
    if (this.ss.sheets.filter((s) => !s.hidden).length <= 1)
      throw gasError("You can't hide all the sheets in a document.");
    this.model.hidden = true;
    return this;
  }

  showSheet(): this {
    this.model.hidden = false;
    return this;
  }

  isSheetHidden(): boolean {
    return this.model.hidden;
  }

  getTabColor(): string | null {
    return this.model.tabColor;
  }

  setTabColor(color: string | null): this {
    this.model.tabColor = color;
    return this;
  }

  getColumnWidth(columnPosition: number): number {
    return this.model.columnWidths.get(columnPosition) ?? 100;
  }

  setColumnWidth(columnPosition: number, width: number): this {
    this.model.columnWidths.set(columnPosition, width);
    return this;
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    for (let c = startColumn; c < startColumn + numColumns; c++) this.model.columnWidths.set(c, width);
    return this;
  }

  getRowHeight(rowPosition: number): number {
    return this.model.rowHeights.get(rowPosition) ?? 21;
  }

  setRowHeight(rowPosition: number, height: number): this {
    this.model.rowHeights.set(rowPosition, height);
    return this;
  }

  autoResizeColumn(_columnPosition: number): this {
    return this;
  }

  autoResizeColumns(_startColumn: number, _numColumns: number): this {
    return this;
  }

  // ---- conditional formats ----

  getConditionalFormatRules(): ConditionalFormatRuleFake[] {
    return this.model.condRules.map((spec) => new ConditionalFormatRuleFake(this.exec, this.ss, spec));
  }

  setConditionalFormatRules(rules: ConditionalFormatRuleFake[]): void {
    if (!Array.isArray(rules) || !rules.every((r) => r instanceof ConditionalFormatRuleFake)) {
      throw gasError('Invalid argument: rules');
    }
    this.model.condRules = rules.map((r) => r._spec());
  }

  clearConditionalFormatRules(): void {
    this.model.condRules = [];
  }

  // ---- protection ----

  /**
   * `Sheet.protect()`: a new sheet protection (developers.google.com/apps-script/reference/
   * spreadsheet/sheet#protect()); like Google, each call adds one, so callers check
   * `getProtections(SpreadsheetApp.ProtectionType.SHEET)` first.
   */
  protect(): ProtectionFake {
    const spec: ProtectionSpec = { description: '', warningOnly: false };
    this.model.protections.push(spec);
    return new ProtectionFake(this.exec, this.model, spec);
  }

  getProtections(type: unknown): ProtectionFake[] {
    if (String(type) === 'RANGE') return [];
    if (String(type) !== 'SHEET') throw gasError('Invalid argument: type');
    return this.model.protections.map((spec) => new ProtectionFake(this.exec, this.model, spec));
  }

  // ---- charts ----

  newChart(): EmbeddedChartBuilderFake {
    return new EmbeddedChartBuilderFake(this.exec, this.ss, this.model);
  }

  getCharts(): EmbeddedChartFake[] {
    return this.model.charts.map((spec) => new EmbeddedChartFake(this.exec, this.ss, spec));
  }

  insertChart(chart: EmbeddedChartFake): void {
    if (!(chart instanceof EmbeddedChartFake)) throw gasError('Invalid argument: chart');
    const spec = chart._spec();
    if (spec.chartId === 0 || this.model.charts.some((c) => c.chartId === spec.chartId))
      spec.chartId = this.ss.newChartId();
    this.model.charts.push(spec);
    chart._attach(spec);
  }

  updateChart(chart: EmbeddedChartFake): void {
    if (!(chart instanceof EmbeddedChartFake)) throw gasError('Invalid argument: chart');
    const spec = chart._spec();
    const idx = this.model.charts.findIndex((c) => c.chartId === spec.chartId);
    if (idx < 0) throw gasError('The chart does not exist on this sheet.');
    this.model.charts[idx] = spec;
  }

  removeChart(chart: EmbeddedChartFake): void {
    if (!(chart instanceof EmbeddedChartFake)) throw gasError('Invalid argument: chart');
    const id = chart._spec().chartId;
    this.model.charts = this.model.charts.filter((c) => c.chartId !== id);
  }

  toString(): string {
    return 'Sheet';
  }
}

instrument(SheetFake, 'Sheet', {
  fallback: 'write',
  messageStyle: 'bare',
  access: Object.fromEntries(
    [
      'getName',
      'getSheetName',
      'getSheetId',
      'getIndex',
      'getParent',
      'getType',
      'getRange',
      'getDataRange',
      'getLastRow',
      'getLastColumn',
      'getMaxRows',
      'getMaxColumns',
      'getActiveRange',
      'getActiveCell',
      'getCurrentCell',
      'getNamedRanges',
      'getFrozenRows',
      'getFrozenColumns',
      'isSheetHidden',
      'getTabColor',
      'getColumnWidth',
      'getRowHeight',
      'getConditionalFormatRules',
      'newChart',
      'getCharts',
      'getProtections',
    ].map((m) => [m, 'read' as const]),
  ),
});

/**
 * `Protection` (developers.google.com/apps-script/reference/spreadsheet/protection): a sheet
 * protection's description and warning-only flag. Editors and unprotected ranges are not modelled
 * (the add-on uses none); `remove()` deletes it.
 */
export class ProtectionFake implements Bound {
  constructor(
    readonly exec: Execution,
    private readonly sheet: SheetModel,
    private readonly spec: ProtectionSpec,
  ) {}

  callTarget(): { sheet?: string } {
    return { sheet: this.sheet.name };
  }

  getDescription(): string {
    return this.spec.description;
  }

  setDescription(description: string): this {
    this.spec.description = String(description);
    return this;
  }

  isWarningOnly(): boolean {
    return this.spec.warningOnly;
  }

  setWarningOnly(warningOnly: boolean): this {
    if (typeof warningOnly !== 'boolean') throw gasError('Invalid argument: warningOnly');
    this.spec.warningOnly = warningOnly;
    return this;
  }

  getProtectionType(): string {
    return 'SHEET';
  }

  canEdit(): boolean {
    return true;
  }

  remove(): void {
    this.sheet.protections = this.sheet.protections.filter((p) => p !== this.spec);
  }

  toString(): string {
    return 'Protection';
  }
}

instrument(ProtectionFake, 'Protection', {
  fallback: 'write',
  messageStyle: 'bare',
  access: Object.fromEntries(
    ['getDescription', 'isWarningOnly', 'getProtectionType', 'canEdit'].map((m) => [m, 'read' as const]),
  ),
});
