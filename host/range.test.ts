import { createGlobals } from './globals';
import { World } from './world';

function setup() {
  const world = new World();
  world.setSheet('Data', [
    ['Name', 'Amount', 'When'],
    ['Ana', 10, new Date('2026-01-02T00:00:00Z')],
  ]);
  const g = createGlobals(world);
  const sheet = g.SpreadsheetApp.getActive().getSheetByName('Data');
  if (!sheet) throw new Error('no sheet');
  return { world, g, sheet };
}

describe('reading', () => {
  test('getValues returns blanks as empty strings and a fresh 2-D array', () => {
    const { sheet } = setup();
    const values = sheet.getRange('A1:D3').getValues();
    expect(values).toEqual([
      ['Name', 'Amount', 'When', ''],
      ['Ana', 10, new Date('2026-01-02T00:00:00Z'), ''],
      ['', '', '', ''],
    ]);
    values[1]![1] = 99;
    expect(sheet.getRange('B2').getValue()).toBe(10);
  });

  test('dates come back as copies', () => {
    const { sheet, world } = setup();
    const d = sheet.getRange('C2').getValue() as Date;
    d.setUTCFullYear(1999);
    expect((world.cell('Data!C2').value as Date).toISOString()).toBe('2026-01-02T00:00:00.000Z');
  });

  test('a whole-column range spans every row of the sheet', () => {
    const { sheet } = setup();
    const range = sheet.getRange('A:C');
    expect(range.getNumRows()).toBe(1000);
    expect(range.getA1Notation()).toBe('A:C');
    const values = range.getValues();
    expect(values).toHaveLength(1000);
    expect(values[999]).toEqual(['', '', '']);
  });

  test('geometry', () => {
    const { sheet } = setup();
    const r = sheet.getRange(2, 2, 3, 4);
    expect([
      r.getRow(),
      r.getColumn(),
      r.getNumRows(),
      r.getNumColumns(),
      r.getLastRow(),
      r.getLastColumn(),
    ]).toEqual([2, 2, 3, 4, 4, 5]);
    expect(r.getA1Notation()).toBe('B2:E4');
    expect(r.offset(1, -1).getA1Notation()).toBe('A3:D5');
    expect(r.getCell(2, 3).getA1Notation()).toBe('D3');
    expect(r.getSheet().getName()).toBe('Data');
  });

  test('display values', () => {
    const { sheet } = setup();
    sheet.getRange('B2').setNumberFormat('#,##0.00');
    sheet.getRange('D1').setValue(1234.5);
    sheet.getRange('D1').setNumberFormat('$#,##0.00');
    sheet.getRange('E1').setValue(true);
    expect(sheet.getRange('B2').getDisplayValue()).toBe('10.00');
    expect(sheet.getRange('D1').getDisplayValue()).toBe('$1,234.50');
    expect(sheet.getRange('E1').getDisplayValue()).toBe('TRUE');
    expect(sheet.getRange('C2').getDisplayValue()).toBe('2026-01-02');
  });
});

