import { PipelineError } from '../errors';
import { isDateLike } from './text';

/** A calendar day in the spreadsheet's time zone, as whole days since 1970-01-01. */
export type Day = number;

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;
/** 1900-01-01 as a day number; the per-day offset cache covers two centuries from there. */
const FIRST_DAY = -25_567;
const DAY_SLOTS = 73_049;
const UNKNOWN = -0x3fffffff;
const SPLIT = 0x3fffffff;
/** The day cache is allocated in chunks of 1024 days (one 4 KB page each) as dates fall in them. */
const CHUNK_BITS = 10;
const CHUNK = 1 << CHUNK_BITS;

/** The offset of local time from UTC, in ms, at an instant (ms since the epoch). */
export type ZoneOffset = (ms: number) => number;

/** `UTC`, `GMT`, `Etc/UTC`…: zones with no offset at all. */
export function isUtcZone(timeZone: string): boolean {
  return /^(?:Etc\/)?(?:UTC|GMT|Zulu|UCT|Universal)$/i.test(timeZone);
}

/**
 * Turns instants into calendar days in one IANA time zone. Offsets are cached per UTC hour, so
 * reading 100k dates costs a few hundred offset look-ups, not 100k. The offsets come from
 * `zoneOffset` when given (the adapters pass one checked against Apps Script's own), else from
 * `Intl`; a zone neither knows is an error, never a silent UTC.
 */
export class Calendar {
  readonly timeZone: string;
  private readonly offsets = new Map<number, number>();
  private readonly zoneOffset: ZoneOffset | null;
  private lastHour = Number.NaN;
  /**
   * Offset in minutes per UTC day from 1900 to 2100; UNKNOWN until computed, SPLIT on transition
   * days. In chunks made on first use: a call reading no date (or a year of dates) does not pay
   * for two centuries of slots.
   */
  private readonly chunks: (Int32Array | undefined)[] = [];
  private lastOffset = 0;

  constructor(timeZone: string, zoneOffset?: ZoneOffset) {
    this.timeZone = timeZone || 'Etc/UTC';
    if (isUtcZone(this.timeZone)) this.zoneOffset = null;
    else {
      const offset = zoneOffset ?? intlZoneOffset(this.timeZone);
      if (!offset)
        throw new PipelineError(
          `The spreadsheet's time zone "${this.timeZone}" is not known here, so no date can be read. Choose another in File › Settings.`,
        );
      this.zoneOffset = offset;
    }
  }

  /** The calendar day an instant falls on in this time zone. */
  dayOf(date: Date): Day | null {
    const ms = date.getTime();
    if (!Number.isFinite(ms)) return null;
    // `| 0` keeps days small integers (V8 Smis): a double would box every Deal field.
    return Math.floor((ms + this.offsetAt(ms)) / MS_PER_DAY) | 0;
  }

  /** Offset of local time from UTC in ms at an instant. */
  offsetAt(ms: number): number {
    if (this.zoneOffset === null) return 0;
    // Most UTC days have one offset all day: keep it per day in a flat array (fast), and look
    // up the hour only on the days a transition happens.
    const day = Math.floor(ms / MS_PER_DAY) - FIRST_DAY;
    if (day >= 0 && day < DAY_SLOTS) {
      const chunk = this.chunks[day >> CHUNK_BITS] ?? this.chunk(day >> CHUNK_BITS);
      let slot = chunk[day & (CHUNK - 1)] as number;
      if (slot === UNKNOWN) slot = this.fillMonth(day);
      if (slot !== SPLIT) return slot * 60_000;
    }
    return this.hourOffset(ms);
  }

  /**
   * Fills the cache for the UTC month around a day slot: one offset for the whole month when
   * its first and last hours agree (two Intl calls a month instead of one per day), else day by day.
   */
  private fillMonth(slot: number): number {
    const date = new Date((slot + FIRST_DAY) * MS_PER_DAY);
    const monthStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    const nextMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    const first = this.hourOffset(monthStart);
    if (first === this.hourOffset(nextMonth - MS_PER_HOUR)) {
      const from = Math.max(0, monthStart / MS_PER_DAY - FIRST_DAY);
      const to = Math.min(DAY_SLOTS, nextMonth / MS_PER_DAY - FIRST_DAY);
      for (let d = from; d < to; d++) {
        const chunk = this.chunks[d >> CHUNK_BITS] ?? this.chunk(d >> CHUNK_BITS);
        chunk[d & (CHUNK - 1)] = first / 60_000;
      }
      return first / 60_000;
    }
    const start = (slot + FIRST_DAY) * MS_PER_DAY;
    const dayFirst = this.hourOffset(start);
    const value = dayFirst === this.hourOffset(start + MS_PER_DAY - MS_PER_HOUR) ? dayFirst / 60_000 : SPLIT;
    (this.chunks[slot >> CHUNK_BITS] ?? this.chunk(slot >> CHUNK_BITS))[slot & (CHUNK - 1)] = value;
    return value;
  }

