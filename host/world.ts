/**
 * World: the backend state shared by every execution (one active spreadsheet, properties,
 * caches, locks, triggers, mail, UI records, logs, the clock and the call log). Test
 * helpers on it (setSheet, sheetValues, cell, select…) never touch the call counters.
 */
import { columnToLetters, parseA1 } from './a1';
import { CacheStore } from './cache';
import { CallLog } from './calls';
import { type FormulaEvaluator, readValue } from './cells';
import { Clock } from './clock';
import type { AuthModeName, Execution, TriggerContext } from './exec';
import { execHolder, LockTable } from './lock';
import type { LogEntry } from './logger';
import { MailStore } from './mail';
import { type Cell, type ChartSpec, type GridRef, type SheetModel, SpreadsheetModel } from './model';
import { PropertyStore } from './properties';
import { TriggerStore } from './script-app';
import { a1Ref } from './sheet';
import { UiRecorder } from './ui';
import { type CellValue, rawContent, userEnteredContent } from './values';
import { findVolatileArguments, type VolatileArgument, volatileArgumentsOf, volatileCells } from './volatile';

export interface WorldOptions {
  /** Start of the world clock (default 2026-01-15T10:00:00Z). */
  now?: Date | number | string;
  /** Spreadsheet time zone (default Europe/London). */
  timeZone?: string;
  /** Script time zone, as in appsscript.json (default Etc/UTC). */
  scriptTimeZone?: string;
  /** Owner of the spreadsheet and default user (default owner@example.com). */
  owner?: string;
  spreadsheetId?: string;
  spreadsheetName?: string;
  /** Name of the first sheet (default Sheet1). */
  firstSheetName?: string;
  /** Mail recipients per user per day (default 100). */
  mailQuota?: number;
  /** Apply add-on trigger limits (default true). */
  addon?: boolean;
  /** Title of the add-on menu (default Sheets Pipeline). */
  addonName?: string;
}

export const DEFAULT_USER = 'owner@example.com';
export const DEFAULT_NOW = '2026-01-15T10:00:00.000Z';

export interface CellInfo extends Omit<Cell, 'value'> {
  value: CellValue;
  formula: string;
}

export class World {
  readonly clock: Clock;
  readonly calls = new CallLog();
  readonly owner: string;
  readonly scriptId = '1FakeScriptIdForTheLocalAppsScriptHost0000000000000000';
  scriptTimeZone: string;
  userLocale = 'en';
  addon: boolean;
  addonName: string;
  readonly documentProperties = new PropertyStore();
  readonly scriptProperties = new PropertyStore();
  readonly documentCache: CacheStore;
  readonly scriptCache: CacheStore;
  readonly locks: LockTable;
  readonly triggers = new TriggerStore();
  readonly mail: MailStore;
  readonly ui = new UiRecorder();
  readonly logs: LogEntry[] = [];
  /** Executions the host ended for running past their time limit (simple triggers: 30 s). */
  readonly timeLimitHits: { execution: number; user: string; trigger: TriggerContext }[] = [];
  /** Edit events dropped because two were already waiting (see edit-queue.ts). */
  readonly droppedEdits: { a1: string; user: string }[] = [];
  /** Print captured logs to stdout as well. */
  echoLogs = false;
  formulaEvaluator: FormulaEvaluator | null = null;

  private readonly ss: SpreadsheetModel;
  private readonly userProps = new Map<string, PropertyStore>();
  private readonly userCaches = new Map<string, CacheStore>();
  private readonly activeSheets = new Map<string, number>();
  private readonly selections = new Map<string, GridRef>();
  private readonly executions = new WeakMap<object, Execution>();
  private readonly executionsById = new Map<number, Execution>();
  private nextExecution = 1;

  constructor(options: WorldOptions = {}) {
    this.clock = new Clock(options.now ?? DEFAULT_NOW);
    this.owner = options.owner ?? DEFAULT_USER;
    this.scriptTimeZone = options.scriptTimeZone ?? 'Etc/UTC';
    this.addon = options.addon ?? true;
    this.addonName = options.addonName ?? 'Sheets Pipeline';
    const now = () => this.clock.now();
    this.documentCache = new CacheStore(now);
    this.scriptCache = new CacheStore(now);
    this.locks = new LockTable(now);
    this.mail = new MailStore(now, () => this.scriptTimeZone);
    this.mail.dailyQuota = options.mailQuota ?? 100;
    this.ss = new SpreadsheetModel(
      options.spreadsheetId ?? '1FakeSpreadsheetId_LocalAppsScriptHost_0000000000',
      options.spreadsheetName ?? 'Sheets Pipeline',
      options.timeZone ?? 'Europe/London',
    );
    this.ss.addSheet(options.firstSheetName ?? 'Sheet1');
  }

  // ---- workbook helpers (uncounted) ----

  /** The active spreadsheet's model. */
  spreadsheet(): SpreadsheetModel {
    return this.ss;
  }

