/**
 * ScriptApp: enums and installable triggers. Triggers live in `world.triggers` with their
 * owner; getProjectTriggers / getUserTriggers return only the current user's triggers.
 * With `world.addon` (default true) Google's add-on limits apply: one trigger of each event
 * type per user per document, and no time trigger more often than hourly.
 */
import { gasError, SCOPES } from './errors';
import { type Bound, type Execution, instrument } from './exec';
import { zonedParts } from './tz';

export type EventTypeName = 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';
export type TriggerSourceName = 'CLOCK' | 'SPREADSHEETS';

export interface ClockSchedule {
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  onWeekDay?: string;
  onMonthDay?: number;
  atHour?: number;
  nearMinute?: number;
  /** Zone for atHour etc.: inTimezone(), else the script time zone. */
  timeZone: string;
  /** One-shot: fire time in world-clock ms (from after() or at()). */
  fireAt?: number;
}

export interface TriggerRecord {
  uid: string;
  handler: string;
  owner: string;
  eventType: EventTypeName;
  source: TriggerSourceName;
  /** Spreadsheet id for spreadsheet triggers, null for clock triggers. */
  sourceId: string | null;
  /** Document the trigger was created from (add-on limits are per document). */
  documentId: string;
  schedule?: ClockSchedule;
  createdAt: number;
}

