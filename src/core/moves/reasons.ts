import { cellText } from '../model/text';

/**
 * Lost reasons used before, most used first (ties alphabetically), each in its first spelling;
 * reasons differing only in case are one reason. Blank cells are skipped.
 */
export function rankReasons(values: Iterable<unknown>, limit = 30): string[] {
  const counts = new Map<string, { text: string; n: number }>();
  for (const value of values) {
    const text = cellText(value);
    if (text === '') continue;
    const key = text.toLowerCase();
    const seen = counts.get(key);
    if (seen) seen.n++;
    else counts.set(key, { text, n: 1 });
  }
  return [...counts.values()]
    .sort((a, b) => b.n - a.n || a.text.localeCompare(b.text))
    .slice(0, limit)
    .map((c) => c.text);
}
