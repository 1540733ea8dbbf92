/**
 * The playground itself, without HTTP: one host World holding the workbook, the formula engine
 * kept in sync with it, and the actions a user takes in the page — each one runs the BUILT
 * dist/Code.js as Apps Script would (menu items as full executions, `onEdit` as a simple trigger
 * with the event Sheets passes, google.script.run calls from the sidebar and dialogs, the daily
 * time-driven trigger) and then lets the formulas recalculate.
 */
import path from 'node:path';
import {
  type CellValue,
  callFunction,
  cellA1,
  displayValue,
  type EditEvent,
  type Globals,
  type GridRef,
  isDate,
  loadCode,
  type MenuItemRecord,
  makeEditEvent,
  makeOpenEvent,
  makeTimeEvent,
  parseA1,
  runTrigger,
  type SheetModel,
  typeInto,
  World,
} from '../host';
import { assertTransferable } from '../test/browser/harness';
import { anchorOf, type ChartCell, type ChartView, chartTable } from './charts';
import { type Evaluated, FormulaBridge, sheetsErrorCode } from './formulas';
import { decodeDemo, loadIntoWorld, readDemo, type WorkbookData } from './workbook';

export const DEFAULT_USER = 'ana@example.com';
export const MANAGER = 'manager@example.com';

export interface PlaygroundOptions {
  /** The workbook to load (default: the shipped demo). */
  data?: WorkbookData;
  /** Where the clock starts (default: the demo's today at 09:00 in its time zone). */
  now?: Date | string;
  timeZone?: string;
  user?: string;
  distDir?: string;
  /** Turn the daily alerts on at start, as a user would in Alert settings (default true). */
  alerts?: boolean;
}

export interface Notice {
  id: number;
  kind: 'alert' | 'prompt' | 'toast' | 'error' | 'info';
  title: string;
  message: string;
}

export interface MenuView {
  caption: string;
  functionName?: string;
  separator?: boolean;
  items?: MenuView[];
}

/** One cell as the page draws it. */
export interface CellView {
  /** Displayed text. */
  t: string;
  /** Error message (the cell shows `t`, e.g. `#ERROR!`, and this on hover). */
  e?: string;
  /** The formula, if any. */
  f?: string;
  /** Right-aligned (numbers and dates). */
  r?: 1;
  b?: 1;
  bg?: string;
  fc?: string;
  /** A Stage drop-down (data validation) sits here. */
  dd?: string[];
}

export interface SheetView {
  name: string;
  rows: number;
  cols: number;
  frozenRows: number;
  cells: (CellView | null)[][];
  /** The sheet's embedded charts, with the evaluated cells they show. */
  charts: ChartView[];
}

export interface PageState {
  version: number;
  now: string;
  today: string;
  user: string;
  sheets: string[];
  menu: { title: string; items: MenuView[] } | null;
  outbox: { to: string; cc: string; subject: string; body: string; html: string; at: string }[];
  notices: Notice[];
  sidebar: { open: boolean; title: string; version: number };
  dialog: {
    open: boolean;
    title: string;
    version: number;
    width: number;
    height: number;
    /** showModelessDialog (the board): drawn beside the grid, which stays usable. */
    modeless: boolean;
  };
  alertsOn: boolean;
}

export class Playground {
  readonly world: World;
  readonly bridge: FormulaBridge;
  readonly distDir: string;
  user: string;
  /** Bumped whenever something the page shows may have changed. */
  version = 1;
  readonly notices: Notice[] = [];
  private nextNotice = 1;
  private uiSeen = { shown: 0, dialogs: 0, toasts: 0 };
  private mailSeen = 0;
  private sidebarVersion = 0;
  private dialogVersion = 0;
  private sidebarOpen = false;
  private dialogOpen = false;