  sheet(name: string): SheetModel | undefined {
    return this.ss.sheetByName(name);
  }

  /** The spreadsheet time zone (also settable via Spreadsheet.setSpreadsheetTimeZone). */
  setTimeZone(timeZone: string): void {
    this.ss.timeZone = timeZone;
  }

  /**
   * Creates or replaces a sheet's contents from a 2-D array with RAW semantics (no parsing;
   * Dates stay Dates; strings starting with `=` become formulas). Formats, rules and charts
   * of an existing sheet are dropped. The sheet grows beyond 1000×26 if the data needs it.
   */
  setSheet(name: string, rows: unknown[][], options: { frozenRows?: number } = {}): SheetModel {
    const sheet = this.ss.sheetByName(name) ?? this.ss.addSheet(name);
    sheet.rows = [];
    sheet.condRules = [];
    sheet.charts = [];
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    sheet.maxRows = Math.max(1000, rows.length);
    sheet.maxCols = Math.max(26, width);
    rows.forEach((row, i) => {
      row.forEach((v, j) => {
        const content = rawContent(v);
        if (content.value !== '' || content.formula !== undefined) sheet.setContent(i + 1, j + 1, content);
      });
    });
    if (options.frozenRows !== undefined) sheet.frozenRows = options.frozenRows;
    return sheet;
  }

  /** Removes a sheet (if present). */
  removeSheet(name: string): void {
    const sheet = this.ss.sheetByName(name);
    if (sheet) this.ss.removeSheet(sheet);
  }

  /** Values of a sheet's data range (A1 to last row/column), as getValues would return them. */
  sheetValues(name: string): CellValue[][] {
    const sheet = this.requireSheet(name);
    const rows = sheet.lastRow();
    const cols = sheet.lastCol();
    const out: CellValue[][] = [];
    for (let r = 1; r <= rows; r++) {
      const line: CellValue[] = [];
      for (let c = 1; c <= cols; c++) line.push(readValue(this, sheet, r, c));
      out.push(line);
    }
    return out;
  }

  /** Formulas of a sheet's data range ('' where none). */
  sheetFormulas(name: string): string[][] {
    const sheet = this.requireSheet(name);
    const out: string[][] = [];
    for (let r = 1; r <= sheet.lastRow(); r++) {
      const line: string[] = [];
      for (let c = 1; c <= sheet.lastCol(); c++) line.push(sheet.cell(r, c)?.formula ?? '');
      out.push(line);
    }
    return out;
  }

  /** Everything stored in one cell: `world.cell('Deals!B2')` or `world.cell('Deals', 'B2')`. */
  cell(sheetOrA1: string, a1?: string): CellInfo {
    const { sheet, row, col } = this.locate(sheetOrA1, a1);
    const cell = sheet.cell(row, col);
    return {
      ...(cell ?? {}),
      value: readValue(this, sheet, row, col),
      formula: cell?.formula ?? '',
    };
  }

  /** The formula of a cell ('' when none). */
  formulaAt(sheetOrA1: string, a1?: string): string {
    return this.cell(sheetOrA1, a1).formula;
  }

  /**
   * Writes one cell directly (uncounted): `world.setCell('Deals!B2', 5)`. RAW by default;
   * `'user'` parses like typing. `{ formula, value }` stores a formula with a cached value
   * (what reads return while no evaluator is installed).
   */
  setCell(a1: string, value: unknown, mode: 'raw' | 'user' = 'raw'): void {
    const { sheet, row, col } = this.locate(a1);
    if (typeof value === 'object' && value !== null && 'formula' in value) {
      const v = value as { formula: unknown; value?: unknown };
      sheet.setContent(row, col, { value: rawContent(v.value).value, formula: String(v.formula) });
      return;
    }
    sheet.setContent(
      row,
      col,
      mode === 'user' ? userEnteredContent(value, this.ss.timeZone) : rawContent(value),
    );
  }

  /**
   * Custom-function arguments Sheets refuses (host/volatile.ts: a volatile built-in such as
   * TODAY() in the argument, or in a formula cell it refers to, at any depth), found in the whole
   * spreadsheet now. Uncounted; `[]` when every `PIPELINE_*` call is deterministic.
   */
  volatileArguments(): VolatileArgument[] {
    return findVolatileArguments(this.ss);
  }

  /**
   * The same, recorded as scripts write them: each `setValue(s)` / `setFormula(s)` that stores a
   * `PIPELINE_*` formula is checked against the spreadsheet as it is right after the write.
   */
  readonly volatileWrites: VolatileArgument[] = [];

  /** Called by the Range fake after a write: checks the written custom-function formulas. */
  noteFormulaWrites(
    sheet: SheetModel,
    cells: readonly { row: number; col: number; formula: string }[],
  ): void {
    const custom = cells.filter((c) => /PIPELINE_/i.test(c.formula));
    if (custom.length === 0) return;
    const volatile = volatileCells(this.ss);
    for (const c of custom) {
      const at = `${sheet.name}!${columnToLetters(c.col)}${c.row}`;
      this.volatileWrites.push(...volatileArgumentsOf(c.formula, this.ss, sheet, volatile, at));
    }
  }

