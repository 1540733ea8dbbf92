/**
 * Volatile arguments of custom functions. Google's custom-functions guide
 * (https://developers.google.com/apps-script/guides/sheets/functions#arguments): "Custom function
 * arguments must be deterministic. That is, built-in spreadsheet functions that return a different
 * result each time they calculate — such as NOW() or RAND() — are not allowed as arguments to a
 * custom function. If a custom function tries to return a value based on one of these volatile
 * built-in functions, it will display Loading... indefinitely."
 *
 * The conservative reading, which the host and the playground enforce: an argument of a
 * `PIPELINE_*` call is refused when it calls a volatile built-in (NOW, TODAY, RAND, RANDBETWEEN,
 * RANDARRAY) itself, or refers to a cell or range holding a formula that does — directly or
 * through any chain of other formula cells (a cell is volatile when its formula calls one, or
 * refers to a volatile cell). TODAY counts: it changes daily. Cells a volatile formula spills
 * into are not tracked (only the formula's own cell is).
 */
import { lettersToColumn } from './a1';
import type { SheetModel, SpreadsheetModel } from './model';

export const VOLATILE_FUNCTIONS: readonly string[] = ['NOW', 'TODAY', 'RAND', 'RANDBETWEEN', 'RANDARRAY'];

/** The add-on's custom functions. */
export const CUSTOM_FUNCTION = /^PIPELINE_[A-Z0-9_]+$/i;

/** What Sheets shows in a cell whose custom function got a volatile argument. */
export const LOADING = 'Loading...';

