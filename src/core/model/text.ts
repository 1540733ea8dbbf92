/** Header and name matching: case, spacing and punctuation are ignored. */
export function normalizeKey(text: unknown): string {
  return String(text ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** A cell value as trimmed text ('' for blank). Dates are rendered as ISO days. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (isDateLike(value)) return Number.isFinite(value.getTime()) ? value.toISOString().slice(0, 10) : '';
  return String(value).trim();
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