  constructor(options: PlaygroundOptions = {}) {
    const demo = options.data ? null : readDemo();
    const timeZone = options.timeZone ?? demo?.timeZone ?? 'Etc/UTC';
    this.user = options.user ?? DEFAULT_USER;
    this.distDir = options.distDir ?? path.resolve('dist');
    const now = options.now ?? (demo ? `${demo.today}T09:00:00Z` : new Date());
    this.world = new World({ now, timeZone, owner: this.user, spreadsheetName: 'Pipeline playground' });
    loadIntoWorld(this.world, options.data ?? decodeDemo(demo as NonNullable<typeof demo>));
    this.bridge = new FormulaBridge(this.world, { distDir: this.distDir });
    // SpreadsheetApp.flush() applies pending changes, and Sheets recalculates what they touch.
    this.world.calls.after('SpreadsheetApp.flush', () => {
      if (this.bridge.sync()) this.version++;
    });
    // What a user does on a fresh copy: open it (the menu appears), Set up, look at the sidebar.
    this.runAs('onOpen', (ctx) => [makeOpenEvent(ctx)], { authMode: 'NONE' });
    // Set up shows its preview; the user reads it and presses "Set up" in it.
    this.menuCommand('setUpPipeline');
    this.confirmSetUp();
    if (options.alerts !== false) {
      this.gasRun('saveAlertSettings', [{ action: 'on', hour: 8, manager: MANAGER }]);
    }
    const deals = this.world.spreadsheet().sheets.find((s) => s.name.toLowerCase() === 'deals');
    this.select(deals?.name ?? this.sheetNames()[0] ?? 'Deals', 'B2');
    // The Dashboard tab, and this morning's daily check (Stalled Since filled, digests sent).
    this.menuCommand('buildDashboard');
    if (options.alerts !== false) this.runDailyCheck();
    this.select(deals?.name ?? this.sheetNames()[0] ?? 'Deals', 'B2');
    this.menuCommand('openSidebar');
    this.notices.length = 0;
    this.dialogOpen = false;
    this.settle();
  }

  sheetNames(): string[] {
    return this.world.spreadsheet().sheets.map((s) => s.name);
  }

  // ---- actions ----

  /** A menu item: a full execution of the named function as the user. */
  menuCommand(functionName: string): void {
    if (!this.world.ui.menuFunctions().includes(functionName) && functionName !== 'onOpen') {
      throw new Error(`${functionName} is not in the Pipeline menu.`);
    }
    try {
      this.runAs(functionName, []);
    } catch (error) {
      this.notice('error', functionName, messageOf(error));
    }
    this.settle();
  }

  /**
   * Presses "Set up" in the Set up preview shown last, as the user would: sends its token back
   * (the dialog then shows the summary). Returns what the server answered, null without a preview.
   */
  confirmSetUp(): unknown {
    const last = this.world.ui.shown.filter((s) => s.kind !== 'sidebar').at(-1);
    const token = last ? /var token = "([0-9a-f]+)"/.exec(last.content)?.[1] : undefined;
    if (!token) return null;
    const result = this.gasRun('applySetUp', [token]);
    this.setupResult = result as { ok: boolean; message: string };
    return result;
  }

  /** What the last "Set up" answered (the preview dialog shows it as its summary). */
  setupResult: { ok: boolean; message: string } | null = null;

  /** A google.script.run call from the sidebar or a dialog (only public top-level functions). */
  gasRun(name: string, args: unknown[]): unknown {
    if (!/^[A-Za-z$][\w$]*$/.test(name) || name.endsWith('_')) {
      throw Object.assign(new Error(`Script function not found: ${name}`), { name: 'ScriptError' });
    }
    assertTransferable(args, 'arguments');
    try {
      const value = this.runAs(name, args);
      assertTransferable(value);
      return value;
    } finally {
      this.settle();
    }
  }

  /** The user selects a cell (the sidebar follows the selected row). */
  select(sheet: string, a1: string): void {
    this.world.select(this.user, `${quote(sheet)}!${a1}`);
  }

  /**
   * The user types into a cell: the value is written as Sheets parses typing, then the simple
   * `onEdit` trigger runs (AuthMode LIMITED) with the event Sheets passes, then any installed
   * edit triggers.
   */
  edit(sheet: string, a1: string, text: string): void {
    const target = `${quote(sheet)}!${a1}`;
    this.select(sheet, a1);
    this.fireEdit(target, (ctx) => typeInto(ctx, target, text), text);
  }

