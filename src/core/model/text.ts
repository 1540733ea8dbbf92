/** Header and name matching: case, spacing and punctuation are ignored. */
export function normalizeKey(text: unknown): string {
  return String(text ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** What turns a Date into a calendar day of the spreadsheet's time zone (a `Calendar`). */
export interface DayReader {
  dayOf(date: Date): number | null;
}

/**
 * A cell value as trimmed text ('' for blank). Dates are rendered as ISO days: with a calendar,
 * the day in the spreadsheet's time zone (a date cell is local midnight, which east of UTC is
 * still the day before in UTC); without one, the UTC day.
 */
export function cellText(value: unknown, calendar?: DayReader): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    // Fast path: most cells have nothing to trim.
    const n = value.length;
    if (n === 0 || (value.charCodeAt(0) > 32 && value.charCodeAt(n - 1) > 32)) return value;
    return value.trim();
  }
  if (isDateLike(value)) return dateText(value, calendar);
  return String(value).trim();
}

function dateText(date: Date, calendar: DayReader | undefined): string {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) return '';
  const day = calendar ? calendar.dayOf(date) : Math.floor(ms / 86_400_000);
  return day === null ? '' : new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** Duck-typed Date check: values crossing a vm boundary fail `instanceof Date`. */
export function isDateLike(value: unknown): value is Date {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Date).getTime === 'function' &&
    typeof (value as Date).getFullYear === 'function'
  );
}

/** Quote a user value inside an error message, shortened so the message stays readable. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : cellText(value);
  return `"${text.length > 40 ? `${text.slice(0, 37)}...` : text}"`;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** `1 deal`, `3 deals`; `many` for irregular plurals (`plural(2, 'deal an ID', 'deals IDs')`). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
