/**
 * A1-notation helpers shared by the fake spreadsheet and by anyone else in the repo.
 * Rows and columns are 1-based, like Apps Script. An absent bound means "open"
 * (e.g. `A:Q` has no row bounds, `2:5` has no column bounds).
 */

export interface A1Ref {
  sheet?: string;
  startRow?: number;
  startCol?: number;
  endRow?: number;
  endCol?: number;
}

/** Column number → letters: 1 → A, 26 → Z, 27 → AA, 702 → ZZ. */
export function columnToLetters(col: number): string {
  if (!Number.isInteger(col) || col < 1) throw new Error(`Invalid column number: ${col}`);
  let n = col;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Letters → column number: A → 1, AA → 27, ZZ → 702 (case-insensitive). */
export function lettersToColumn(letters: string): number {
  if (!/^[A-Za-z]+$/.test(letters)) throw new Error(`Invalid column letters: ${letters}`);
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Splits `'My Sheet'!A1:B2` into the sheet name (unquoted) and the range part. */
export function splitSheetName(a1: string): { sheet?: string; range: string } {
  const text = a1.trim();
  if (text.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < text.length) {
      const ch = text[i];
      if (ch === "'") {
        if (text[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += ch;
      i++;
    }
    if (text[i] !== "'" || text[i + 1] !== '!') throw new Error('Range not found');
    return { sheet: name, range: text.slice(i + 2) };
  }
  const bang = text.lastIndexOf('!');
  if (bang < 0) return { range: text };
  return { sheet: text.slice(0, bang), range: text.slice(bang + 1) };
}

interface Endpoint {
  row?: number;
  col?: number;
}

function parseEndpoint(part: string): Endpoint | null {
  const m = /^\$?([A-Za-z]*)\$?(\d*)$/.exec(part.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  const ep: Endpoint = {};
  if (m[1]) ep.col = lettersToColumn(m[1]);
  if (m[2]) {
    const row = Number(m[2]);
    if (row < 1) return null;
    ep.row = row;
  }
  return ep;
}

/** Parses A1 notation; returns null when it is not valid A1. */
export function tryParseA1(a1: string): A1Ref | null {
  let split: { sheet?: string; range: string };
  try {
    split = splitSheetName(a1);
  } catch {
    return null;
  }
  const parts = split.range.split(':');
  if (parts.length > 2 || parts[0] === undefined) return null;
  const a = parseEndpoint(parts[0]);
  if (!a) return null;
  const ref: A1Ref = {};
  if (split.sheet !== undefined) ref.sheet = split.sheet;
  if (parts.length === 1) {
    if (a.row === undefined || a.col === undefined) return null;
    return { ...ref, startRow: a.row, startCol: a.col, endRow: a.row, endCol: a.col };
  }
  const b = parseEndpoint(parts[1] ?? '');
  if (!b) return null;
  // Whole columns (A:Q), whole rows (2:5) or half-open (A2:Q = A2 to the bottom of Q).
  if (a.col === undefined && b.col !== undefined) return null;
  if (a.row === undefined && b.row !== undefined && a.col !== undefined) return null;
  const r1 = a.row;
  const r2 = b.row;
  const c1 = a.col;
  const c2 = b.col;
  if (r1 !== undefined) ref.startRow = r2 !== undefined ? Math.min(r1, r2) : r1;
  if (r2 !== undefined) ref.endRow = r1 !== undefined ? Math.max(r1, r2) : r2;
  if (c1 !== undefined) ref.startCol = c2 !== undefined ? Math.min(c1, c2) : c1;
  if (c2 !== undefined) ref.endCol = c1 !== undefined ? Math.max(c1, c2) : c2;
  if (ref.startRow === undefined && ref.endRow !== undefined) ref.startRow = 1;
  if (ref.startCol === undefined && ref.endCol !== undefined) ref.startCol = 1;
  return ref;
}

/** Parses A1 notation or throws `Range not found` like Apps Script. */
export function parseA1(a1: string): A1Ref {
  const ref = tryParseA1(a1);
  if (!ref) throw new Error('Range not found');
  return ref;
}

/** Quotes a sheet name for use in A1 notation when needed (`'My Sheet'`, `'Bob''s'`). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Formats a rectangle as A1 (`A1`, `A1:B2`, `A:Q`, `2:5`, `A2:Q`), optionally sheet-qualified. */
export function formatA1(ref: A1Ref): string {
  const prefix = ref.sheet !== undefined ? `${quoteSheetName(ref.sheet)}!` : '';
  const c1 = ref.startCol !== undefined ? columnToLetters(ref.startCol) : '';
  const c2 = ref.endCol !== undefined ? columnToLetters(ref.endCol) : '';
  const r1 = ref.startRow !== undefined ? String(ref.startRow) : '';
  const r2 = ref.endRow !== undefined ? String(ref.endRow) : '';
  const start = `${c1}${r1}`;
  const end = `${c2}${r2}`;
  if (start === end && r1 !== '' && c1 !== '') return prefix + start;
  return `${prefix}${start}:${end}`;
}

/** `cellA1(5, 3)` → `C5`. */
export function cellA1(row: number, col: number): string {
  return `${columnToLetters(col)}${row}`;
}
