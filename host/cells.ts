/** Reading cells the way the API does (formula evaluation, copies) and sorting rows. */
import type { Cell, SheetModel } from './model';
import { type CellValue, copyValue, isDate } from './values';
import type { World } from './world';

/** Signature of a formula evaluator plugged in with `world.setFormulaEvaluator`. */
export type FormulaEvaluator = (sheet: string, row: number, col: number, formula: string) => unknown;

function normalise(v: unknown): CellValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : '#NUM!';
  if (isDate(v)) return new Date(v.getTime());
  return String(v);
}

/** The value a read returns for one cell: a fresh copy; formulas go through the evaluator. */
export function readValue(world: World, sheet: SheetModel, row: number, col: number): CellValue {
  const cell = sheet.cell(row, col);
  if (!cell) return '';
  if (cell.formula !== undefined && world.formulaEvaluator) {
    return normalise(world.formulaEvaluator(sheet.name, row, col, cell.formula));
  }
  return copyValue(cell.value);
}

type SortKey = { blank: true } | { blank: false; group: number; num: number; text: string };

function sortKey(v: CellValue): SortKey {
  if (v === '') return { blank: true };
  if (typeof v === 'number') return { blank: false, group: 0, num: v, text: '' };
  if (isDate(v)) return { blank: false, group: 0, num: v.getTime() / 86_400_000 + 25_569, text: '' };
  if (typeof v === 'boolean') return { blank: false, group: 2, num: v ? 1 : 0, text: '' };
  return { blank: false, group: 1, num: 0, text: v.toLowerCase() };
}

/**
 * Sheets' sort order: numbers and dates, then text (case-insensitive), then booleans;
 * blanks always last whatever the direction. Stable.
 */
export function compareForSort(a: CellValue, b: CellValue, ascending: boolean): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  if (ka.blank || kb.blank) return ka.blank === kb.blank ? 0 : ka.blank ? 1 : -1;
  let c = ka.group - kb.group;
  if (c === 0) c = ka.group === 1 ? (ka.text < kb.text ? -1 : ka.text > kb.text ? 1 : 0) : ka.num - kb.num;
  return ascending ? c : -c;
}

export interface SortSpec {
  column: number;
  ascending: boolean;
}

/** Parses Range.sort's argument: a column number, `{column, ascending}`, or an array of them. */
export function parseSortSpecs(spec: unknown): SortSpec[] {
  const list = Array.isArray(spec) ? spec : [spec];
  return list.map((s) => {
    if (typeof s === 'number') return { column: s, ascending: true };
    if (typeof s === 'object' && s !== null && 'column' in s) {
      const o = s as { column: unknown; ascending?: unknown };
      return { column: Number(o.column), ascending: o.ascending !== false };
    }
    throw new Error('Invalid argument: sortSpecObj');
  });
}

/** Order of `rows` (absolute row numbers) after sorting by the specs. */
export function sortedOrder(world: World, sheet: SheetModel, rows: number[], specs: SortSpec[]): number[] {
  const keyed = rows.map((r) => ({ r, values: specs.map((s) => readValue(world, sheet, r, s.column)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < specs.length; i++) {
      const c = compareForSort(a.values[i] ?? '', b.values[i] ?? '', specs[i]?.ascending ?? true);
      if (c !== 0) return c;
    }
    return 0;
  });
  return keyed.map((k) => k.r);
}

/** Deep-enough copy of a cell (for moving cells within a range sort). */
export function cloneCell(cell: Cell | undefined): Cell | undefined {
  return cell ? { ...cell, value: copyValue(cell.value) } : undefined;
}
