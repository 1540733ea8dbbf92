/** The fake `Spreadsheet` and `NamedRange`. */
import { splitSheetName } from './a1';
import { gasError } from './errors';
import { type Bound, type Execution, instrument } from './exec';
import type { GridRef, SheetModel, SpreadsheetModel } from './model';
import { RangeFake } from './range';
import { a1Ref, SheetFake } from './sheet';
import { isValidTimeZone } from './tz';

const NAME_RE = /^[A-Za-z_\\][A-Za-z0-9_.]*$/;
const LOOKS_LIKE_CELL = /^(?:[A-Za-z]{1,3}\d+|R\d+C\d+|[RC]\d*)$/i;

export function checkNamedRangeName(name: string): void {
  if (
    !NAME_RE.test(name) ||
    LOOKS_LIKE_CELL.test(name) ||
    /^(true|false)$/i.test(name) ||
    name.length > 250
  ) {
    throw gasError(
      `Invalid named range name: ${name}. Names must start with a letter or underscore, contain only letters, numbers, underscores and periods, and must not look like a cell reference.`,
    );
  }
}

function rangeArg(range: unknown): RangeFake {
  if (!(range instanceof RangeFake)) throw gasError('Invalid argument: range');
  return range;
}

export class NamedRangeFake implements Bound {
  constructor(
    readonly exec: Execution,
    readonly ss: SpreadsheetModel,
    private name: string,
  ) {}

  _ref(): GridRef {
    const ref = findNamed(this.ss, this.name)?.[1];
    if (!ref) throw gasError(`Named range ${this.name} no longer exists.`);
    return ref;
  }

  getName(): string {
    return this.name;
  }

  setName(name: string): this {
    checkNamedRangeName(name);
    const ref = this._ref();
    const key = findNamed(this.ss, this.name)?.[0] ?? this.name;
    this.ss.namedRanges.delete(key);
    this.ss.namedRanges.set(name, ref);
    this.name = name;
    return this;
  }

  getRange(): RangeFake {
    return new RangeFake(this.exec, this.ss, { ...this._ref() });
  }

  setRange(range: RangeFake): this {
    const key = findNamed(this.ss, this.name)?.[0] ?? this.name;
    this.ss.namedRanges.set(key, { ...rangeArg(range).ref });
    return this;
  }

  remove(): void {
    const key = findNamed(this.ss, this.name)?.[0];
    if (key !== undefined) this.ss.namedRanges.delete(key);
  }
}

instrument(NamedRangeFake, 'NamedRange', {
  fallback: 'write',
  messageStyle: 'bare',
  access: { getName: 'read', getRange: 'read' },
});

/** Named-range names are case-insensitive. */
export function findNamed(ss: SpreadsheetModel, name: string): [string, GridRef] | undefined {
  const lower = name.toLowerCase();
  for (const entry of ss.namedRanges) if (entry[0].toLowerCase() === lower) return entry;
  return undefined;
}

export class SpreadsheetFake implements Bound {
  constructor(
    readonly exec: Execution,
    readonly ss: SpreadsheetModel,
  ) {}

  _sheet(model: SheetModel): SheetFake {
    return new SheetFake(this.exec, this.ss, model);
  }

  _activeModel(): SheetModel {
    return this.exec.world.activeSheetModel(this.exec.user);
  }

  getId(): string {
    return this.ss.id;
  }

  getName(): string {
    return this.ss.name;
  }

  rename(newName: string): void {
    this.ss.name = String(newName);
  }

  getUrl(): string {
    return this.ss.url;
  }

  getSheets(): SheetFake[] {
    return this.ss.sheets.map((s) => this._sheet(s));
  }

  getNumSheets(): number {
    return this.ss.sheets.length;
  }

  getSheetByName(name: string): SheetFake | null {
    const model = this.ss.sheetByName(String(name));
    return model ? this._sheet(model) : null;
  }

  getSheetById(id: number): SheetFake | null {
    const model = this.ss.sheetById(Number(id));
    return model ? this._sheet(model) : null;
  }

  /**
   * insertSheet() | insertSheet(index) | insertSheet(name) | insertSheet(name, index[, options]) |
   * insertSheet(options). The new sheet becomes the active sheet. `index` is 0-based.
   */
  insertSheet(...args: unknown[]): SheetFake {
    let name: string | undefined;
    let index: number | undefined;
    for (const a of args) {
      if (typeof a === 'string') name = a;
      else if (typeof a === 'number') index = a;
    }
    const model = this.ss.addSheet(name ?? this.ss.nextSheetName(), index);
    this.exec.world.setActiveSheet(this.exec.user, model.id);
    return this._sheet(model);
  }

