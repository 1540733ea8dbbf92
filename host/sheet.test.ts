import { createGlobals } from './globals';
import { World } from './world';

function setup() {
  const world = new World();
  world.setSheet(
    'Deals',
    [
      ['ID', 'Deal', 'Amount'],
      ['D1', 'Acme', 300],
      ['D2', 'Beta', 100],
      ['D3', 'Core', 200],
    ],
    { frozenRows: 1 },
  );
  const g = createGlobals(world);
  const ss = g.SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName('Deals')!;
  return { world, g, ss, sheet };
}

describe('Spreadsheet', () => {
  test('identity and sheets', () => {
    const { ss, world } = setup();
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`);
    expect(ss.getSpreadsheetTimeZone()).toBe('Europe/London');
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Deals']);
    expect(ss.getSheetByName('deals')?.getName()).toBe('Deals');
    expect(ss.getSheetByName('Nope')).toBeNull();
    expect(ss.getSheets()[0]!.getSheetId()).toBe(0);
    expect(world.spreadsheet().sheets).toHaveLength(2);
  });

  test('insertSheet: default names, duplicate names, becomes active', () => {
    const { ss } = setup();
    const s = ss.insertSheet();
    expect(s.getName()).toBe('Sheet3');
    expect(ss.getActiveSheet().getName()).toBe('Sheet3');
    expect(() => ss.insertSheet('Deals')).toThrow(
      'A sheet with the name "Deals" already exists. Please enter another name.',
    );
    const h = ss.insertSheet('History', 0);
    expect(h.getIndex()).toBe(1);
    expect(h.getMaxRows()).toBe(1000);
    expect(h.getMaxColumns()).toBe(26);
    ss.deleteSheet(h);
    expect(ss.getSheetByName('History')).toBeNull();
  });

  test('getRange with a sheet name and selection per user', () => {
    const { ss, world, g } = setup();
    expect(ss.getRange('Deals!B2').getValue()).toBe('Acme');
    world.select('owner@example.com', 'Deals!A3:C3');
    expect(g.SpreadsheetApp.getActiveRange().getA1Notation()).toBe('A3:C3');
    expect(g.SpreadsheetApp.getActiveSheet().getName()).toBe('Deals');
    expect(ss.getCurrentCell().getA1Notation()).toBe('A3');
    const other = createGlobals(world, { user: 'ana@example.com' });
    expect(other.SpreadsheetApp.getActiveRange().getA1Notation()).toBe('A1');
    expect(other.SpreadsheetApp.getActiveSheet().getName()).toBe('Sheet1');
  });
});

describe('Sheet dimensions', () => {
  test('getLastRow/getLastColumn ignore formatting and count past blank rows', () => {
    const { sheet } = setup();
    sheet.getRange('A10').setValue('x');
    sheet.getRange('Z20').setBackground('#eeeeee');
    expect(sheet.getLastRow()).toBe(10);
    expect(sheet.getLastColumn()).toBe(3);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C10');
  });

  test('an empty sheet has last row 0 and a data range of A1', () => {
    const { ss } = setup();
    const s = ss.insertSheet('Empty');
    expect(s.getLastRow()).toBe(0);
    expect(s.getLastColumn()).toBe(0);
    expect(s.getDataRange().getA1Notation()).toBe('A1');
  });

  test('getRange argument errors', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange('AA1')).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
  });

  test('appendRow writes after the last row and grows the sheet', () => {
    const { sheet, world } = setup();
    sheet.appendRow(['D4', 'Delta', '400']);
    expect(world.sheetValues('Deals')[4]).toEqual(['D4', 'Delta', 400]);
    world.setSheet(
      'Full',
      Array.from({ length: 1000 }, (_, i) => [i + 1]),
    );
    const full = sheet.getParent().getSheetByName('Full')!;
    full.appendRow(['new']);
    expect(full.getMaxRows()).toBe(1001);
    expect(full.getRange(1001, 1).getValue()).toBe('new');
  });
});

describe('structural changes', () => {
  test('insertRowBefore shifts stored cells down, formulas stay as text', () => {
    const { sheet, world } = setup();
    sheet.getRange('D3').setFormula('=C3*2');
    sheet.insertRowBefore(3);
    expect(world.sheetValues('Deals').map((r) => r[0])).toEqual(['ID', 'D1', '', 'D2', 'D3']);
    expect(world.formulaAt('Deals', 'D4')).toBe('=C3*2');
    expect(sheet.getMaxRows()).toBe(1001);
    sheet.insertRowsAfter(1, 2);
    expect(world.sheetValues('Deals').map((r) => r[0])).toEqual(['ID', '', '', 'D1', '', 'D2', 'D3']);
  });

  test('deleteRow and deleteRows shift cells up', () => {
    const { sheet, world } = setup();
    sheet.deleteRow(2);
    expect(world.sheetValues('Deals').map((r) => r[0])).toEqual(['ID', 'D2', 'D3']);
    sheet.deleteRows(2, 2);
    expect(world.sheetValues('Deals')).toEqual([['ID', 'Deal', 'Amount']]);
    expect(sheet.getMaxRows()).toBe(997);
    expect(() => sheet.deleteRow(5000)).toThrow('Those rows are out of bounds.');
  });

  test('column insert/delete shift cells sideways', () => {
    const { sheet, world } = setup();
    sheet.insertColumnAfter(1);
    expect(world.sheetValues('Deals')[0]).toEqual(['ID', '', 'Deal', 'Amount']);
    sheet.deleteColumn(3);
    expect(world.sheetValues('Deals')[0]).toEqual(['ID', '', 'Amount']);
    expect(sheet.getMaxColumns()).toBe(26);
  });

  test('Sheet.sort keeps the frozen header and moves whole rows', () => {
    const { sheet, world } = setup();
    sheet.getRange('A2').setBackground('#ff0000');
    sheet.sort(3);
    expect(world.sheetValues('Deals').map((r) => r[0])).toEqual(['ID', 'D2', 'D3', 'D1']);
    expect(world.cell('Deals', 'A4').background).toBe('#ff0000');
    sheet.sort(3, false);
    expect(world.sheetValues('Deals').map((r) => r[2])).toEqual(['Amount', 300, 200, 100]);
  });

  test('Sheet.sort without frozen rows sorts every row', () => {
    const { sheet, world } = setup();
    sheet.setFrozenRows(0);
    sheet.sort(2);
    expect(world.sheetValues('Deals').map((r) => r[1])).toEqual(['Acme', 'Beta', 'Core', 'Deal']);
  });

  test('named ranges follow inserted and deleted rows', () => {
    const { ss, sheet } = setup();
    ss.setNamedRange('DEALS', sheet.getRange('A1:C4'));
    ss.setNamedRange('FIRST', sheet.getRange('A2'));
    ss.setNamedRange('COLS', sheet.getRange('A:C'));
    sheet.insertRowBefore(1);
    expect(ss.getRangeByName('DEALS')?.getA1Notation()).toBe('A2:C5');
    sheet.insertRowAfter(3);
    expect(ss.getRangeByName('DEALS')?.getA1Notation()).toBe('A2:C6');
    sheet.deleteRows(1, 2);
    expect(ss.getRangeByName('DEALS')?.getA1Notation()).toBe('A1:C4');
    expect(ss.getRangeByName('first')?.getA1Notation()).toBe('A1');
    expect(ss.getRangeByName('COLS')?.getA1Notation()).toBe('A:C');
    ss.setNamedRange('GONE', sheet.getRange('A10'));
    sheet.deleteRow(10);
    expect(ss.getRangeByName('GONE')).toBeNull();
    expect(ss.getNamedRanges().map((n) => n.getName())).toEqual(['DEALS', 'FIRST', 'COLS']);
  });
});

describe('validation, conditional formats and charts', () => {
  test('data validation from a range', () => {
    const { g, ss, sheet } = setup();
    const stages = ss.insertSheet('Stages');
    const rule = g.SpreadsheetApp.newDataValidation()
      .requireValueInRange(stages.getRange('A2:A'), true)
      .setAllowInvalid(false)
      .setHelpText('Pick a stage')
      .build();
    sheet.getRange('D2:D').setDataValidation(rule);
    const got = sheet.getRange('D5').getDataValidation();
    expect(got?.getCriteriaType()).toBe(g.SpreadsheetApp.DataValidationCriteria.VALUE_IN_RANGE);
    const [range, dropdown] = got!.getCriteriaValues() as [
      { getA1Notation(): string; getSheet(): { getName(): string } },
      boolean,
    ];
    expect(range.getA1Notation()).toBe('A2:A');
    expect(range.getSheet().getName()).toBe('Stages');
    expect(dropdown).toBe(true);
    expect(got?.getAllowInvalid()).toBe(false);
    expect(got?.getHelpText()).toBe('Pick a stage');
    expect(sheet.getRange('D1').getDataValidation()).toBeNull();
  });

  test('conditional format rules', () => {
    const { g, sheet } = setup();
    const rule = g.SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=$P2<>""')
      .setBackground('#fde2e1')
      .setRanges([sheet.getRange('A2:Q')])
      .build();
    sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), rule]);
    const rules = sheet.getConditionalFormatRules();
    expect(rules).toHaveLength(1);
    expect(rules[0]!.getRanges().map((r) => r.getA1Notation())).toEqual(['A2:Q']);
    expect(rules[0]!.getBooleanCondition().getCriteriaType()).toBe('CUSTOM_FORMULA');
    expect(rules[0]!.getBooleanCondition().getCriteriaValues()).toEqual(['=$P2<>""']);
    expect(rules[0]!.getBooleanCondition().getBackground()).toBe('#fde2e1');
  });

  test('charts', () => {
    const { g, ss, world } = setup();
    const dash = ss.insertSheet('Dashboard');
    const chart = dash
      .newChart()
      .setChartType(g.Charts.ChartType.BAR)
      .addRange(dash.getRange('A1:B5'))
      .setPosition(2, 4, 0, 0)
      .setOption('title', 'Funnel')
      .build();
    dash.insertChart(chart);
    const charts = dash.getCharts();
    expect(charts).toHaveLength(1);
    expect(charts[0]!.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:B5']);
    expect(charts[0]!.getOptions().get('title')).toBe('Funnel');
    expect(charts[0]!.modify().getChartType()).toBe('BAR');
    dash.updateChart(charts[0]!.modify().setChartType('PIE').build());
    expect(world.charts('Dashboard')[0]?.type).toBe('PIE');
    dash.removeChart(dash.getCharts()[0]!);
    expect(dash.getCharts()).toHaveLength(0);
  });
});
