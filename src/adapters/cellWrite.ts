/**
 * The one way the adapters write values into cells, so that text reads back exactly as it was.
 *
 * `Range.setValues` parses strings as if a user typed them (the Sheets API's USER_ENTERED: "strings
 * may be converted to numbers, dates, etc. following the same rules that are applied when entering
 * text into a cell via the Google Sheets UI"): `TRUE` becomes a boolean, `0012` the number 12,
 * `1e3` 1000, `40%` 0.4, `2026-02-01` and `2/1/2026` dates, `$1,000` a number, a leading `'` is
 * dropped, and `=…` (or `+…`, `-…`, `@…` in the UI) is a formula. Typed input is kept as text by
 * a leading apostrophe, which Sheets hides and `getValue()` does not return; so every text that
 * Sheets could read as something else is written with one. That also neutralises formulas.
 *
 * Exception: a cell formatted as plain text (`@`) keeps what is written as it is, apostrophe
 * included, so text goes there without one. Only when a block holds such at-risk text are the
 * block's number formats read (one call); most writes (stage names, people's names) need none.
 * Numbers, booleans and Dates the add-on means as such are written as they are.
 */
type Range = GoogleAppsScript.Spreadsheet.Range;

/** A value for a cell: '' (or null/undefined) clears it. */
export type CellInput = string | number | boolean | Date | null | undefined;

/**
 * Text no Sheets parser turns into anything else: starts with a letter, has no digit, and is not
 * a boolean. (`Proposal`, `Ana Souza`, `Send the quote`.) Everything else is at risk.
 */
export function isInertText(text: string): boolean {
  return /^\p{L}[^\d]*$/u.test(text) && !/^(?:true|false)$/i.test(text.trim()) && !/\s$/.test(text);
}

/** Is a number format plain text (`@`)? */
export function isPlainTextFormat(format: unknown): boolean {
  return format === '@';
}

/**
 * The string to write so that a cell of this number format stores exactly `text`. In a plain-text
 * cell text is stored as written, except that a leading `=` may still make a formula (Google
 * documents no exception), so such text keeps its apostrophe there: safe, though then visible.
 */
export function textToWrite(text: string, format: unknown): string {
  if (text === '' || isInertText(text)) return text;
  if (isPlainTextFormat(format) && text[0] !== '=') return text;
  return `'${text}`;
}

function needsFormat(value: CellInput): boolean {
  return typeof value === 'string' && value !== '' && !isInertText(value);
}

/**
 * Writes a block (rows × columns matching the range) with one `setValues`: text stored as text,
 * everything else as it is. Returns the range, for chaining.
 */
export function writeCells(range: Range, rows: readonly (readonly CellInput[])[]): Range {
  let formats: string[][] | null = null;
  if (rows.some((row) => row.some(needsFormat))) formats = range.getNumberFormats();
  const out = rows.map((row, i) =>
    row.map((value, j) => {
      if (value === null || value === undefined) return '';
      if (typeof value !== 'string') return value;
      return textToWrite(value, formats?.[i]?.[j]);
    }),
  );
  return range.setValues(out);
}