export const AuthMode = {
  NONE: 'NONE',
  CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
  LIMITED: 'LIMITED',
  FULL: 'FULL',
} as const;
export const TriggerSource = {
  SPREADSHEETS: 'SPREADSHEETS',
  CLOCK: 'CLOCK',
  FORMS: 'FORMS',
  DOCUMENTS: 'DOCUMENTS',
  CALENDAR: 'CALENDAR',
} as const;
export const EventType = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
} as const;
export const AuthorizationStatus = { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' } as const;
export const WeekDay = {
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
  SUNDAY: 'SUNDAY',
} as const;
const WEEKDAY_INDEX: Record<string, number> = {
  SUNDAY: 0,
  MONDAY: 1,
  TUESDAY: 2,
  WEDNESDAY: 3,
  THURSDAY: 4,
  FRIDAY: 5,
  SATURDAY: 6,
};

const HOUR_MS = 3_600_000;

/** World-side trigger storage. */
export class TriggerStore {
  readonly list: TriggerRecord[] = [];
  private nextId = 1;

  all(): TriggerRecord[] {
    return [...this.list];
  }

  forUser(user: string): TriggerRecord[] {
    return this.list.filter((t) => t.owner === user);
  }

  byHandler(handler: string): TriggerRecord[] {
    return this.list.filter((t) => t.handler === handler);
  }

  timeBased(): TriggerRecord[] {
    return this.list.filter((t) => t.eventType === 'CLOCK');
  }

  /** Time triggers that fire during the clock hour containing `at` (world-clock ms or Date). */
  dueAt(at: number | Date): TriggerRecord[] {
    const ms = typeof at === 'number' ? at : at.getTime();
    return this.timeBased().filter((t) => t.schedule !== undefined && firesInHour(t, ms));
  }

  add(record: Omit<TriggerRecord, 'uid'>): TriggerRecord {
    const full = { ...record, uid: String(7_340_000_000 + this.nextId++) };
    this.list.push(full);
    return full;
  }

  remove(uid: string): boolean {
    const idx = this.list.findIndex((t) => t.uid === uid);
    if (idx < 0) return false;
    this.list.splice(idx, 1);
    return true;
  }

  clear(): void {
    this.list.length = 0;
  }
}

function firesInHour(t: TriggerRecord, ms: number): boolean {
  const s = t.schedule;
  if (!s) return false;
  const hourStart = Math.floor(ms / HOUR_MS) * HOUR_MS;
  if (s.fireAt !== undefined) return s.fireAt >= hourStart && s.fireAt < hourStart + HOUR_MS;
  if (ms < t.createdAt) return false;
  const p = zonedParts(ms, s.timeZone);
  if (s.everyMinutes !== undefined) return true;
  if (s.everyHours !== undefined) {
    return Math.floor((ms - t.createdAt) / HOUR_MS) % s.everyHours === 0 || s.everyHours === 1;
  }
  const hourOk =
    s.atHour === undefined ? p.hour === zonedParts(t.createdAt, s.timeZone).hour : p.hour === s.atHour;
  if (!hourOk) return false;
  if (s.everyWeeks !== undefined)
    return s.onWeekDay === undefined || WEEKDAY_INDEX[s.onWeekDay] === p.weekday;
  if (s.onMonthDay !== undefined) return p.day === s.onMonthDay;
  if (s.everyDays !== undefined) {
    if (s.everyDays <= 1) return true;
    const days = Math.floor((ms - t.createdAt) / 86_400_000);
    return days % s.everyDays === 0;
  }
  return false;
}

const EVENT_WORDS: Record<EventTypeName, string> = {
  CLOCK: 'time-based',
  ON_OPEN: 'open',
  ON_EDIT: 'edit',
  ON_CHANGE: 'change',
  ON_FORM_SUBMIT: 'form submit',
};

function createTrigger(exec: Execution, record: Omit<TriggerRecord, 'uid'>): TriggerFake {
  const world = exec.world;
  const mine = world.triggers.forUser(exec.user);
  if (world.addon) {
    const same = mine.filter((t) => t.eventType === record.eventType && t.documentId === record.documentId);
    if (same.length >= 1) {
      throw gasError(
        `This add-on has created too many ${EVENT_WORDS[record.eventType]} triggers in this document for this Google user account.`,
      );
    }
  } else if (mine.length >= 20) {
    throw gasError(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
  }
  return new TriggerFake(exec, world.triggers.add(record));
}

export class TriggerFake implements Bound {
  constructor(
    readonly exec: Execution,
    readonly record: TriggerRecord,
  ) {}

  getHandlerFunction(): string {
    return this.record.handler;
  }

  getUniqueId(): string {
    return this.record.uid;
  }

  getEventType(): string {
    return this.record.eventType;
  }

  getTriggerSource(): string {
    return this.record.source;
  }

  getTriggerSourceId(): string | null {
    return this.record.sourceId;
  }
}

instrument(TriggerFake, 'Trigger');

export class ClockTriggerBuilderFake implements Bound {
  private readonly schedule: ClockSchedule;

  constructor(
    readonly exec: Execution,
    private readonly handler: string,
  ) {
    this.schedule = { timeZone: exec.world.scriptTimeZone };
  }

  after(durationMilliseconds: number): this {
    this.schedule.fireAt = this.exec.world.clock.now() + Number(durationMilliseconds);
    return this;
  }

  at(date: Date): this {
    this.schedule.fireAt = date.getTime();
    return this;
  }

  atDate(year: number, month: number, day: number): this {
    this.schedule.fireAt = Date.UTC(year, month - 1, day);
    return this;
  }

  atHour(hour: number): this {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw gasError(`Invalid argument: hour`);
    this.schedule.atHour = hour;
    return this;
  }

  nearMinute(minute: number): this {
    if (!Number.isInteger(minute) || minute < 0 || minute > 59) throw gasError('Invalid argument: minute');
    this.schedule.nearMinute = minute;
    return this;
  }

  everyMinutes(n: number): this {
    if (![1, 5, 10, 15, 30].includes(n))
      throw gasError('Invalid argument: minutes. Accepted values are 1, 5, 10, 15 or 30.');
    this.schedule.everyMinutes = n;
    return this;
  }

  everyHours(n: number): this {
    if (![1, 2, 4, 6, 8, 12].includes(n))
      throw gasError('Invalid argument: hours. Accepted values are 1, 2, 4, 6, 8 or 12.');
    this.schedule.everyHours = n;
    return this;
  }

  everyDays(n: number): this {
    if (!Number.isInteger(n) || n < 1) throw gasError('Invalid argument: days');
    this.schedule.everyDays = n;
    return this;
  }

  everyWeeks(n: number): this {
    if (!Number.isInteger(n) || n < 1) throw gasError('Invalid argument: weeks');
    this.schedule.everyWeeks = n;
    return this;
  }

  onWeekDay(day: string): this {
    this.schedule.onWeekDay = String(day);
    return this;
  }

  onMonthDay(day: number): this {
    this.schedule.onMonthDay = day;
    return this;
  }

  inTimezone(timezone: string): this {
    this.schedule.timeZone = String(timezone);
    return this;
  }

  create(): TriggerFake {
    const s = this.schedule;
    const hasSchedule =
      s.fireAt !== undefined ||
      s.everyMinutes !== undefined ||
      s.everyHours !== undefined ||
      s.everyDays !== undefined ||
      s.everyWeeks !== undefined ||
      s.onMonthDay !== undefined;
    if (!hasSchedule)
      throw gasError('The trigger has no schedule. Use everyDays(), everyHours(), after() or at().');
    if (this.exec.world.addon && s.everyMinutes !== undefined) {
      throw gasError(
        'Add-ons may not create time-based triggers that run more frequently than once per hour.',
      );
    }
    return createTrigger(this.exec, {
      handler: this.handler,
      owner: this.exec.user,
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      documentId: this.exec.world.spreadsheet().id,
      schedule: { ...s },
      createdAt: this.exec.world.clock.now(),
    });
  }
}

instrument(ClockTriggerBuilderFake, 'ClockTriggerBuilder');

export class SpreadsheetTriggerBuilderFake implements Bound {
  private eventType: EventTypeName | null = null;

  constructor(
    readonly exec: Execution,
    private readonly handler: string,
    private readonly spreadsheetId: string,
  ) {}

  onOpen(): this {
    this.eventType = 'ON_OPEN';
    return this;
  }

  onEdit(): this {
    this.eventType = 'ON_EDIT';
    return this;
  }

  onChange(): this {
    this.eventType = 'ON_CHANGE';
    return this;
  }

  onFormSubmit(): this {
    this.eventType = 'ON_FORM_SUBMIT';
    return this;
  }

  create(): TriggerFake {
    if (!this.eventType)
      throw gasError('The trigger has no event type. Use onOpen(), onEdit() or onChange().');
    return createTrigger(this.exec, {
      handler: this.handler,
      owner: this.exec.user,
      eventType: this.eventType,
      source: 'SPREADSHEETS',
      sourceId: this.spreadsheetId,
      documentId: this.spreadsheetId,
      createdAt: this.exec.world.clock.now(),
    });
  }
}

instrument(SpreadsheetTriggerBuilderFake, 'SpreadsheetTriggerBuilder');

export class TriggerBuilderFake implements Bound {
  constructor(
    readonly exec: Execution,
    private readonly handler: string,
  ) {}

  timeBased(): ClockTriggerBuilderFake {
    return new ClockTriggerBuilderFake(this.exec, this.handler);
  }

  forSpreadsheet(sheet: unknown): SpreadsheetTriggerBuilderFake {
    return new SpreadsheetTriggerBuilderFake(this.exec, this.handler, idOf(sheet));
  }
}

instrument(TriggerBuilderFake, 'TriggerBuilder');

function idOf(sheet: unknown): string {
  if (typeof sheet === 'string') return sheet;
  if (typeof sheet === 'object' && sheet !== null && 'getId' in sheet && typeof sheet.getId === 'function') {
    return String(sheet.getId());
  }
  throw gasError('Invalid argument: sheet');
}

export class AuthorizationInfoFake implements Bound {
  constructor(readonly exec: Execution) {}

  getAuthorizationStatus(): string {
    return AuthorizationStatus.NOT_REQUIRED;
  }

  getAuthorizationUrl(): string | null {
    return null;
  }

  getAuthorizedScopes(): string[] {
    return Object.values(SCOPES);
  }
}

instrument(AuthorizationInfoFake, 'AuthorizationInfo');

export class ScriptAppFake implements Bound {
  readonly AuthMode = AuthMode;
  readonly TriggerSource = TriggerSource;
  readonly EventType = EventType;
  readonly AuthorizationStatus = AuthorizationStatus;
  readonly WeekDay = WeekDay;

  constructor(readonly exec: Execution) {}

  newTrigger(functionName: string): TriggerBuilderFake {
    if (typeof functionName !== 'string' || functionName === '')
      throw gasError('Invalid argument: functionName');
    return new TriggerBuilderFake(this.exec, functionName);
  }

  /** The current user's triggers in this project. */
  getProjectTriggers(): TriggerFake[] {
    return this.exec.world.triggers.forUser(this.exec.user).map((t) => new TriggerFake(this.exec, t));
  }

  /** The current user's triggers for the given spreadsheet (this project only). */
  getUserTriggers(document: unknown): TriggerFake[] {
    const id = idOf(document);
    return this.exec.world.triggers
      .forUser(this.exec.user)
      .filter((t) => t.documentId === id)
      .map((t) => new TriggerFake(this.exec, t));
  }

  deleteTrigger(trigger: unknown): void {
    if (!(trigger instanceof TriggerFake)) throw gasError('Invalid argument: trigger');
    if (trigger.record.owner !== this.exec.user) return;
    this.exec.world.triggers.remove(trigger.record.uid);
  }

  getScriptId(): string {
    return this.exec.world.scriptId;
  }

  getOAuthToken(): string {
    return `fake-oauth-token-for-${this.exec.user}`;
  }

  getAuthorizationInfo(_authMode?: string): AuthorizationInfoFake {
    return new AuthorizationInfoFake(this.exec);
  }

  getInstallationSource(): string {
    return this.exec.world.addon ? 'APPS_MARKETPLACE_DOMAIN_ADD_ON' : 'NONE';
  }
}

instrument(ScriptAppFake, 'ScriptApp', {
  fallback: 'auth',
  scope: SCOPES.scriptapp,
  messageStyle: 'qualified',
  access: { getScriptId: 'free', getAuthorizationInfo: 'free', getInstallationSource: 'free' },
});
