/**
 * The formula engine behind the playground's workbook: a HyperFormula instance kept in sync with
 * the host World's sheets. Formula cells are evaluated by HyperFormula (Sheets' common functions)
 * and every `PIPELINE_*` function is a HyperFormula custom function that calls the BUILT
 * dist/Code.js in an execution with AuthMode CUSTOM_FUNCTION, with the arguments as Sheets passes
 * them: ranges as 2-D arrays, Dates for date cells, '' for blanks.
 *
 * HyperFormula (GPL-3.0) is a dev tool here: it never goes into Code.js.
 *
 *   const bridge = new FormulaBridge(world, { distDir: 'dist' });   // installs world's evaluator
 *   world.setCell('Sheet1!A1', '=PIPELINE_COUNT(DEALS)');
 *   bridge.sync();                                                   // push changes, recalculate
 *   bridge.cellValue('Sheet1', 1, 1);                                // → 42
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ArraySize,
  CellError,
  CellValueDetailedType,
  DetailedCellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  type FunctionPluginDefinition,
  HyperFormula,
  type ImplementedFunctions,
  SimpleRangeValue,
} from 'hyperformula';
import {
  type CellValue,
  callFunction,
  type GridRef,
  isDate,
  LOADING,
  loadCode,
  type SheetModel,
  volatileArgumentsOf,
  volatileCells,
  type World,
  zonedParts,
  zonedTimeToUtc,
} from '../host';

type Globals = ReturnType<typeof loadCode>;
type ProcedureAst = { procedureName: string; args: unknown[] };
type State = { formulaAddress: { sheet: number; row: number; col: number } };
type RangeLike = {
  range?: { sheet: number; start: { row: number; col: number }; end: { row: number; col: number } };
  data: unknown[][];
  width(): number;
  height(): number;
};

const DAY = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

/** A Date as the serial number Sheets stores: days since 1899-12-30 in the spreadsheet's wall time. */
export function dateToSerial(date: Date, timeZone: string): number {
  const p = zonedParts(date.getTime(), timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return (wall - EPOCH) / DAY;
}

/** The Date a serial number means in the spreadsheet's time zone. */
export function serialToDate(serial: number, timeZone: string): Date {
  const w = new Date(EPOCH + Math.round(serial * DAY));
  return new Date(
    zonedTimeToUtc(
      w.getUTCFullYear(),
      w.getUTCMonth() + 1,
      w.getUTCDate(),
      w.getUTCHours(),
      w.getUTCMinutes(),
      w.getUTCSeconds(),
      timeZone,
    ),
  );
}

/** True for a Sheets number format that shows a date (`yyyy-mm-dd`, `d mmm`, …). */
export function isDateFormat(format: string | undefined): boolean {
  return format !== undefined && /[yd]|h+:m|m+:s/i.test(format.replace(/"[^"]*"/g, ''));
}

/** A cell's value after evaluation, as the page shows it: an error carries Sheets' code and a message. */
export type Evaluated = CellValue | { error: string; message: string };

/** `PIPELINE_*` functions of the built Code.js and how many parameters each declares. */
export function pipelineFunctions(distDir: string): Map<string, number> {
  const code = readFileSync(path.join(distDir, 'Code.js'), 'utf8');
  const found = new Map<string, number>();
  for (const m of code.matchAll(/^function (PIPELINE_[A-Z_]+)\(([^)]*)\)/gm)) {
    const params = (m[2] ?? '').split(',').filter((p) => p.trim() !== '');
    found.set(m[1] as string, params.length);
  }
  if (found.size === 0) throw new Error(`${distDir}/Code.js has no PIPELINE_* functions: run npm run build`);
  return found;
}

/** The bridge running the current HyperFormula operation (HyperFormula's plugins are global classes). */
let active: FormulaBridge | null = null;

/** HyperFormula's protected `runFunction` (argument coercion, errors, arrays) for a plugin method. */
function runFunction(
  plugin: FunctionPlugin,
  ast: ProcedureAst,
  state: State,
  name: string,
  fn: (...args: unknown[]) => unknown,
): unknown {
  // biome-ignore lint/suspicious/noExplicitAny: HyperFormula's protected members are typed with any.
  const p = plugin as any;
  return p.runFunction(ast.args, state, p.metadata(name), fn);
}

class PipelinePlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {};

  pipeline(ast: ProcedureAst, state: State): unknown {
    const name = ast.procedureName;
    const bridge = active;
    if (!bridge) return new CellError(ErrorType.ERROR, 'The playground formula engine is not running.');
    // A volatile argument (TODAY(), NOW(), RAND()…, or a cell computed from one): Sheets never
    // runs the function and the cell shows "Loading..." for ever (host/volatile.ts).
    if (bridge.hasVolatileArgument(state.formulaAddress)) {
      bridge.noteLoading(state.formulaAddress);
      return LOADING;
    }
    return runFunction(this, ast, state, name, (...args: unknown[]) =>
      bridge.runCustomFunction(name, args, state.formulaAddress),
    );
  }

  pipelineSize(_ast: ProcedureAst, state: State): ArraySize {
    const known = active?.predictedSize(state.formulaAddress);
    return known ? new ArraySize(known.width, known.height) : ArraySize.scalar();
  }
}

