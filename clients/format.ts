/** How the sidebar writes numbers, percentages and days. */

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const dayFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
});

export function formatAmount(amount: number | null, raw = ''): string {
  if (amount === null) return raw ? `${raw} (not a number)` : '—';
  return number.format(amount);
}

export function formatPercent(fraction: number | null): string {
  return fraction === null ? '—' : `${Math.round(fraction * 1000) / 10}%`;
}

/** `2026-02-28` → `Feb 28, 2026` (days are calendar days: no time zone shift). */
export function formatDay(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : dayFormat.format(date);
}

export function formatDays(days: number | null): string {
  if (days === null) return '—';
  return days === 1 ? '1 day' : `${days} days`;
}

/** ISO day `n` days after `iso`. */
export function addDays(iso: string, n: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}