/** A rectangle, 1-based and inclusive; open ends are Infinity. */
interface Rect {
  readonly sheetId: number;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

type Token =
  | { kind: 'func'; name: string }
  | { kind: 'ref'; text: string; rect: Rect | null }
  | { kind: 'open' | 'close' | 'comma' | 'other'; text: string };

/** One refused argument. */
export interface VolatileArgument {
  /** The cell holding the custom function: `Report!D18`. */
  readonly cell: string;
  readonly formula: string;
  /** The custom function called, upper-case. */
  readonly fn: string;
  /** 1-based position of the argument, and its text. */
  readonly position: number;
  readonly argument: string;
  /** Why: `calls TODAY()`, or `refers to Report!B2 (=TODAY())`. */
  readonly reason: string;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d+)$/;

function a1Of(sheet: SheetModel, row: number, col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${sheet.name}!${letters}${row}`;
}

/** A bound of a range: a cell, a column or a row, as [row, col] (NaN where open). */
function bound(word: string): [number, number] | null {
  let m = CELL.exec(word);
  if (m) return [Number(m[2]), lettersToColumn(m[1] as string)];
  m = COLUMN.exec(word);
  if (m) return [Number.NaN, lettersToColumn(m[1] as string)];
  m = ROW.exec(word);
  if (m) return [Number(m[1]), Number.NaN];
  return null;
}

/** The rectangle `first[:second]` names on a sheet, or a named range; null when it is neither. */
function resolve(
  ss: SpreadsheetModel,
  home: SheetModel,
  sheetName: string | null,
  first: string,
  second: string | null,
): Rect | null {
  const sheet = sheetName === null ? home : ss.sheetByName(sheetName);
  if (!sheet) return null;
  if (second === null) {
    const m = CELL.exec(first);
    if (m) {
      const row = Number(m[2]);
      const col = lettersToColumn(m[1] as string);
      return { sheetId: sheet.id, top: row, left: col, bottom: row, right: col };
    }
    // A named range (case-insensitive, like Sheets' names).
    for (const [name, ref] of ss.namedRanges) {
      if (name.toLowerCase() !== first.toLowerCase()) continue;
      return {
        sheetId: ref.sheetId,
        top: ref.openCols ? 1 : ref.row,
        left: ref.openCols ? 1 : ref.col,
        bottom: ref.openRows ? Number.POSITIVE_INFINITY : ref.row + ref.numRows - 1,
        right: ref.openCols ? Number.POSITIVE_INFINITY : ref.col + ref.numCols - 1,
      };
    }
    return null;
  }
  const a = bound(first);
  const b = bound(second);
  if (!a || !b) return null;
  const rows = [a[0], b[0]].filter((n) => !Number.isNaN(n));
  const cols = [a[1], b[1]].filter((n) => !Number.isNaN(n));
  return {
    sheetId: sheet.id,
    // `A:B` spans every row; `A13:A` runs from row 13 down; `2:5` spans every column.
    top: Number.isNaN(a[0]) ? 1 : Math.min(...rows),
    bottom: Number.isNaN(a[0]) || Number.isNaN(b[0]) ? Number.POSITIVE_INFINITY : Math.max(...rows),
    left: Number.isNaN(a[1]) ? 1 : Math.min(...cols),
    right: Number.isNaN(a[1]) || Number.isNaN(b[1]) ? Number.POSITIVE_INFINITY : Math.max(...cols),
  };
}

const WORD = /[A-Za-z0-9_.$]/;

/**
 * The tokens of a formula that matter here: function names (a word followed by `(`), references
 * (cells, ranges, named ranges, each with its sheet), parentheses and argument separators.
 */
export function formulaTokens(formula: string, ss: SpreadsheetModel, home: SheetModel): Token[] {
  const s = formula.startsWith('=') ? formula.slice(1) : formula;
  const out: Token[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < s.length && /\s/.test(s[i] as string)) i++;
  };
  const readWord = (): string => {
    const start = i;
    while (i < s.length && WORD.test(s[i] as string)) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    const ch = s[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      i++;
      while (i < s.length) {
        if (s[i] === '"' && s[i + 1] === '"') i += 2;
        else if (s[i] === '"') break;
        else i++;
      }
      i++;
      out.push({ kind: 'other', text: 'string' });
      continue;
    }
    let sheetName: string | null = null;
    const start = i;
    if (ch === "'") {
      let name = '';
      i++;
      while (i < s.length) {
        if (s[i] === "'" && s[i + 1] === "'") {
          name += "'";
          i += 2;
        } else if (s[i] === "'") break;
        else name += s[i++];
      }
      i++; // closing quote
      if (s[i] !== '!') {
        out.push({ kind: 'other', text: name });
        continue;
      }
      i++;
      sheetName = name;
    }
    if (sheetName !== null || WORD.test(ch)) {
      let word = readWord();
      if (sheetName === null && s[i] === '!') {
        sheetName = word;
        i++;
        word = readWord();
      }
      const afterWord = i;
      skipSpace();
      if (sheetName === null && s[i] === '(' && /^[A-Za-z_][\w.]*$/.test(word)) {
        out.push({ kind: 'func', name: word.toUpperCase() });
        continue;
      }
      let second: string | null = null;
      if (s[i] === ':') {
        i++;
        skipSpace();
        // `Sheet1!A1:Sheet1!B2` is not Sheets syntax; the second bound is a plain word.
        second = readWord();
      } else i = afterWord;
      const rect =
        /^[\d.]+$/.test(word) && second === null ? null : resolve(ss, home, sheetName, word, second);
      out.push({ kind: 'ref', text: s.slice(start, i).trim(), rect });
      continue;
    }
    i++;
    if (ch === '(') out.push({ kind: 'open', text: ch });
    else if (ch === ')') out.push({ kind: 'close', text: ch });
    else if (ch === ',' || ch === ';') out.push({ kind: 'comma', text: ch });
    else out.push({ kind: 'other', text: ch });
  }
  return out;
}

/** The volatile function a token list calls, if any. */
function volatileCall(tokens: readonly Token[]): string | null {
  for (const t of tokens) if (t.kind === 'func' && VOLATILE_FUNCTIONS.includes(t.name)) return t.name;
  return null;
}

function inside(rect: Rect, sheetId: number, row: number, col: number): boolean {
  return (
    rect.sheetId === sheetId && row >= rect.top && row <= rect.bottom && col >= rect.left && col <= rect.right
  );
}

interface FormulaCell {
  readonly sheet: SheetModel;
  readonly row: number;
  readonly col: number;
  readonly formula: string;
  readonly tokens: Token[];
}

/** Why a cell is volatile: its own call, or the volatile cell it refers to. */
interface Volatility {
  readonly cell: FormulaCell;
  readonly why: string;
}

/**
 * Every formula cell of the spreadsheet that is volatile, by `sheetId:row:col`: its formula calls
 * a volatile built-in, or refers to a volatile cell (followed to a fixed point, so any depth).
 */
export function volatileCells(ss: SpreadsheetModel): Map<string, Volatility> {
  const cells: FormulaCell[] = [];
  for (const sheet of ss.sheets) {
    sheet.rows.forEach((line, r) => {
      line?.forEach((cell, c) => {
        if (cell?.formula === undefined) return;
        cells.push({
          sheet,
          row: r + 1,
          col: c + 1,
          formula: cell.formula,
          tokens: formulaTokens(cell.formula, ss, sheet),
        });
      });
    });
  }
  const found = new Map<string, Volatility>();
  const key = (c: FormulaCell) => `${c.sheet.id}:${c.row}:${c.col}`;
  for (const c of cells) {
    const fn = volatileCall(c.tokens);
    if (fn) found.set(key(c), { cell: c, why: `${fn}()` });
  }
  let grew = found.size > 0;
  while (grew) {
    grew = false;
    for (const c of cells) {
      if (found.has(key(c))) continue;
      const hit = refersTo(c.tokens, found);
      if (hit) {
        found.set(key(c), { cell: c, why: `${a1Of(hit.cell.sheet, hit.cell.row, hit.cell.col)}` });
        grew = true;
      }
    }
  }
  return found;
}

function refersTo(tokens: readonly Token[], volatile: Map<string, Volatility>): Volatility | null {
  for (const t of tokens) {
    if (t.kind !== 'ref' || t.rect === null) continue;
    for (const v of volatile.values()) if (inside(t.rect, v.cell.sheet.id, v.cell.row, v.cell.col)) return v;
  }
  return null;
}

/** The arguments of each custom-function call in a token list: [name, argument tokens[]]. */
function customCalls(tokens: readonly Token[]): { fn: string; args: Token[][] }[] {
  const calls: { fn: string; args: Token[][] }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'func' || !CUSTOM_FUNCTION.test(t.name) || tokens[i + 1]?.kind !== 'open') continue;
    const args: Token[][] = [[]];
    let depth = 0;
    for (let j = i + 2; j < tokens.length; j++) {
      const u = tokens[j] as Token;
      if (u.kind === 'open') depth++;
      if (u.kind === 'close') {
        if (depth === 0) break;
        depth--;
      }
      if (u.kind === 'comma' && depth === 0) args.push([]);
      else (args[args.length - 1] as Token[]).push(u);
    }
    calls.push({ fn: t.name, args: args.length === 1 && args[0]?.length === 0 ? [] : args });
  }
  return calls;
}

function argumentText(tokens: readonly Token[]): string {
  return tokens
    .map((t) =>
      t.kind === 'func' ? `${t.name}` : t.kind === 'other' && t.text === 'string' ? '"…"' : t.text,
    )
    .join('');
}

/**
 * The refused arguments of one formula on `home` (what Sheets would leave on "Loading..."),
 * given the spreadsheet's volatile cells (`volatileCells`).
 */
export function volatileArgumentsOf(
  formula: string,
  ss: SpreadsheetModel,
  home: SheetModel,
  volatile: Map<string, Volatility>,
  cell = '',
): VolatileArgument[] {
  if (!/PIPELINE_/i.test(formula)) return [];
  const out: VolatileArgument[] = [];
  for (const call of customCalls(formulaTokens(formula, ss, home))) {
    call.args.forEach((arg, i) => {
      const fn = volatileCall(arg);
      let reason: string | null = fn ? `calls ${fn}()` : null;
      if (!reason) {
        const hit = refersTo(arg, volatile);
        if (hit) {
          const where = a1Of(hit.cell.sheet, hit.cell.row, hit.cell.col);
          reason = `refers to ${where} (${hit.cell.formula}), which ${
            hit.why.endsWith('()') ? `calls ${hit.why}` : `depends on ${hit.why}`
          }`;
        }
      }
      if (reason)
        out.push({ cell, formula, fn: call.fn, position: i + 1, argument: argumentText(arg), reason });
    });
  }
  return out;
}

/** Every refused custom-function argument in the spreadsheet, sheet by sheet, row by row. */
export function findVolatileArguments(ss: SpreadsheetModel): VolatileArgument[] {
  const volatile = volatileCells(ss);
  const out: VolatileArgument[] = [];
  for (const sheet of ss.sheets) {
    sheet.rows.forEach((line, r) => {
      line?.forEach((cell, c) => {
        if (cell?.formula === undefined) return;
        out.push(...volatileArgumentsOf(cell.formula, ss, sheet, volatile, a1Of(sheet, r + 1, c + 1)));
      });
    });
  }
  return out;
}

/** One line per refused argument, for a test failure or a log. */
export function describeVolatileArguments(found: readonly VolatileArgument[]): string {
  return found
    .map((f) => `${f.cell} ${f.formula}: argument ${f.position} of ${f.fn} (${f.argument}) ${f.reason}`)
    .join('\n');
}