  /** Installs (or removes with null) a formula evaluator: formula cells are computed on read. */
  setFormulaEvaluator(fn: FormulaEvaluator | null): void {
    this.formulaEvaluator = fn;
  }

  /** A1 (`Sheet!A1:B2`) of a named range, or null. */
  namedRange(name: string): { sheet: string; ref: GridRef } | null {
    const lower = name.toLowerCase();
    for (const [n, ref] of this.ss.namedRanges) {
      if (n.toLowerCase() === lower) return { sheet: this.ss.sheetOf(ref).name, ref: { ...ref } };
    }
    return null;
  }

  /** Copies of a sheet's charts. */
  charts(sheetName: string): ChartSpec[] {
    return this.requireSheet(sheetName).charts.map((c) => structuredClone(c));
  }

  // ---- selection (per user) ----

  /** Sets what a user has selected, e.g. `world.select('ana@example.com', 'Deals!A5')`. */
  select(user: string, a1: string): void {
    const p = parseA1(a1);
    const sheet = p.sheet !== undefined ? this.requireSheet(p.sheet) : this.activeSheetModel(user);
    const ref = a1Ref(sheet, a1);
    this.activeSheets.set(user, sheet.id);
    this.selections.set(user, ref);
  }

  setSelection(user: string, ref: GridRef): void {
    this.activeSheets.set(user, ref.sheetId);
    this.selections.set(user, { ...ref });
  }

  selectionOf(user: string): GridRef | undefined {
    const sel = this.selections.get(user);
    return sel && this.activeSheets.get(user) === sel.sheetId ? { ...sel } : undefined;
  }

  setActiveSheet(user: string, sheetId: number): void {
    this.activeSheets.set(user, sheetId);
  }

  /** The user's active sheet (default: the first sheet). */
  activeSheetModel(user: string): SheetModel {
    const id = this.activeSheets.get(user);
    const sheet = id !== undefined ? this.ss.sheetById(id) : undefined;
    const first = this.ss.sheets[0];
    if (!sheet && !first) throw new Error('The spreadsheet has no sheets.');
    return (sheet ?? first) as SheetModel;
  }

  // ---- per-user stores ----

  userProperties(user: string): PropertyStore {
    let store = this.userProps.get(user);
    if (!store) {
      store = new PropertyStore();
      this.userProps.set(user, store);
    }
    return store;
  }

  userCache(user: string): CacheStore {
    let store = this.userCaches.get(user);
    if (!store) {
      store = new CacheStore(() => this.clock.now());
      this.userCaches.set(user, store);
    }
    return store;
  }

  // ---- executions ----

  /** Internal: registers a new execution (createGlobals calls this). */
  newExecution(opts: {
    user: string;
    authMode: AuthModeName;
    trigger: TriggerContext;
    htmlFiles?: Record<string, string> | string;
    inDocument?: boolean;
  }): Execution {
    const exec: Execution = {
      id: this.nextExecution++,
      world: this,
      ended: false,
      startedAt: this.clock.now(),
      ...opts,
    };
    this.executionsById.set(exec.id, exec);
    return exec;
  }

  /**
   * Ends execution `id` abruptly, as Apps Script does at a time limit: every later call it makes
   * throws `Exceeded maximum execution time` (a hook can use it to kill a run mid-way).
   */
  stopExecution(id: number): void {
    const exec = this.executionsById.get(id);
    if (exec) exec.timedOut = true;
  }

  /** Internal: links a globals object to its execution. */
  bind(globals: object, exec: Execution): void {
    this.executions.set(globals, exec);
    exec.globals = globals;
  }

  /** The execution behind a globals object / loaded context. */
  executionOf(globals: object): Execution | undefined {
    return this.executions.get(globals);
  }

  /** Ends an execution: releases every lock it still holds (as Apps Script does at script end). */
  endExecution(globals: object): void {
    const exec = this.executions.get(globals);
    if (!exec) return;
    this.locks.releaseAllOf(execHolder(exec));
    exec.ended = true;
  }

  // ---- internals ----

  private requireSheet(name: string): SheetModel {
    const sheet = this.ss.sheetByName(name);
    if (!sheet) throw new Error(`No sheet named "${name}"`);
    return sheet;
  }

  private locate(sheetOrA1: string, a1?: string): { sheet: SheetModel; row: number; col: number } {
    const text = a1 === undefined ? sheetOrA1 : `'${sheetOrA1.replace(/'/g, "''")}'!${a1}`;
    const p = parseA1(text);
    const sheet = p.sheet !== undefined ? this.requireSheet(p.sheet) : (this.ss.sheets[0] as SheetModel);
    if (p.startRow === undefined || p.startCol === undefined) throw new Error(`Not a cell: ${text}`);
    return { sheet, row: p.startRow, col: p.startCol };
  }
}
