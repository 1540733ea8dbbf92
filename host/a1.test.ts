import {
  cellA1,
  columnToLetters,
  formatA1,
  lettersToColumn,
  parseA1,
  splitSheetName,
  tryParseA1,
} from './a1';

describe('column letters', () => {
  test.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [53, 'BA'],
    [702, 'ZZ'],
    [703, 'AAA'],
  ])('%i <-> %s', (n, letters) => {
    expect(columnToLetters(n)).toBe(letters);
    expect(lettersToColumn(letters)).toBe(n);
  });

  test('lowercase letters are accepted', () => {
    expect(lettersToColumn('aa')).toBe(27);
  });
});

describe('parseA1', () => {
  test('single cell and rectangle', () => {
    expect(parseA1('B3')).toEqual({ startRow: 3, startCol: 2, endRow: 3, endCol: 2 });
    expect(parseA1('A1:C2')).toEqual({ startRow: 1, startCol: 1, endRow: 2, endCol: 3 });
  });

  test('reversed corners are normalised', () => {
    expect(parseA1('C2:A1')).toEqual({ startRow: 1, startCol: 1, endRow: 2, endCol: 3 });
  });

  test('absolute references', () => {
    expect(parseA1('$A$1:$B$2')).toEqual({ startRow: 1, startCol: 1, endRow: 2, endCol: 2 });
  });

  test('whole columns, whole rows and half-open ranges', () => {
    expect(parseA1('A:Q')).toEqual({ startCol: 1, endCol: 17 });
    expect(parseA1('2:5')).toEqual({ startRow: 2, endRow: 5 });
    expect(parseA1('A2:Q')).toEqual({ startRow: 2, startCol: 1, endCol: 17 });
  });

  test('multi-letter columns', () => {
    expect(parseA1('AA10:ZZ20')).toEqual({ startRow: 10, startCol: 27, endRow: 20, endCol: 702 });
  });

  test('sheet names, quoted and with escaped quotes', () => {
    expect(parseA1('Deals!A1')).toMatchObject({ sheet: 'Deals', startRow: 1 });
    expect(parseA1("'My Deals'!A1:B2")).toMatchObject({ sheet: 'My Deals', endCol: 2 });
    expect(parseA1("'Sheet''s'!B2")).toMatchObject({ sheet: "Sheet's", startRow: 2, startCol: 2 });
    expect(splitSheetName("'a!b'!C3")).toEqual({ sheet: 'a!b', range: 'C3' });
  });

  test('invalid input', () => {
    expect(tryParseA1('A0')).toBeNull();
    expect(tryParseA1('1A')).toBeNull();
    expect(tryParseA1('A1:B2:C3')).toBeNull();
    expect(tryParseA1('')).toBeNull();
    expect(() => parseA1('nope!!')).toThrow('Range not found');
  });
});

describe('formatA1', () => {
  test('round trips', () => {
    for (const a1 of ['A1', 'A1:B2', 'A:Q', '2:5', 'A2:Q', 'AA10:ZZ20'])
      expect(formatA1(parseA1(a1))).toBe(a1);
  });

  test('quotes sheet names when needed', () => {
    expect(formatA1({ sheet: 'Deals', startRow: 1, startCol: 1, endRow: 1, endCol: 1 })).toBe('Deals!A1');
    expect(formatA1({ sheet: "Bob's deals", startRow: 1, startCol: 1, endRow: 2, endCol: 2 })).toBe(
      "'Bob''s deals'!A1:B2",
    );
    expect(cellA1(5, 28)).toBe('AB5');
  });
});
