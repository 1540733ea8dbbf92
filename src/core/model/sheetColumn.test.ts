import {
  columnOfIndex,
  indexOfColumn,
  letterOf,
  nextColumn,
  type SheetColumn,
  sheetColumn,
  valueIn,
} from './sheetColumn';

// A row as getValues() gives it: column A holds 'a' at index 0.
const ROW = ['a', 'b', 'c'];

test('a sheet column is 1-based and an index 0-based: column A is 1, index 0', () => {
  expect(columnOfIndex(0)).toBe(1);
  expect(indexOfColumn(sheetColumn(1))).toBe(0);
  expect(valueIn(ROW, sheetColumn(1))).toBe('a');
  expect(valueIn(ROW, columnOfIndex(2))).toBe('c');
  expect(valueIn(ROW, sheetColumn(4))).toBeUndefined();
  // 26 letters: index 25 is Z (column 26), the next is AA (column 27).
  expect(letterOf(columnOfIndex(25))).toBe('Z');
  expect(letterOf(nextColumn(sheetColumn(26)))).toBe('AA');
});

test('only whole numbers from 1 are sheet columns', () => {
  expect(() => sheetColumn(0)).toThrow('0 is not a sheet column (1-based)');
  expect(() => sheetColumn(2.5)).toThrow(RangeError);
});

test('the type keeps a plain number from passing as a sheet column', () => {
  // @ts-expect-error a 0-based index (a plain number) is not a SheetColumn
  const wrong: SheetColumn = 2;
  const right: SheetColumn = columnOfIndex(2);
  // Read as a sheet column, the plain 2 would be B where index 2 meant C: the reason for the brand.
  expect(valueIn(ROW, wrong)).toBe('b');
  expect(valueIn(ROW, right)).toBe('c');
});