  /**
   * The user pastes a block of text (rows of tab-separated cells, as copied from a sheet) with
   * its top-left corner at `a1`: every cell is written as Sheets parses typing, then `onEdit`
   * runs once with the block's range and no value/oldValue, as Sheets reports a paste.
   */
  paste(sheet: string, a1: string, rows: readonly (readonly string[])[]): void {
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    if (rows.length === 0 || width === 0) return;
    const start = this.world.spreadsheet().sheetByName(sheet);
    if (!start) throw new Error(`No sheet ${sheet}`);
    const ref = parseA1(a1);
    const corner = { row: ref.startRow ?? 1, col: ref.startCol ?? 1 };
    const block = `${quote(sheet)}!${cellA1(corner.row, corner.col)}:${cellA1(corner.row + rows.length - 1, corner.col + width - 1)}`;
    this.select(sheet, a1);
    this.fireEdit(block, (ctx) => {
      rows.forEach((line, i) => {
        for (let j = 0; j < width; j++) {
          typeInto(ctx, `${quote(sheet)}!${cellA1(corner.row + i, corner.col + j)}`, line[j] ?? '');
        }
      });
      return makeEditEvent(ctx, block);
    });
  }

  /**
   * One user edit as Sheets runs it: `write` changes the cells (uncounted) and returns the event,
   * then the simple `onEdit` trigger runs (AuthMode LIMITED), then any installed edit triggers.
   * `value` is the typed text of a single-cell edit (absent for a block).
   */
  private fireEdit(target: string, write: (ctx: Globals) => EditEvent, value?: string): void {
    const ctx = loadCode(this.world, {
      dir: this.distDir,
      user: this.user,
      authMode: 'LIMITED',
      trigger: 'edit',
    });
    try {
      const event = this.world.calls.mute(() => write(ctx));
      this.bridge.sync();
      if (typeof (ctx as Record<string, unknown>).onEdit === 'function') callFunction(ctx, 'onEdit', event);
    } catch (error) {
      this.notice('error', 'onEdit', messageOf(error));
    } finally {
      this.world.endExecution(ctx);
    }
    for (const trigger of this.world.triggers.all().filter((t) => t.eventType === 'ON_EDIT')) {
      try {
        runTrigger(this.world, trigger, {
          dir: this.distDir,
          editA1: target,
          ...(value === undefined ? {} : { value }),
        });
      } catch (error) {
        this.notice('error', trigger.handler, messageOf(error));
      }
    }
    this.settle();
  }

  /** Fires the daily time-driven trigger now, as Apps Script would at its hour. */
  runDailyCheck(): void {
    const triggers = this.world.triggers.timeBased();
    if (triggers.length === 0) {
      this.notice(
        'info',
        'Daily check',
        'Alerts are off: turn them on in Pipeline › Alerts › Alert settings…',
      );
      this.settle();
      return;
    }
    for (const trigger of triggers) {
      try {
        runTrigger(this.world, trigger, { dir: this.distDir });
      } catch (error) {
        this.notice('error', trigger.handler, messageOf(error));
      }
    }
    const sent = this.world.mail.outbox.length - this.mailSeen;
    this.notice(
      'info',
      'Daily check',
      sent > 0
        ? `The daily check ran and sent ${sent} email${sent === 1 ? '' : 's'}.`
        : 'The daily check ran: no new stalled deals to email.',
    );
    this.settle();
  }

  /** Moves the clock on by a day; formulas are recalculated as when the spreadsheet is reopened. */
  advanceDay(): void {
    this.world.clock.advanceDays(1);
    this.bridge.recalculateAll();
    this.version++;
  }

  /** Every trigger's time event is built from the world clock; exposed for tests. */
  timeEvent(): unknown {
    const ctx = loadCode(this.world, { dir: this.distDir, authMode: 'FULL', trigger: 'time' });
    try {
      return makeTimeEvent(ctx);
    } finally {
      this.world.endExecution(ctx);
    }
  }

  /** The event onEdit would get for a cell, without writing (tests). */
  editEvent(a1: string): unknown {
    const ctx = loadCode(this.world, { dir: this.distDir, authMode: 'LIMITED' });
    try {
      return makeEditEvent(ctx, a1);
    } finally {
      this.world.endExecution(ctx);
    }
  }

  dismissNotice(id: number): void {
    const i = this.notices.findIndex((n) => n.id === id);
    if (i >= 0) {
      this.notices.splice(i, 1);
      this.version++;
    }
  }