  deleteSheet(sheet: SheetFake): void {
    if (!(sheet instanceof SheetFake)) throw gasError('Invalid argument: sheet');
    this.ss.removeSheet(sheet.model);
  }

  getActiveSheet(): SheetFake {
    return this._sheet(this._activeModel());
  }

  setActiveSheet(sheet: SheetFake): SheetFake {
    if (!(sheet instanceof SheetFake)) throw gasError('Invalid argument: sheet');
    this.exec.world.setActiveSheet(this.exec.user, sheet.model.id);
    return sheet;
  }

  moveActiveSheet(pos: number): void {
    const model = this._activeModel();
    this.ss.sheets = this.ss.sheets.filter((s) => s !== model);
    this.ss.sheets.splice(pos - 1, 0, model);
  }

  /** `getRange('Sheet!A1:B2')`; without a sheet name the active sheet is used. */
  getRange(a1Notation: string): RangeFake {
    const { sheet } = splitSheetName(String(a1Notation));
    const model = sheet !== undefined ? this.ss.sheetByName(sheet) : this._activeModel();
    if (!model) throw gasError('Range not found');
    return new RangeFake(this.exec, this.ss, a1Ref(model, String(a1Notation)));
  }

  getRangeByName(name: string): RangeFake | null {
    const found = findNamed(this.ss, String(name));
    return found ? new RangeFake(this.exec, this.ss, { ...found[1] }) : null;
  }

  setNamedRange(name: string, range: RangeFake): void {
    checkNamedRangeName(String(name));
    const existing = findNamed(this.ss, String(name));
    if (existing) this.ss.namedRanges.delete(existing[0]);
    this.ss.namedRanges.set(String(name), { ...rangeArg(range).ref });
  }

  getNamedRanges(): NamedRangeFake[] {
    return [...this.ss.namedRanges.keys()].map((n) => new NamedRangeFake(this.exec, this.ss, n));
  }

  removeNamedRange(name: string): void {
    const existing = findNamed(this.ss, String(name));
    if (!existing) throw gasError(`Named range ${name} not found.`);
    this.ss.namedRanges.delete(existing[0]);
  }

  getSpreadsheetTimeZone(): string {
    return this.ss.timeZone;
  }

  setSpreadsheetTimeZone(timezone: string): void {
    if (!isValidTimeZone(String(timezone))) throw gasError(`Invalid argument: timezone`);
    this.ss.timeZone = String(timezone);
  }

  getSpreadsheetLocale(): string {
    return this.ss.locale;
  }

  setSpreadsheetLocale(locale: string): void {
    this.ss.locale = String(locale);
  }

  /** Recorded in `world.ui.toasts`. */
  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    this.exec.world.ui.toasts.push({
      message: String(msg),
      title: title === undefined ? '' : String(title),
      timeoutSeconds: timeoutSeconds ?? 5,
      user: this.exec.user,
      at: this.exec.world.clock.now(),
    });
  }

  getActiveRange(): RangeFake {
    const sel = this.exec.world.selectionOf(this.exec.user);
    if (sel && this.ss.sheetById(sel.sheetId)) return new RangeFake(this.exec, this.ss, { ...sel });
    const model = this._activeModel();
    return new RangeFake(this.exec, this.ss, { sheetId: model.id, row: 1, col: 1, numRows: 1, numCols: 1 });
  }

  /** The top-left cell of the selection. */
  getCurrentCell(): RangeFake {
    const r = this.getActiveRange().ref;
    return new RangeFake(this.exec, this.ss, {
      sheetId: r.sheetId,
      row: r.row,
      col: r.col,
      numRows: 1,
      numCols: 1,
    });
  }

  getActiveCell(): RangeFake {
    return this.getCurrentCell();
  }

  setActiveRange(range: RangeFake): RangeFake {
    return rangeArg(range).activate();
  }

  setActiveSelection(a1OrRange: string | RangeFake): RangeFake {
    const range = typeof a1OrRange === 'string' ? this.getRange(a1OrRange) : rangeArg(a1OrRange);
    return range.activate();
  }

  getLastRow(): number {
    return this._activeModel().lastRow();
  }

  getLastColumn(): number {
    return this._activeModel().lastCol();
  }

  toString(): string {
    return 'Spreadsheet';
  }
}

instrument(SpreadsheetFake, 'Spreadsheet', {
  fallback: 'read',
  messageStyle: 'bare',
  access: Object.fromEntries(
    [
      'rename',
      'insertSheet',
      'deleteSheet',
      'setActiveSheet',
      'moveActiveSheet',
      'setNamedRange',
      'removeNamedRange',
      'setSpreadsheetTimeZone',
      'setSpreadsheetLocale',
      'toast',
      'setActiveRange',
      'setActiveSelection',
    ].map((m) => [m, 'write' as const]),
  ),
});
