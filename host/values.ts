/** Cell values and how written input becomes a cell (USER_ENTERED and RAW semantics). */
import { formatJavaDate } from './format-date';
import { zonedParts, zonedTimeToUtc } from './tz';

export type CellValue = string | number | boolean | Date;

/** What a write stores into a cell's content. */
export interface CellContent {
  value: CellValue;
  formula?: string;
  /** A number format implied by the input (e.g. `0%` for `40%`). */
  format?: string;
}

export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** Copies a cell value out of/into the store (Dates are copied, never shared). */
export function copyValue(v: CellValue): CellValue {
  return isDate(v) ? new Date(v.getTime()) : v;
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** `1,000`, `12,500.50` (en_US grouping), optionally with a currency sign: `$1,000`, `-$5`, `€12`. */
const GROUPED_RE = /^([+-])?([$€£¥])?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)$/;
/** US dates as an en_US spreadsheet reads them: `2/1/2026`, `12/31/2026`. */
const US_DATE_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const PERCENT_RE = /^([+-]?(?:\d+\.?\d*|\.\d+))\s*%$/;
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function normaliseRaw(input: unknown): CellValue {
  if (input === null || input === undefined) return '';
  if (typeof input === 'number') return Number.isFinite(input) ? input : '#NUM!';
  if (typeof input === 'string' || typeof input === 'boolean') return input;
  if (isDate(input)) return new Date(input.getTime());
  return String(input);
}

/**
 * RAW semantics (test helper `setSheet`): stored as given; Dates copied; strings starting
 * with `=` become formulas; null/undefined blank.
 */
export function rawContent(input: unknown): CellContent {
  const value = normaliseRaw(input);
  if (typeof value === 'string' && value.startsWith('=') && value.length > 1)
    return { value: '', formula: value };
  return { value };
}

/** Is a number format plain text (`@`, Format › Number › Plain text)? */
export function isPlainTextFormat(format: string | undefined): boolean {
  return format === '@';
}

/**
 * USER_ENTERED semantics, as `Range.setValue(s)` and `appendRow` parse strings (the Sheets API's
 * ValueInputOption USER_ENTERED: "parsed as if the user typed them into the UI"):
 * - `=…` formula; `'…` text without the apostrophe (never a formula);
 * - a plain number (`42`, `-3.5`, `1e3`, `0012`) → number; `40%` → 0.4 (format `0%`);
 * - a grouped or currency number (`1,000`, `$1,000.50`, `-$5`) → number (a currency format);
 * - a US date `2/1/2026` (en_US locale) → Date;
 * - `TRUE`/`FALSE` (any case) → boolean;
 * - ISO date `YYYY-MM-DD` (optionally ` HH:mm[:ss]`) → Date at that wall time in `timeZone`;
 * - any other text starting with `+`, `-` or `@` is taken as a formula like the Sheets UI
 *   does (`-foo` → `=-foo`, `+foo` → `=+foo`, `@foo` → `=foo`);
 * - text starting with a tab or CR, and everything else, stays text.
 * In a cell whose number format is plain text (`@`) a string is kept exactly as written, a
 * leading apostrophe included; only a leading `=` still makes a formula (the conservative
 * reading: Google documents no exception for formulas).
 */
export function userEnteredContent(input: unknown, timeZone: string, cellFormat?: string): CellContent {
  const value = normaliseRaw(input);
  if (typeof value !== 'string') return { value };
  if (value === '') return { value: '' };
  const first = value[0];
  if (isPlainTextFormat(cellFormat))
    return first === '=' && value.length > 1 ? { value: '', formula: value } : { value };
  if (first === '\t' || first === '\r' || first === '\n') return { value };
  if (first === "'") return { value: value.slice(1) };
  if (first === '=') return value.length > 1 ? { value: '', formula: value } : { value };
  const trimmed = value.trim();
  if (NUMBER_RE.test(trimmed)) return { value: Number(trimmed) };
  const pct = PERCENT_RE.exec(trimmed);
  if (pct) {
    const decimals = (pct[1]?.split('.')[1] ?? '').length;
    return { value: Number(pct[1]) / 100, format: decimals ? `0.${'0'.repeat(decimals)}%` : '0%' };
  }
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === 'true' };
  const grouped = GROUPED_RE.exec(trimmed);
  if (grouped && (grouped[2] !== undefined || trimmed.includes(','))) {
    const n = Number((grouped[3] ?? '').replace(/,/g, ''));
    const decimals = (grouped[3]?.split('.')[1] ?? '').length;
    const body = `#,##0${decimals ? `.${'0'.repeat(decimals)}` : ''}`;
    return { value: grouped[1] === '-' ? -n : n, format: grouped[2] ? `${grouped[2]}${body}` : body };
  }
  const us = US_DATE_RE.exec(trimmed);
  if (us) {
    const [mo, d, y] = us.slice(1).map(Number) as [number, number, number];
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate())
      return { value: new Date(zonedTimeToUtc(y, mo, d, 0, 0, 0, timeZone)), format: 'M/d/yyyy' };
  }
  const iso = ISO_DATE_RE.exec(trimmed);
  if (iso) {
    const [y, mo, d, h, mi, s] = iso.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
    const date = new Date(zonedTimeToUtc(y ?? 0, mo ?? 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0, timeZone));
    if (
      !Number.isNaN(date.getTime()) &&
      (mo ?? 0) >= 1 &&
      (mo ?? 0) <= 12 &&
      (d ?? 0) >= 1 &&
      (d ?? 0) <= 31
    ) {
      return { value: date, format: iso[4] !== undefined ? 'yyyy-mm-dd h:mm:ss' : 'yyyy-mm-dd' };
    }
  }
  if (first === '+' || first === '-') return { value: '', formula: `=${value}` };
  if (first === '@' && value.length > 1) return { value: '', formula: `=${value.slice(1)}` };
  return { value };
}