  closeSidebar(): void {
    this.sidebarOpen = false;
    this.version++;
  }

  closeDialog(): void {
    this.dialogOpen = false;
    this.version++;
  }

  // ---- what the page shows ----

  /** HTML of the sidebar the add-on showed last. */
  sidebarHtml(): string | null {
    return this.world.ui.lastSidebar()?.content ?? null;
  }

  dialogHtml(): string | null {
    const last = this.world.ui.shown.filter((s) => s.kind !== 'sidebar').at(-1);
    return last?.content ?? null;
  }

  state(): PageState {
    const tz = this.world.spreadsheet().timeZone;
    const now = this.world.clock.now();
    const menu = this.world.ui.menus.at(-1);
    const dialog = this.world.ui.shown.filter((s) => s.kind !== 'sidebar').at(-1);
    return {
      version: this.version,
      now: new Date(now).toISOString(),
      today: displayValue(new Date(now), 'dddd d mmmm yyyy', tz),
      user: this.user,
      sheets: this.sheetNames(),
      menu: menu ? { title: menu.name, items: menuView(menu.items) } : null,
      outbox: this.world.mail.outbox
        .map((m) => ({
          to: m.to,
          cc: m.cc,
          subject: m.subject,
          body: m.body,
          html: m.htmlBody ?? '',
          at: displayValue(new Date(m.at), 'yyyy-mm-dd hh:mm', tz),
        }))
        .reverse(),
      notices: [...this.notices],
      sidebar: {
        open: this.sidebarOpen,
        title: this.world.ui.lastSidebar()?.title ?? '',
        version: this.sidebarVersion,
      },
      dialog: {
        open: this.dialogOpen,
        title: dialog?.dialogTitle ?? '',
        version: this.dialogVersion,
        width: dialog?.width ?? 400,
        height: dialog?.height ?? 300,
        modeless: dialog?.kind === 'modeless',
      },
      alertsOn: this.world.triggers.timeBased().length > 0,
    };
  }

  /** A sheet as the grid shows it: display values after evaluation, errors, bold, highlights. */
  sheetView(name: string): SheetView {
    const model = this.world.sheet(name);
    if (!model) throw new Error(`No sheet named "${name}"`);
    const [rows, cols] = this.bridge.extent(model.name);
    const tz = this.world.spreadsheet().timeZone;
    const highlights = this.conditionalBackgrounds(model, rows, cols);
    const cells: (CellView | null)[][] = [];
    for (let r = 1; r <= rows; r++) {
      const line: (CellView | null)[] = [];
      for (let c = 1; c <= cols; c++) {
        const cell = model.cell(r, c);
        const value = this.bridge.cellValue(model.name, r, c);
        const view = cellView(value, cell?.numberFormat, tz);
        if (cell?.formula !== undefined) view.f = cell.formula;
        if (cell?.fontWeight === 'bold') view.b = 1;
        const bg = cell?.background ?? highlights.get(`${r}:${c}`);
        if (bg && bg !== '#ffffff') view.bg = bg;
        if (cell?.fontColor && cell.fontColor !== '#000000') view.fc = cell.fontColor;
        const list = cell?.validation ? this.validationList(cell.validation.values) : undefined;
        if (list) view.dd = list;
        line.push(view.t === '' && !view.f && !view.bg && !view.b && !view.dd ? null : view);
      }
      cells.push(line);
    }
    return {
      name: model.name,
      rows,
      cols,
      frozenRows: model.frozenRows,
      cells,
      charts: model.charts.map((c) => ({
        id: c.chartId,
        anchor: anchorOf(c),
        ...chartTable(c, (ref) => this.chartCells(ref)),
      })),
    };
  }

  // ---- internals ----

  private runAs(
    name: string,
    args: unknown[] | ((ctx: object) => unknown[]),
    opts: { authMode?: 'FULL' | 'NONE' } = {},
  ): unknown {
    const ctx = loadCode(this.world, {
      dir: this.distDir,
      user: this.user,
      authMode: opts.authMode ?? 'FULL',
    });
    try {
      if (typeof (ctx as Record<string, unknown>)[name] !== 'function') {
        throw Object.assign(new Error(`Script function not found: ${name}`), { name: 'ScriptError' });
      }
      return callFunction(ctx, name, ...(typeof args === 'function' ? args(ctx) : args));
    } finally {
      this.world.endExecution(ctx);
    }
  }