/**
 * TODAY() and NOW() on the playground's clock (the World's), in the spreadsheet's time zone.
 * HyperFormula has no clock option (its ConfigParams hold none; DateTimePlugin's today/now read
 * `Date.now()` in the process's local zone), but a plugin registered for a built-in's name
 * replaces it (FunctionRegistry keeps one plugin per function id). Volatile, like the built-ins.
 */
class PlaygroundClockPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    TODAY: {
      method: 'today',
      parameters: [],
      isVolatile: true,
      returnNumberType: CellValueDetailedType.NUMBER_DATE,
    },
    NOW: {
      method: 'now',
      parameters: [],
      isVolatile: true,
      returnNumberType: CellValueDetailedType.NUMBER_DATETIME,
    },
  };

  today(ast: ProcedureAst, state: State): unknown {
    return this.clock(ast, state, 'TODAY', (serial) => Math.floor(serial));
  }

  now(ast: ProcedureAst, state: State): unknown {
    return this.clock(ast, state, 'NOW', (serial) => serial);
  }

  private clock(ast: ProcedureAst, state: State, name: string, shape: (serial: number) => number): unknown {
    return runFunction(this, ast, state, name, () => {
      const bridge = active;
      const ms = bridge ? bridge.world.clock.now() : Date.now();
      return shape(dateToSerial(new Date(ms), bridge ? bridge.timeZone : 'Etc/UTC'));
    });
  }
}

let clockRegistered = false;

function registerClock(): void {
  if (clockRegistered) return;
  HyperFormula.registerFunctionPlugin(PlaygroundClockPlugin as unknown as FunctionPluginDefinition);
  clockRegistered = true;
}

let registered = '';

function registerPlugin(functions: Map<string, number>): void {
  const key = [...functions.entries()].map(([n, c]) => `${n}/${c}`).join(',');
  if (registered === key) return;
  if (registered) HyperFormula.unregisterFunctionPlugin(PipelinePlugin);
  const implemented: ImplementedFunctions = {};
  const translations: Record<string, string> = {};
  for (const [name, count] of functions) {
    implemented[name] = {
      method: 'pipeline',
      sizeOfResultArrayMethod: 'pipelineSize',
      vectorizationForbidden: true,
      parameters: Array.from({ length: Math.max(count, 1) }, () => ({
        argumentType: FunctionArgumentType.ANY,
        optionalArg: true,
        passSubtype: true,
      })),
    };
    translations[name] = name;
  }
  PipelinePlugin.implementedFunctions = implemented;
  HyperFormula.registerFunctionPlugin(PipelinePlugin as unknown as FunctionPluginDefinition, {
    enGB: translations,
    enUS: translations,
  });
  registered = key;
}

