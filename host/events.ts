/**
 * Event objects as Sheets passes them to onEdit / onOpen / time-driven handlers, bound to an
 * execution's globals (so `e.range`, `e.source` are fakes of that execution).
 */
import { splitSheetName } from './a1';
import type { Execution } from './exec';
import type { Globals } from './globals';
import { RangeFake } from './range';
import { identityHidden, UserFake } from './session';
import { a1Ref } from './sheet';
import { SpreadsheetFake } from './spreadsheet';
import { zonedParts } from './tz';
import { type CellValue, isDate, userEnteredContent } from './values';

function execOf(globals: object): Execution {
  const exec = (globals as Partial<Globals>).SpreadsheetApp?.exec;
  if (!exec) throw new Error('Not a globals object from createGlobals/loadCode');
  return exec;
}

/** How Sheets renders a value in e.value / e.oldValue: strings as-is, TRUE/FALSE, date serials. */
export function eventValueString(v: CellValue): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) return String(v.getTime() / 86_400_000 + 25_569);
  return String(v);
}

export interface EditEvent {
  authMode: string;
  range: RangeFake;
  source: SpreadsheetFake;
  user: UserFake;
  triggerUid?: string;
  value?: string;
  oldValue?: string;
}

function rangeFor(exec: Execution, a1: string): RangeFake {
  const world = exec.world;
  const { sheet } = splitSheetName(a1);
  const model =
    sheet !== undefined ? world.spreadsheet().sheetByName(sheet) : world.activeSheetModel(exec.user);
  if (!model) throw new Error(`No sheet for ${a1}`);
  return new RangeFake(exec, world.spreadsheet(), a1Ref(model, a1));
}

/**
 * The onEdit event for an edit of `a1` (e.g. `Deals!E5`). `value`/`oldValue` are included only
 * for single-cell edits and only when given. authMode defaults to the execution's.
 */
export function makeEditEvent(
  globals: object,
  a1: string,
  opts: { value?: unknown; oldValue?: unknown; authMode?: string; triggerUid?: string } = {},
): EditEvent {
  const exec = execOf(globals);
  const range = rangeFor(exec, a1);
  const event: EditEvent = {
    authMode: opts.authMode ?? exec.authMode,
    range,
    source: new SpreadsheetFake(exec, exec.world.spreadsheet()),
    user: new UserFake(exec, identityHidden(exec) ? '' : exec.user),
  };
  if (opts.triggerUid !== undefined) event.triggerUid = opts.triggerUid;
  const single =
    range.ref.numRows === 1 && range.ref.numCols === 1 && !range.ref.openRows && !range.ref.openCols;
  if (single) {
    if (opts.value !== undefined && opts.value !== '')
      event.value = eventValueString(opts.value as CellValue);
    if (opts.oldValue !== undefined && opts.oldValue !== '')
      event.oldValue = eventValueString(opts.oldValue as CellValue);
  }
  return event;
}

/**
 * Simulates the execution's user typing `input` into one cell (USER_ENTERED, uncounted) and
 * returns the resulting onEdit event with value/oldValue as Sheets reports them.
 */
export function typeInto(
  globals: object,
  a1: string,
  input: unknown,
  opts: { authMode?: string } = {},
): EditEvent {
  const exec = execOf(globals);
  const world = exec.world;
  const range = rangeFor(exec, a1);
  const sheet = world.spreadsheet().sheetOf(range.ref);
  const before = sheet.cell(range.ref.row, range.ref.col);
  const oldValue: CellValue = before?.formula !== undefined ? '' : (before?.value ?? '');
  const content = userEnteredContent(input, world.spreadsheet().timeZone);
  sheet.setContent(range.ref.row, range.ref.col, content);
  const typed = input === null || input === undefined ? '' : String(input).replace(/^'/, '');
  return makeEditEvent(globals, a1, {
    value: typed === '' ? undefined : content.formula !== undefined ? undefined : content.value,
    oldValue: oldValue === '' ? undefined : oldValue,
    ...(opts.authMode !== undefined ? { authMode: opts.authMode } : {}),
  });
}

export interface OpenEvent {
  authMode: string;
  source: SpreadsheetFake;
  user: UserFake;
  triggerUid?: string;
}

/** The onOpen event. authMode defaults to the execution's (use authMode NONE/LIMITED globals). */
export function makeOpenEvent(
  globals: object,
  opts: { authMode?: string; triggerUid?: string } = {},
): OpenEvent {
  const exec = execOf(globals);
  const event: OpenEvent = {
    authMode: opts.authMode ?? exec.authMode,
    source: new SpreadsheetFake(exec, exec.world.spreadsheet()),
    user: new UserFake(exec, identityHidden(exec) ? '' : exec.user),
  };
  if (opts.triggerUid !== undefined) event.triggerUid = opts.triggerUid;
  return event;
}

export interface TimeEvent {
  authMode: string;
  'day-of-month': number;
  'day-of-week': number;
  hour: number;
  minute: number;
  month: number;
  second: number;
  timezone: string;
  triggerUid: string;
  'week-of-year': number;
  year: number;
}

function isoWeek(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day));
  const dayNum = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - dayNum);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

/** The time-driven event at the world clock's current time (default zone: UTC, as Apps Script reports). */
export function makeTimeEvent(
  globals: object,
  opts: { triggerUid?: string; timeZone?: string } = {},
): TimeEvent {
  const exec = execOf(globals);
  const tz = opts.timeZone ?? 'UTC';
  const p = zonedParts(exec.world.clock.now(), tz);
  return {
    authMode: exec.authMode,
    'day-of-month': p.day,
    'day-of-week': p.weekday === 0 ? 7 : p.weekday,
    hour: p.hour,
    minute: p.minute,
    month: p.month,
    second: p.second,
    timezone: tz,
    triggerUid: opts.triggerUid ?? '0',
    'week-of-year': isoWeek(p.year, p.month, p.day),
    year: p.year,
  };
}