  private notice(kind: Notice['kind'], title: string, message: string): void {
    // Sheets shows one toast at a time: a new toast replaces the one on screen, never stacks.
    if (kind === 'toast') {
      for (let i = this.notices.length - 1; i >= 0; i--) {
        if (this.notices[i]?.kind === 'toast') this.notices.splice(i, 1);
      }
    }
    this.notices.push({ id: this.nextNotice++, kind, title, message });
    if (this.notices.length > 20) this.notices.shift();
    this.version++;
  }

  /** After any action: formulas catch up, and what the add-on showed becomes page state. */
  private settle(): void {
    let changed = this.bridge.sync();
    const ui = this.world.ui;
    const before = this.notices.length + this.nextNotice;
    if (
      ui.shown.length !== this.uiSeen.shown ||
      ui.dialogs.length !== this.uiSeen.dialogs ||
      ui.toasts.length !== this.uiSeen.toasts ||
      this.world.mail.outbox.length !== this.mailSeen
    )
      changed = true;
    for (const shown of ui.shown.slice(this.uiSeen.shown)) {
      if (shown.kind === 'sidebar') {
        this.sidebarOpen = true;
        this.sidebarVersion++;
      } else {
        this.dialogOpen = true;
        this.dialogVersion++;
      }
    }
    for (const d of ui.dialogs.slice(this.uiSeen.dialogs)) {
      const answered = d.buttons === 'OK' ? '' : ` (answered ${d.response.button})`;
      this.notice(d.kind, d.title || 'Sheets Pipeline', `${d.message}${answered}`);
    }
    for (const t of ui.toasts.slice(this.uiSeen.toasts)) this.notice('toast', t.title, t.message);
    this.uiSeen = { shown: ui.shown.length, dialogs: ui.dialogs.length, toasts: ui.toasts.length };
    this.mailSeen = this.world.mail.outbox.length;
    if (changed || this.notices.length + this.nextNotice !== before) this.version++;
  }

  /** A chart range's evaluated cells (an open range stops at the sheet's last evaluated row). */
  private chartCells(ref: GridRef): ChartCell[][] | null {
    const sheet = this.world.spreadsheet().sheetById(ref.sheetId);
    if (!sheet) return null;
    const [rows, cols] = this.bridge.extent(sheet.name);
    const tz = this.world.spreadsheet().timeZone;
    const right = ref.col + ref.numCols - 1;
    const out: ChartCell[][] = [];
    for (let r = ref.row; r <= Math.min(rows, ref.row + ref.numRows - 1); r++) {
      const line: ChartCell[] = [];
      for (let c = ref.col; c <= (ref.openCols ? Math.min(cols, right) : right); c++) {
        const value = this.bridge.cellValue(sheet.name, r, c);
        const v = typeof value === 'object' ? null : value;
        line.push({ v, t: cellView(value, sheet.cell(r, c)?.numberFormat, tz).t });
      }
      out.push(line);
    }
    return out;
  }

  /**
   * The drop-down's items, from a rule's criteria values as Google's DataValidation gives them:
   * VALUE_IN_LIST `[string[], showDropdown]`, VALUE_IN_RANGE `[Range, showDropdown]` (the host
   * stores that Range as `{ kind: 'range', ref }`). A rule with showDropdown false shows none.
   */
  private validationList(values: unknown[]): string[] | undefined {
    const [first, showDropdown] = values;
    if (showDropdown === false) return undefined;
    if (Array.isArray(first)) return first.map(String);
    const stored = first as { kind?: unknown; ref?: unknown } | null;
    if (typeof stored === 'object' && stored !== null && stored.kind === 'range' && stored.ref) {
      const ref = stored.ref as {
        sheetId: number;
        row: number;
        col: number;
        numRows: number;
        openRows?: boolean;
      };
      const sheet = this.world.spreadsheet().sheetById(ref.sheetId);
      if (!sheet) return undefined;
      const out: string[] = [];
      const bottom = ref.openRows ? sheet.lastRow() : Math.min(sheet.lastRow(), ref.row + ref.numRows - 1);
      for (let r = ref.row; r <= bottom; r++) {
        const v = this.bridge.cellValue(sheet.name, r, ref.col);
        if (typeof v === 'string' && v !== '') out.push(v);
      }
      return out;
    }
    return undefined;
  }