function isRange(v: unknown): v is RangeLike {
  return v instanceof SimpleRangeValue;
}

function richType(v: unknown): string | null {
  if (typeof v === 'object' && v !== null && 'getDetailedType' in v && 'val' in v) {
    return String((v as { getDetailedType(): string }).getDetailedType());
  }
  return null;
}

/** Signature of a stored cell, to find what changed since the last sync. */
function signature(sheet: SheetModel, row: number, col: number): string {
  const cell = sheet.cell(row, col);
  if (!cell) return '';
  if (cell.formula !== undefined) return `f${cell.formula}`;
  const v = cell.value;
  if (v === '') return '';
  if (isDate(v)) return `d${v.getTime()}`;
  return `${typeof v}${String(v)}`;
}

export interface BridgeOptions {
  /** Folder with the built Code.js (default dist/). */
  distDir?: string;
}

/** A spilled table's size, per formula cell. */
interface Size {
  width: number;
  height: number;
}

export class FormulaBridge {
  readonly hf: HyperFormula;
  readonly distDir: string;
  /** Custom-function calls made to Code.js (for tests and the page's status line). */
  customCalls = 0;
  private synced = new Map<number, Map<string, string>>();
  private readonly hfIds = new Map<number, number>();
  private readonly named = new Map<string, string>();
  private readonly sizes = new Map<string, Size>();
  private readonly resized = new Set<string>();
  private ctx: Globals | null = null;
  private evaluating = 0;
  /** The World's volatile formula cells, worked out on first need after each sync. */
  private volatile: ReturnType<typeof volatileCells> | null = null;

  constructor(
    readonly world: World,
    options: BridgeOptions = {},
  ) {
    this.distDir = options.distDir ?? path.resolve('dist');
    registerPlugin(pipelineFunctions(this.distDir));
    registerClock();
    this.hf = HyperFormula.buildEmpty({
      licenseKey: 'gpl-v3',
      // Sheets' conventions: 1899-12-30 epoch, TRUE/FALSE, no 1900 leap-year bug.
      nullDate: { year: 1899, month: 12, day: 30 },
      leapYear1900: false,
      useArrayArithmetic: true,
      maxRows: 100_000,
      maxColumns: 500,
      smartRounding: true,
    });
    world.setFormulaEvaluator((sheet, row, col) => this.evaluatorValue(sheet, row, col));
    this.sync();
  }

  /** The spreadsheet time zone. */
  get timeZone(): string {
    return this.world.spreadsheet().timeZone;
  }

  /**
   * Pushes every change of the World (sheets, cells, named ranges) into HyperFormula, which
   * recalculates the formulas that depend on them. Returns true when anything changed.
   */
  sync(): boolean {
    let changed = false;
    this.volatile = null;
    this.withEngine(() => {
      this.hf.batch(() => {
        changed = this.syncSheets() || changed;
        changed = this.syncNamedRanges() || changed;
        changed = this.syncCells() || changed;
      });
      changed = this.settleSpills() || changed;
    });
    return changed;
  }

  /** Recalculates every formula (as Sheets does when the spreadsheet is reopened). */
  recalculateAll(): void {
    this.volatile = null;
    // Not hf.rebuildAndRecalculate(): it rebuilds from the serialized sheets, where the cells a
    // table spilled into hold its values as constants, so the table finds no room (#REF!).
    // Re-entering every formula recalculates it and frees its spill area first.
    this.withEngine(() => {
      this.hf.batch(() => {
        for (const id of this.hfIds.values()) {
          this.hf.getSheetFormulas(id).forEach((line, row) => {
            line.forEach((formula, col) => {
              if (formula === undefined) return;
              this.hf.setCellContents({ sheet: id, row, col }, [[null]]);
              this.hf.setCellContents({ sheet: id, row, col }, [[formula]]);
            });
          });
        }
      });
      this.settleSpills();
    });
  }