/** Converts a Sheets number-format date pattern (`yyyy-mm-dd h:mm`) to a Java pattern. */
function sheetsDatePatternToJava(fmt: string): string {
  let out = '';
  const tokens = fmt.match(/(y+|m+|d+|h+|s+|am\/pm|a\/p|"[^"]*"|\\.|.)/gi) ?? [];
  let lastWasHour = false;
  tokens.forEach((tok, idx) => {
    const lower = tok.toLowerCase();
    if (lower.startsWith('y')) out += lower.length <= 2 ? 'yy' : 'yyyy';
    else if (lower.startsWith('d')) out += lower.length >= 4 ? 'EEEE' : lower.length === 3 ? 'EEE' : lower;
    else if (lower.startsWith('h')) {
      out += fmt.toLowerCase().includes('am/pm') ? lower.replace(/h/g, 'h') : lower.replace(/h/g, 'H');
      lastWasHour = true;
      return;
    } else if (lower.startsWith('m')) {
      const next = tokens.slice(idx + 1).find((t) => /[a-z]/i.test(t));
      const isMinute = lower.length <= 2 && (lastWasHour || next?.toLowerCase().startsWith('s') === true);
      if (isMinute) out += lower;
      else out += lower.length >= 4 ? 'MMMM' : lower.length === 3 ? 'MMM' : lower.toUpperCase();
    } else if (lower.startsWith('s')) out += lower;
    else if (lower === 'am/pm' || lower === 'a/p') out += 'a';
    else if (tok.startsWith('"')) out += `'${tok.slice(1, -1).replace(/'/g, "''")}'`;
    else if (tok.startsWith('\\')) out += tok.slice(1);
    else if (/[a-z]/i.test(tok)) out += `'${tok}'`;
    else out += tok;
    if (/[a-z]/i.test(tok)) lastWasHour = false;
  });
  return out;
}

function formatNumber(n: number, fmt: string): string {
  const section = fmt.split(';')[0] ?? fmt;
  const percent = section.includes('%');
  const prefixMatch = /^([^0#.,]*)/.exec(section.replace(/"([^"]*)"/g, '$1'));
  const prefix = (prefixMatch?.[1] ?? '').replace(/[\\]/g, '');
  const body = /[0#][0#,]*(?:\.[0#]+)?/.exec(section)?.[0];
  if (!body) return String(n);
  const decimals = (body.split('.')[1] ?? '').length;
  const grouping = body.includes(',');
  const value = percent ? n * 100 : n;
  const abs = Math.abs(value);
  let text = abs.toFixed(decimals);
  if (grouping) {
    const [int, frac] = text.split('.');
    text = (int ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
  }
  const suffixMatch = /[0#](?:[^0#]*)$/.exec(section);
  const suffix = (suffixMatch?.[0].slice(1) ?? '').replace(/"([^"]*)"/g, '$1').replace(/[\\]/g, '');
  return `${value < 0 ? '-' : ''}${prefix}${text}${suffix}`;
}

/**
 * What Sheets would display. Supports common number formats (`0`, `0.00`, `#,##0.00`,
 * `$#,##0`, `0%`, `0.0%`, `@`) and date formats (`yyyy-mm-dd`, `dd/mm/yyyy`, `mmm d, yyyy`,
 * `h:mm`…). Dates without a format show as `yyyy-MM-dd` (plus ` HH:mm:ss` when not midnight).
 */
export function displayValue(value: CellValue, format: string | undefined, timeZone: string): string {
  if (value === '') return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  const isDateFormat = format !== undefined && /[yd]|h+:m|m+:s/i.test(format.replace(/"[^"]*"/g, ''));
  if (isDate(value)) {
    if (format && isDateFormat)
      return formatJavaDate(value.getTime(), timeZone, sheetsDatePatternToJava(format));
    const p = zonedParts(value.getTime(), timeZone);
    const midnight = p.hour === 0 && p.minute === 0 && p.second === 0;
    return formatJavaDate(value.getTime(), timeZone, midnight ? 'yyyy-MM-dd' : 'yyyy-MM-dd HH:mm:ss');
  }
  if (!format || format === 'General' || format === '@') return String(value);
  if (isDateFormat) {
    // A serial number shown as a date: days since 1899-12-30.
    const ms = Date.UTC(1899, 11, 30) + value * 86_400_000;
    return formatJavaDate(ms, 'UTC', sheetsDatePatternToJava(format));
  }
  return formatNumber(value, format);
}