describe('writing', () => {
  test('setValues with the wrong number of rows or columns throws like Google', () => {
    const { sheet } = setup();
    expect(() =>
      sheet.getRange('A1:B3').setValues([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    );
    expect(() => sheet.getRange('A1:C1').setValues([[1, 2]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
  });

  test('USER_ENTERED parsing', () => {
    const { sheet, world } = setup();
    sheet
      .getRange('A3:K3')
      .setValues([
        [
          '=SUM(B1:B2)',
          "'=not a formula",
          '42',
          '-3.5',
          '2026-03-04',
          '-call back',
          '+44 20',
          '@bob',
          '40%',
          'TRUE',
          '\t-x',
        ],
      ]);
    const cells = ['A3', 'B3', 'C3', 'D3', 'E3', 'F3', 'G3', 'H3', 'I3', 'J3', 'K3'].map((a) =>
      world.cell('Data', a),
    );
    expect(cells.map((c) => c.formula)).toEqual([
      '=SUM(B1:B2)',
      '',
      '',
      '',
      '',
      '=-call back',
      '=+44 20',
      '=bob',
      '',
      '',
      '',
    ]);
    expect(cells.map((c) => c.value)).toEqual([
      '',
      '=not a formula',
      42,
      -3.5,
      // 2026-03-04 midnight in Europe/London (GMT in March before the switch)
      new Date('2026-03-04T00:00:00Z'),
      '',
      '',
      '',
      0.4,
      true,
      '\t-x',
    ]);
  });

  test('ISO dates are midnight in the spreadsheet time zone', () => {
    const { sheet, g } = setup();
    g.SpreadsheetApp.getActive().setSpreadsheetTimeZone('America/New_York');
    sheet.getRange('A5').setValue('2026-07-01');
    expect((sheet.getRange('A5').getValue() as Date).toISOString()).toBe('2026-07-01T04:00:00.000Z');
  });

  test('null, undefined, numbers, booleans and Dates are stored as given', () => {
    const { sheet } = setup();
    const d = new Date('2026-05-05T12:00:00Z');
    sheet.getRange('A4:D4').setValues([[null, undefined, 7, false]]);
    sheet.getRange('E4').setValue(d);
    d.setUTCFullYear(2000);
    expect(sheet.getRange('A4:E4').getValues()).toEqual([
      ['', '', 7, false, new Date('2026-05-05T12:00:00Z')],
    ]);
  });

  test('setValue on a multi-cell range fills every cell', () => {
    const { sheet } = setup();
    sheet.getRange('E1:F2').setValue('x');
    expect(sheet.getRange('E1:F2').getValues()).toEqual([
      ['x', 'x'],
      ['x', 'x'],
    ]);
  });

  test('formulas read as empty without an evaluator and computed with one', () => {
    const { sheet, world } = setup();
    sheet.getRange('D2').setFormula('=B2*2');
    expect(sheet.getRange('D2').getValue()).toBe('');
    expect(sheet.getRange('D2').getFormula()).toBe('=B2*2');
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['', '']]);
    world.setFormulaEvaluator((name, row, col, formula) => `${name}!${row},${col}:${formula}`);
    expect(sheet.getRange('D2').getValue()).toBe('Data!2,4:=B2*2');
  });

  test('clear and clearContent', () => {
    const { sheet } = setup();
    sheet.getRange('B2').setBackground('#ff0000').setNote('n');
    sheet.getRange('B2').clearContent();
    expect(sheet.getRange('B2').getValue()).toBe('');
    expect(sheet.getRange('B2').getBackground()).toBe('#ff0000');
    sheet.getRange('B2').clear();
    expect(sheet.getRange('B2').getBackground()).toBe('#ffffff');
    expect(sheet.getRange('B2').getNote()).toBe('n');
    expect(sheet.getRange('A1:C2').isBlank()).toBe(false);
    expect(sheet.getRange('D1:E5').isBlank()).toBe(true);
  });

  test('Range.sort sorts rows inside the range only', () => {
    const { world, sheet } = setup();
    world.setSheet('S', [
      ['b', 2, 'keep1'],
      ['', 9, 'keep2'],
      ['A', 1, 'keep3'],
      [5, 3, 'keep4'],
    ]);
    const s = world.spreadsheet().sheetByName('S');
    expect(s).toBeDefined();
    const range = sheet.getParent().getSheetByName('S')!.getRange('A1:B4');
    range.sort(1);
    expect(world.sheetValues('S')).toEqual([
      [5, 3, 'keep1'],
      ['A', 1, 'keep2'],
      ['b', 2, 'keep3'],
      ['', 9, 'keep4'],
    ]);
    range.sort({ column: 2, ascending: false });
    expect(world.sheetValues('S').map((r) => r[1])).toEqual([9, 3, 2, 1]);
  });
});