  /** A cell's evaluated value (formulas and spilled tables included); dates as Dates. */
  cellValue(sheetName: string, row: number, col: number): Evaluated {
    const model = this.world.sheet(sheetName);
    if (!model) return '';
    const id = this.hfIds.get(model.id);
    const cell = model.cell(row, col);
    if (id === undefined) return cell?.formula === undefined ? (cell?.value ?? '') : '';
    if (cell && cell.formula === undefined && cell.value !== '') return cell.value;
    let v: unknown;
    try {
      v = this.hf.getCellValue({ sheet: id, row: row - 1, col: col - 1 });
    } catch {
      return '';
    }
    if (v instanceof DetailedCellError) return { error: sheetsErrorCode(v.value), message: v.message ?? '' };
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') {
      const fmt = cell?.numberFormat;
      const type = this.hf.getCellValueDetailedType({ sheet: id, row: row - 1, col: col - 1 });
      if (
        isDateFormat(fmt) ||
        (fmt === undefined && (type === 'NUMBER_DATE' || type === 'NUMBER_DATETIME'))
      ) {
        return serialToDate(v, this.timeZone);
      }
      return v;
    }
    return v as CellValue;
  }

  /** Evaluates a formula on a sheet without storing it (conditional-format rules); null on error. */
  calculate(formula: string, sheetName: string): unknown {
    const model = this.world.sheet(sheetName);
    const id = model ? this.hfIds.get(model.id) : undefined;
    if (id === undefined) return null;
    try {
      const v = this.withEngine(() => this.hf.calculateFormula(formula, id));
      return v instanceof DetailedCellError ? null : v;
    } catch {
      return null;
    }
  }

  /** How far a sheet's content reaches once spilled tables are counted: [rows, columns]. */
  extent(sheetName: string): [number, number] {
    const model = this.world.sheet(sheetName);
    if (!model) return [0, 0];
    const id = this.hfIds.get(model.id);
    const dims = id === undefined ? { height: 0, width: 0 } : this.hf.getSheetDimensions(id);
    return [Math.max(model.lastRow(), dims.height), Math.max(model.lastCol(), dims.width)];
  }

  /** Predicted size of a table a formula cell spills (learned from its last result). */
  predictedSize(address: { sheet: number; row: number; col: number }): Size | undefined {
    return this.sizes.get(`${address.sheet}:${address.row}:${address.col}`);
  }

  /**
   * Does the custom-function formula at a HyperFormula address get a volatile argument
   * (host/volatile.ts)? The volatile cells are worked out once per sync.
   */
  hasVolatileArgument(at: { sheet: number; row: number; col: number }): boolean {
    const model = this.modelOfHf(at.sheet);
    const formula = model?.cell(at.row + 1, at.col + 1)?.formula;
    if (!model || formula === undefined) return false;
    const ss = this.world.spreadsheet();
    if (!this.volatile) this.volatile = volatileCells(ss);
    return volatileArgumentsOf(formula, ss, model, this.volatile).length > 0;
  }

  /** A cell left on "Loading...": one cell, no spill. */
  noteLoading(at: { sheet: number; row: number; col: number }): void {
    this.noteSize(at, { width: 1, height: 1 });
  }

  /** Called by the plugin: one PIPELINE_* call, run by the built Code.js. */
  runCustomFunction(
    name: string,
    hfArgs: unknown[],
    at: { sheet: number; row: number; col: number },
  ): unknown {
    let args: unknown[];
    try {
      args = hfArgs.map((a) => this.toScriptValue(a));
    } catch (error) {
      return new CellError(ErrorType.ERROR, String((error as Error).message ?? error));
    }
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    let result: unknown;
    try {
      this.customCalls++;
      result = this.world.calls.mute(() => callFunction(this.scriptContext(), name, ...args));
    } catch (error) {
      const e = error as { message?: unknown };
      this.noteSize(at, { width: 1, height: 1 });
      return new CellError(ErrorType.ERROR, String(e?.message ?? error));
    }
    if (Array.isArray(result)) {
      const rows = result.map((r) => (Array.isArray(r) ? r : [r]));
      const width = rows.reduce((w, r) => Math.max(w, r.length), 1);
      const height = Math.max(rows.length, 1);
      // HyperFormula sizes a spill when the formula is entered: answer at that size now, and
      // let settleSpills() re-enter the formula when the table's size changed.
      const size = this.predictedSize(at) ?? { width: 1, height: 1 };
      this.noteSize(at, { width, height });
      if (size.width === 1 && size.height === 1) return this.fromScriptValue(rows[0]?.[0]);
      const data = Array.from({ length: size.height }, (_, i) =>
        Array.from({ length: size.width }, (_, j) => this.fromScriptValue(rows[i]?.[j] ?? '')),
      );
      return SimpleRangeValue.onlyValues(data as never);
    }
    this.noteSize(at, { width: 1, height: 1 });
    return this.fromScriptValue(result);
  }

  // ---- internals ----

  private withEngine<T>(run: () => T): T {
    const previous = active;
    active = this;
    this.evaluating++;
    try {
      return run();
    } finally {
      this.evaluating--;
      active = previous;
      if (this.evaluating === 0 && this.ctx) {
        this.world.endExecution(this.ctx);
        this.ctx = null;
      }
    }
  }

  /** One CUSTOM_FUNCTION execution of Code.js per recalculation. */
  private scriptContext(): Globals {
    if (!this.ctx) {
      this.ctx = this.world.calls.mute(() =>
        loadCode(this.world, { dir: this.distDir, authMode: 'CUSTOM_FUNCTION' }),
      );
    }
    return this.ctx;
  }

  private noteSize(at: { sheet: number; row: number; col: number }, size: Size): void {
    const key = `${at.sheet}:${at.row}:${at.col}`;
    const before = this.sizes.get(key) ?? { width: 1, height: 1 };
    if (before.width !== size.width || before.height !== size.height) {
      this.sizes.set(key, size);
      this.resized.add(key);
    }
  }

  /** Re-enters formulas whose table changed size so HyperFormula spills them at their new size. */
  private settleSpills(): boolean {
    let changed = false;
    for (let pass = 0; pass < 3 && this.resized.size > 0; pass++) {
      const keys = [...this.resized];
      this.resized.clear();
      this.hf.batch(() => {
        for (const key of keys) {
          const [sheet, row, col] = key.split(':').map(Number) as [number, number, number];
          const formula = this.hf.getCellFormula({ sheet, row, col });
          if (formula === undefined) continue;
          this.hf.setCellContents({ sheet, row, col }, [[null]]);
          this.hf.setCellContents({ sheet, row, col }, [[formula]]);
          changed = true;
        }
      });
    }
    return changed;
  }

  /** HyperFormula's value → what Sheets hands a custom function. */
  private toScriptValue(v: unknown): unknown {
    if (v === undefined) return undefined;
    if (isRange(v)) return this.rangeToScript(v);
    return this.scalarToScript(v);
  }

  private scalarToScript(v: unknown): unknown {
    if (v === EmptyValue || v === null) return '';
    if (v instanceof CellError) throw new Error(`${ERROR_CODES[v.type] ?? '#ERROR!'} in an argument`);
    const rich = richType(v);
    if (rich !== null) {
      const n = (v as { val: number }).val;
      return rich === 'NUMBER_DATE' || rich === 'NUMBER_DATETIME' ? serialToDate(n, this.timeZone) : n;
    }
    return v;
  }

  /** A range as Sheets passes it: every cell of the rectangle; stored values as they are (Dates stay Dates). */
  private rangeToScript(v: RangeLike): unknown[][] {
    const r = v.range;
    if (!r) return v.data.map((row) => row.map((x) => this.scalarToScript(x)));
    const model = this.modelOfHf(r.sheet);
    const top = r.start.row + 1;
    const left = r.start.col + 1;
    const bottom = Number.isFinite(r.end.row) ? r.end.row + 1 : (model?.maxRows ?? top + v.height() - 1);
    const right = Number.isFinite(r.end.col) ? r.end.col + 1 : (model?.maxCols ?? left + v.width() - 1);
    const out: unknown[][] = [];
    for (let row = top; row <= bottom; row++) {
      const line: unknown[] = [];
      for (let col = left; col <= right; col++) {
        const cell = model?.cell(row, col);
        if (cell && cell.formula === undefined && cell.value !== '')
          line.push(isDate(cell.value) ? new Date(cell.value) : cell.value);
        else {
          const x = v.data[row - top]?.[col - left];
          let value: unknown =
            x === undefined ? '' : x instanceof CellError ? (ERROR_CODES[x.type] ?? '#ERROR!') : x;
          value = this.scalarToScript(value);
          if (typeof value === 'number' && cell && isDateFormat(cell.numberFormat)) {
            value = serialToDate(value, this.timeZone);
          }
          line.push(value);
        }
      }
      out.push(line);
    }
    return out;
  }

  /** What Code.js returned → a HyperFormula value. */
  private fromScriptValue(v: unknown): unknown {
    if (v === null || v === undefined) return EmptyValue;
    if (typeof v === 'number') return Number.isFinite(v) ? v : new CellError(ErrorType.NUM);
    if (typeof v === 'string' || typeof v === 'boolean') return v;
    if (isDate(v)) return dateToSerial(v, this.timeZone);
    return String(v);
  }

  private modelOfHf(hfId: number): SheetModel | undefined {
    for (const [worldId, id] of this.hfIds) {
      if (id === hfId) return this.world.spreadsheet().sheetById(worldId);
    }
    return undefined;
  }

  /** The host's formula evaluator: what a script reading a formula cell gets. */
  private evaluatorValue(sheetName: string, row: number, col: number): unknown {
    const v = this.cellValue(sheetName, row, col);
    if (typeof v === 'object' && !isDate(v)) return v.error;
    return v;
  }

  private syncSheets(): boolean {
    let changed = false;
    const sheets = this.world.spreadsheet().sheets;
    const live = new Set(sheets.map((s) => s.id));
    for (const [worldId, hfId] of [...this.hfIds]) {
      if (!live.has(worldId)) {
        this.hf.removeSheet(hfId);
        this.hfIds.delete(worldId);
        this.synced.delete(worldId);
        changed = true;
      }
    }
    for (const sheet of sheets) {
      const hfId = this.hfIds.get(sheet.id);
      if (hfId === undefined) {
        const name = this.hf.addSheet(sheet.name);
        this.hfIds.set(sheet.id, this.hf.getSheetId(name) as number);
        this.synced.set(sheet.id, new Map());
        changed = true;
      } else if (this.hf.getSheetName(hfId) !== sheet.name) {
        this.hf.renameSheet(hfId, sheet.name);
        changed = true;
      }
    }
    return changed;
  }

  private syncNamedRanges(): boolean {
    let changed = false;
    const ss = this.world.spreadsheet();
    const seen = new Set<string>();
    for (const [name, ref] of ss.namedRanges) {
      const upper = name.toUpperCase();
      seen.add(upper);
      const expression = `=${refToHf(ss.sheetOf(ref), ref)}`;
      if (this.named.get(upper) === expression) continue;
      if (this.named.has(upper)) this.hf.changeNamedExpression(name, expression);
      else this.hf.addNamedExpression(name, expression);
      this.named.set(upper, expression);
      changed = true;
    }
    for (const upper of [...this.named.keys()]) {
      if (!seen.has(upper)) {
        this.hf.removeNamedExpression(upper);
        this.named.delete(upper);
        changed = true;
      }
    }
    return changed;
  }

  private syncCells(): boolean {
    let changed = false;
    for (const sheet of this.world.spreadsheet().sheets) {
      const hfId = this.hfIds.get(sheet.id) as number;
      const seen = this.synced.get(sheet.id) as Map<string, string>;
      const now = new Map<string, string>();
      sheet.rows.forEach((line, r) => {
        line?.forEach((_, c) => {
          const sig = signature(sheet, r + 1, c + 1);
          if (sig !== '') now.set(`${r}:${c}`, sig);
        });
      });
      const updates: string[] = [];
      for (const [key, sig] of now) if (seen.get(key) !== sig) updates.push(key);
      const removed = [...seen.keys()].filter((key) => !now.has(key));
      if (updates.length === 0 && removed.length === 0) continue;
      changed = true;
      if (updates.length + removed.length > 200) {
        // Many changes (a new or reloaded sheet): one bulk write is far faster than cell by cell.
        const rows = sheet.lastRow();
        const cols = sheet.lastCol();
        const data = Array.from({ length: rows }, (_, r) =>
          Array.from({ length: cols }, (_, c) => this.content(sheet, r + 1, c + 1)),
        );
        this.hf.setSheetContent(hfId, data);
      } else {
        for (const key of updates) {
          const [r, c] = key.split(':').map(Number) as [number, number];
          this.hf.setCellContents({ sheet: hfId, row: r, col: c }, [[this.content(sheet, r + 1, c + 1)]]);
        }
        for (const key of removed) {
          const [r, c] = key.split(':').map(Number) as [number, number];
          this.hf.setCellContents({ sheet: hfId, row: r, col: c }, [[null]]);
        }
      }
      this.synced.set(sheet.id, now);
    }
    return changed;
  }

  /**
   * A World cell as HyperFormula content: formulas as written, text always text, Dates as dates.
   * HyperFormula reads a JS Date through its local-time getters (CellContentParser) and keeps it
   * typed as a date, so a date cell handed to a custom function on its own (`=PIPELINE_X(DEALS,
   * B2)`) reaches Code.js as a Date, as in Sheets, not as a bare serial number. So it is given a
   * Date whose local fields are the spreadsheet's wall time.
   */
  private content(sheet: SheetModel, row: number, col: number): string | number | boolean | Date | null {
    const cell = sheet.cell(row, col);
    if (!cell) return null;
    if (cell.formula !== undefined) return cell.formula;
    const v = cell.value;
    if (v === '') return null;
    if (isDate(v)) {
      const p = zonedParts(v.getTime(), this.timeZone);
      return new Date(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    }
    if (typeof v === 'string') return `'${v}`;
    return v;
  }
}

