/**
 * Formulas a custom function may not read. Google's custom-functions guide
 * (developers.google.com/apps-script/guides/sheets/functions#arguments): "Custom function
 * arguments must be deterministic … built-in spreadsheet functions that return a different
 * result each time they calculate — such as NOW() or RAND() — are not allowed". Sheets enforces it
 * on every cell a range argument covers, directly or through other cells, with the error "This
 * function is not allowed to reference a cell with NOW(), RAND(), RANDARRAY(), or RANDBETWEEN()".
 * So one such formula anywhere in the deals table breaks every `=PIPELINE_…(DEALS)` cell.
 *
 * The names are the ones that error names. TODAY() is left out here: it is not in that message, and
 * warning a team about a TODAY() column that works would be a false alarm. (The add-on's own
 * formulas never pass TODAY() either: the conservative reading, see src/core/dashboard/layout.ts.)
 */
const REFUSED = ['NOW', 'RAND', 'RANDARRAY', 'RANDBETWEEN'] as const;
export type RefusedFunction = (typeof REFUSED)[number];

/**
 * The first refused function `formula` calls, or null. Text in double quotes is not a call
 * (`="NOW()"`), nor a name that only ends like one (`MYNOW(`) or a sheet-qualified reference.
 */
export function refusedCall(formula: string): RefusedFunction | null {
  if (!formula.startsWith('=')) return null;
  // Drop string literals ("" inside is an escaped quote) so their text cannot match.
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  const call = /(?<![A-Za-z0-9_.!$'])([A-Za-z][A-Za-z0-9_.]*)\s*\(/g;
  for (let m = call.exec(code); m; m = call.exec(code)) {
    const name = m[1]!.toUpperCase();
    const found = REFUSED.find((r) => r === name);
    if (found) return found;
  }
  return null;
}