  private chunk(index: number): Int32Array {
    const chunk = new Int32Array(CHUNK).fill(UNKNOWN);
    this.chunks[index] = chunk;
    return chunk;
  }

  private hourOffset(ms: number): number {
    const hour = Math.floor(ms / MS_PER_HOUR);
    if (hour === this.lastHour) return this.lastOffset;
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      offset = this.computeOffset(hour * MS_PER_HOUR);
      this.offsets.set(hour, offset);
    }
    this.lastHour = hour;
    this.lastOffset = offset;
    return offset;
  }

  /** The instant of local midnight starting a day (for writing dates back to cells). */
  startOf(day: Day): Date {
    const guess = day * MS_PER_DAY;
    const first = guess - this.offsetAt(guess);
    return new Date(guess - this.offsetAt(first));
  }

  private computeOffset(ms: number): number {
    return this.zoneOffset === null ? 0 : this.zoneOffset(ms);
  }
}

/**
 * The zone's offsets as `Intl` gives them, or null when this engine's `Intl` is absent or does
 * not know the zone (an engine built without full ICU data throws for every zone but UTC).
 */
export function intlZoneOffset(timeZone: string): ZoneOffset | null {
  let format: Intl.DateTimeFormat;
  try {
    if (typeof Intl === 'undefined' || !Intl || typeof Intl.DateTimeFormat !== 'function') return null;
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return null;
  }
  return (ms) => {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(ms))) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const hour = parts.hour === 24 ? 0 : (parts.hour ?? 0);
    const local = Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      hour,
      parts.minute ?? 0,
      parts.second ?? 0,
    );
    return local - (ms - (((ms % 1000) + 1000) % 1000));
  };
}

const ISO_DATE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Result of reading a date cell: a day, blank, or text that is not a date. */
export type DateRead = { kind: 'day'; day: Day } | { kind: 'blank' } | { kind: 'bad'; text: string };

/**
 * Reads a date cell: a Date value (as Sheets gives), or ISO text `2026-11-23` (a calendar day as
 * written, whatever the time zone) or `2026-11-23T10:00:00Z` (an instant).
 */
export function readDate(value: unknown, calendar: Calendar): DateRead {
  if (value === null || value === undefined || value === '') return { kind: 'blank' };
  if (isDateLike(value)) {
    const day = calendar.dayOf(value);
    return day === null ? { kind: 'bad', text: 'invalid date' } : { kind: 'day', day };
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return { kind: 'blank' };
    const day = parseIsoDay(text, calendar);
    return day === null ? { kind: 'bad', text } : { kind: 'day', day };
  }
  return { kind: 'bad', text: String(value) };
}

function parseIsoDay(text: string, calendar: Calendar): Day | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const dayOfMonth = Number(m[3]);
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) return null;
  if (m[4] !== undefined && m[7] !== undefined) {
    const instant = new Date(text.replace(' ', 'T'));
    return calendar.dayOf(instant);
  }
  return Math.floor(Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY) | 0;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `2026-11-23` for a day. */
export function formatDay(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Month key `2026-11` of a day. */
export function monthOf(day: Day): string {
  return formatDay(day).slice(0, 7);
}

/**
 * A day's month as one number, year × 12 + month − 1 (proleptic Gregorian, as `Date` counts),
 * by arithmetic: no Date and no string per day (Howard Hinnant's civil_from_days).
 */
export function monthIndex(day: Day): number {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

/** The day number of the first day of a month index (the inverse of `monthIndex` on month starts). */
export function monthStart(index: number): Day {
  const month = index - Math.floor(index / 12) * 12 + 1;
  const year = Math.floor(index / 12) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The month key `2026-11` of a month index: what `monthOf` gives for any day in it. */
export function monthKey(index: number): string {
  const year = Math.floor(index / 12);
  if (year < 0 || year > 9999) return monthOf(monthStart(index));
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}`;
}

const MONTH = /^(\d{4})-(\d{1,2})$/;

/** Reads a month argument: a date, or text `2026-12` / `2026-12-01`. Null when unreadable. */
export function readMonth(value: unknown, calendar: Calendar): string | null {
  if (typeof value === 'string') {
    const m = MONTH.exec(value.trim());
    if (m) {
      const month = Number(m[2]);
      if (month < 1 || month > 12) return null;
      return `${m[1]}-${String(month).padStart(2, '0')}`;
    }
  }
  const read = readDate(value, calendar);
  return read.kind === 'day' ? monthOf(read.day) : null;
}
