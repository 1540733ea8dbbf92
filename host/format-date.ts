/**
 * Java SimpleDateFormat-style formatting (what Utilities.formatDate uses), evaluated in an
 * IANA time zone. Supported letters: G y Y M L d D E u a H k K h m s S z Z X; quoted text with
 * '…' and '' for a literal quote.
 */
import { formatOffset, shortZoneName, zonedParts } from './tz';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function dayOfYear(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
}

export function formatJavaDate(ms: number, tz: string, pattern: string): string {
  const p = zonedParts(ms, tz);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] ?? '';
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      const stop = end < 0 ? pattern.length : end;
      out += pattern.slice(i + 1, stop).replace(/''/g, "'");
      i = stop + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    out += field(ch, n, p, ms, tz);
  }
  return out;
}

function field(ch: string, n: number, p: ReturnType<typeof zonedParts>, ms: number, tz: string): string {
  switch (ch) {
    case 'G':
      return p.year > 0 ? 'AD' : 'BC';
    case 'y':
    case 'Y':
      return n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
    case 'M':
    case 'L': {
      const name = MONTHS[p.month - 1] ?? '';
      if (n >= 4) return name;
      if (n === 3) return name.slice(0, 3);
      return pad(p.month, n);
    }
    case 'd':
      return pad(p.day, n);
    case 'D':
      return pad(dayOfYear(p.year, p.month, p.day), n);
    case 'E': {
      const name = DAYS[p.weekday] ?? '';
      return n >= 4 ? name : name.slice(0, 3);
    }
    case 'u':
      return pad(p.weekday === 0 ? 7 : p.weekday, n);
    case 'a':
      return p.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(p.hour, n);
    case 'k':
      return pad(p.hour === 0 ? 24 : p.hour, n);
    case 'K':
      return pad(p.hour % 12, n);
    case 'h':
      return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
    case 'm':
      return pad(p.minute, n);
    case 's':
      return pad(p.second, n);
    case 'S':
      return pad(p.millisecond, Math.max(n, 3)).slice(0, Math.max(n, 3));
    case 'z':
      return n >= 4 ? formatOffset(p.offsetMinutes, 'GMT') : shortZoneName(ms, tz);
    case 'Z':
      return formatOffset(p.offsetMinutes, 'Z');
    case 'X':
      return formatOffset(p.offsetMinutes, n === 1 ? 'X' : n === 2 ? 'XX' : 'XXX');
    default:
      throw new Error(`Illegal pattern character '${ch}'`);
  }
}