const ERROR_CODES: Record<string, string> = {
  DIV_BY_ZERO: '#DIV/0!',
  NA: '#N/A',
  NAME: '#NAME?',
  NUM: '#NUM!',
  REF: '#REF!',
  VALUE: '#VALUE!',
  CYCLE: '#REF!',
  ERROR: '#ERROR!',
  SPILL: '#REF!',
  LIC: '#ERROR!',
};

/** The Sheets error code for a HyperFormula error value (`#CYCLE!` and `#SPILL!` read as Sheets' `#REF!`). */
export function sheetsErrorCode(hfError: string): string {
  if (hfError === '#CYCLE!' || hfError === '#SPILL!') return '#REF!';
  if (hfError === '#LIC!') return '#ERROR!';
  return hfError;
}

function quoteName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function letters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A named range's GridRef as an absolute HyperFormula reference. */
function refToHf(sheet: SheetModel, ref: GridRef): string {
  const first = letters(ref.col);
  const last = letters(ref.col + ref.numCols - 1);
  if (ref.openRows && ref.row === 1) return `${quoteName(sheet.name)}!$${first}:$${last}`;
  const bottom = ref.openRows ? sheet.maxRows : ref.row + ref.numRows - 1;
  return `${quoteName(sheet.name)}!$${first}$${ref.row}:$${last}$${bottom}`;
}
