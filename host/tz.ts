/** Time-zone arithmetic via Intl (IANA names, plus fixed offsets like `GMT+02:00`). */

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number; // 0-23
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
  offsetMinutes: number; // local - UTC
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function fixedOffset(tz: string): number | null {
  const m = /^(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(tz.trim());
  if (!m) return tz === 'GMT' || tz === 'UTC' ? 0 : null;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True when Intl (or our fixed-offset parser) understands the zone. */
export function isValidTimeZone(tz: string): boolean {
  if (fixedOffset(tz) !== null) return true;
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock parts of an instant in a time zone. */
export function zonedParts(ms: number, tz: string): ZonedParts {
  const fixed = fixedOffset(tz);
  if (fixed !== null) {
    const d = new Date(ms + fixed * 60_000);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      millisecond: d.getUTCMilliseconds(),
      weekday: d.getUTCDay(),
      offsetMinutes: fixed,
    };
  }
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const year = parts.year ?? 1970;
  const month = parts.month ?? 1;
  const day = parts.day ?? 1;
  const hour = parts.hour ?? 0;
  const minute = parts.minute ?? 0;
  const second = parts.second ?? 0;
  const millisecond = ((ms % 1000) + 1000) % 1000;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    millisecond,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
    offsetMinutes: Math.round((asUtc - ms) / 60_000),
  };
}

/** The instant at which the wall clock in `tz` shows the given local time. */
export function zonedTimeToUtc(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  tz = 'UTC',
): number {
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  let guess = local - zonedParts(local, tz).offsetMinutes * 60_000;
  // A second pass settles DST transitions.
  guess = local - zonedParts(guess, tz).offsetMinutes * 60_000;
  return guess;
}

/** `yyyy-MM-dd` of an instant in a zone (used as a day key). */
export function dayKey(ms: number, tz: string): string {
  const p = zonedParts(ms, tz);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Short zone name such as `GMT`, `BST`, `PST` (falls back to `GMT+1`). */
export function shortZoneName(ms: number, tz: string): string {
  if (fixedOffset(tz) !== null) return formatOffset(fixedOffset(tz) ?? 0, 'GMT');
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: tz, timeZoneName: 'short' });
  const part = f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName');
  return part?.value ?? 'GMT';
}

/** Formats an offset: 'Z' style `+0100`, 'X' style `+01:00`, 'GMT' style `GMT+01:00`. */
export function formatOffset(minutes: number, style: 'Z' | 'XXX' | 'XX' | 'X' | 'GMT'): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  if (style === 'Z') return `${sign}${hh}${mm}`;
  if (style === 'GMT') return minutes === 0 ? 'GMT' : `GMT${sign}${hh}:${mm}`;
  if (minutes === 0) return 'Z';
  if (style === 'X') return `${sign}${hh}`;
  if (style === 'XX') return `${sign}${hh}${mm}`;
  return `${sign}${hh}:${mm}`;
}