  /** Backgrounds from custom-formula conditional-format rules (the stalled-row highlight). */
  private conditionalBackgrounds(model: SheetModel, rows: number, cols: number): Map<string, string> {
    const out = new Map<string, string>();
    for (const rule of model.condRules) {
      if (rule.criteria !== 'CUSTOM_FORMULA' || !rule.format.background) continue;
      const formula = String(rule.values[0] ?? '');
      for (const ref of rule.ranges) {
        const bottom = Math.min(rows, ref.openRows ? rows : ref.row + ref.numRows - 1);
        const right = Math.min(cols, ref.col + ref.numCols - 1);
        for (let r = ref.row; r <= bottom; r++) {
          const shifted = shiftFormula(formula, r - ref.row, 0);
          if (this.bridge.calculate(shifted, model.name) !== true) continue;
          for (let c = ref.col; c <= right; c++) {
            const key = `${r}:${c}`;
            if (!out.has(key)) out.set(key, rule.format.background);
          }
        }
      }
    }
    return out;
  }
}

function quote(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

function messageOf(error: unknown): string {
  const e = error as { message?: unknown };
  return String(e?.message ?? error);
}

function menuView(items: MenuItemRecord[]): MenuView[] {
  return items.map((item) => {
    if (item.type === 'separator') return { caption: '', separator: true };
    if (item.type === 'submenu') return { caption: item.menu.name, items: menuView(item.menu.items) };
    return { caption: item.caption, functionName: item.functionName };
  });
}

/** Relative references of a conditional-format formula moved by (rows, cols), as Sheets applies it per cell. */
export function shiftFormula(formula: string, rows: number, cols: number): string {
  return formula.replace(
    /("[^"]*")|(\$?)([A-Z]{1,3})(\$?)(\d+)\b/g,
    (m, str, colAbs, letters, rowAbs, row) => {
      if (str) return m;
      let col = 0;
      for (const ch of letters as string) col = col * 26 + (ch.charCodeAt(0) - 64);
      if (!colAbs) col += cols;
      const newRow = rowAbs ? Number(row) : Number(row) + rows;
      let name = '';
      for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
        name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
      return `${colAbs}${name}${rowAbs}${newRow}`;
    },
  );
}

/** How Sheets displays a value: its number format, `#ERROR!` codes with their message. */
export function cellView(value: Evaluated, format: string | undefined, timeZone: string): CellView {
  if (typeof value === 'object' && !isDate(value)) {
    return { t: sheetsErrorCode(value.error), e: value.message || value.error };
  }
  const v = value as CellValue;
  if (typeof v === 'string' && /^#(ERROR!|N\/A|NAME\?|NUM!|REF!|VALUE!|DIV\/0!)$/.test(v))
    return { t: v, e: v };
  const view: CellView = { t: displayValue(v, format, timeZone) };
  const automatic = format === undefined || format === '' || format === 'General';
  if (automatic && typeof v === 'number') view.t = automaticNumber(v);
  if (automatic && isDate(v)) view.t = automaticDate(v, timeZone);
  if (typeof v === 'number' || isDate(v)) view.r = 1;
  return view;
}

/**
 * A number in Sheets' automatic format: 15 significant digits at most, so binary noise such as
 * `15831253867.999998` shows as `15831253868` and `0.1 + 0.2` as `0.3`.
 */
export function automaticNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(15)));
}

/**
 * A date cell with no number format, as Sheets in the en-US locale shows it: `4/11/2026`, with
 * the time (`4/11/2026 9:05:00`) when it is not midnight in the spreadsheet's time zone.
 */
export function automaticDate(value: Date, timeZone: string): string {
  const day = displayValue(value, 'm/d/yyyy', timeZone);
  const time = displayValue(value, 'h:mm:ss', timeZone);
  return time === '0:00:00' ? day : `${day} ${time}`;
}
