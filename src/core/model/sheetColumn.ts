/**
 * Column numbers that cannot be mixed up (issue 10). A `SheetColumn` is 1-based, as
 * `Sheet.getRange(row, column)` takes it (A = 1); an index into a row of `getValues()` is a plain
 * 0-based number (A = 0), as `mapDealColumns` gives it. The brand makes a plain number a type
 * error wherever a sheet column is expected, so a 0-based index can never be passed as one: every
 * conversion goes through a function below that says which way it goes. (The deals sheet's
 * adapter does the same by name: `DealsSheet.index` is 0-based, `sheetColumn()` 1-based.)
 */
import { columnLetter } from './columns';

declare const SHEET_COLUMN: unique symbol;

/** A 1-based sheet column (A = 1). */
export type SheetColumn = number & { readonly [SHEET_COLUMN]: true };

/** A 1-based column number given as such (a constant, a test): a whole number from 1. */
export function sheetColumn(n: number): SheetColumn {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${n} is not a sheet column (1-based)`);
  return n as SheetColumn;
}

/** The sheet column of a 0-based index into a row's values (index 0 is column A = 1). */
export function columnOfIndex(index: number): SheetColumn {
  return (index + 1) as SheetColumn;
}

/** The 0-based index, into a row's values, of a sheet column. */
export function indexOfColumn(column: SheetColumn): number {
  return column - 1;
}

/** The value in a sheet column of a row as `getValues()` gives it (undefined past its end). */
export function valueIn<T>(row: readonly T[], column: SheetColumn): T | undefined {
  return row[column - 1];
}

/** The column just right of another. */
export function nextColumn(column: SheetColumn): SheetColumn {
  return (column + 1) as SheetColumn;
}

/** A sheet column's letters: 1 → A, 27 → AA. */
export function letterOf(column: SheetColumn): string {
  return columnLetter(column - 1);
}
