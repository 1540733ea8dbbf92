/**
 * Custom functions must not get a volatile argument (custom-functions guide, #arguments: NOW(),
 * RAND()… "are not allowed as arguments to a custom function"; TODAY() too, conservatively):
 * the host finds such arguments directly, through a referenced cell, through a chain of cells,
 * and inside a referenced range or named range.
 */
import { createGlobals } from './globals';
import { describeVolatileArguments } from './volatile';
import { World } from './world';

function setup() {
  const world = new World();
  world.setSheet('Deals', [
    ['ID', 'Amount', 'Close'],
    ['D1', 10, new Date('2026-12-01T00:00:00Z')],
  ]);
  world.setSheet('Report', []);
  const g = createGlobals(world);
  const ss = g.SpreadsheetApp.getActive();
  ss.setNamedRange('DEALS', ss.getRange('Deals!A:D'));
  const report = ss.getSheetByName('Report');
  if (!report) throw new Error('no Report sheet');
  return { world, report };
}

test('TODAY() in the arguments: arguments 2 and 3 refused, recorded at setFormula and found by the scan', () => {
  const { world, report } = setup();
  report.getRange('D18').setFormula('=PIPELINE_FORECAST_RANGE(DEALS, TODAY(), EOMONTH(TODAY(),0))');
  const expected = [
    {
      cell: 'Report!D18',
      formula: '=PIPELINE_FORECAST_RANGE(DEALS, TODAY(), EOMONTH(TODAY(),0))',
      fn: 'PIPELINE_FORECAST_RANGE',
      position: 2,
      argument: 'TODAY()',
      reason: 'calls TODAY()',
    },
    {
      cell: 'Report!D18',
      formula: '=PIPELINE_FORECAST_RANGE(DEALS, TODAY(), EOMONTH(TODAY(),0))',
      fn: 'PIPELINE_FORECAST_RANGE',
      position: 3,
      argument: 'EOMONTH(TODAY(),0)',
      reason: 'calls TODAY()',
    },
  ];
  expect(world.volatileWrites).toEqual(expected);
  expect(world.volatileArguments()).toEqual(expected);
  expect(describeVolatileArguments(world.volatileArguments())).toContain(
    'Report!D18 =PIPELINE_FORECAST_RANGE(DEALS, TODAY(), EOMONTH(TODAY(),0)): argument 2 of PIPELINE_FORECAST_RANGE (TODAY()) calls TODAY()',
  );
});

test('a reference to a cell holding =TODAY(), and to a cell computed from it, is refused', () => {
  const { world, report } = setup();
  report.getRange('A1:C2').setValues([
    ['Report date', '=TODAY()', ''],
    ['From', '=EOMONTH($B$1, -1) + 1', '=EOMONTH(B2, 0)'],
  ]);
  report.getRange('D1').setFormula('=PIPELINE_FORECAST_RANGE(DEALS, B1, Report!$B$1)');
  report.getRange('D2').setFormula('=PIPELINE_FORECAST_RANGE(DEALS, B2, C2)');
  const found = world.volatileArguments().map((f) => `${f.cell} ${f.position} ${f.reason}`);
  expect(found).toEqual([
    'Report!D1 2 refers to Report!B1 (=TODAY()), which calls TODAY()',
    'Report!D1 3 refers to Report!B1 (=TODAY()), which calls TODAY()',
    // B2 depends on B1; C2 on B2, two levels down.
    'Report!D2 2 refers to Report!B2 (=EOMONTH($B$1, -1) + 1), which depends on Report!B1',
    'Report!D2 3 refers to Report!C2 (=EOMONTH(B2, 0)), which depends on Report!B2',
  ]);
  expect(world.volatileWrites.map((f) => `${f.cell} ${f.position}`)).toEqual([
    'Report!D1 2',
    'Report!D1 3',
    'Report!D2 2',
    'Report!D2 3',
  ]);
});

test('a volatile formula inside a referenced range or named range refuses the whole range', () => {
  const { world, report } = setup();
  world.setCell('Deals!D2', { formula: '=IF(TODAY()-C2>14,"late","")' });
  report.getRange('A1').setFormula('=PIPELINE_COUNT(DEALS)');
  report.getRange('A2').setFormula("=PIPELINE_COUNT('Deals'!A1:D9)");
  report.getRange('A3').setFormula('=PIPELINE_COUNT(Deals!A1:C9)'); // D is outside
  expect(world.volatileArguments().map((f) => `${f.cell} ${f.argument}`)).toEqual([
    'Report!A1 DEALS',
    "Report!A2 'Deals'!A1:D9",
  ]);
});

test('deterministic arguments pass: dates as values, EOMONTH of a value cell, text mentioning TODAY(), volatile outside the call', () => {
  const { world, report } = setup();
  report.getRange('B1').setValue(new Date('2026-11-23T00:00:00Z'));
  report
    .getRange('A2:D2')
    .setValues([
      ['=EOMONTH($B$1,-1)+1', '=EOMONTH($B$1,0)', '=PIPELINE_FORECAST_RANGE(DEALS, A2, B2)', '=TODAY()'],
    ]);
  report.getRange('A3').setFormula('=PIPELINE_COUNT(DEALS, "TODAY()")');
  // Not an argument of the custom function (outside its parentheses).
  report.getRange('A4').setFormula('=IF(TODAY()>0, PIPELINE_COUNT(DEALS), "")');
  // A reference cycle does not hang the scan.
  report.getRange('A5:B5').setValues([['=B5', '=A5']]);
  report.getRange('A6').setFormula('=PIPELINE_COUNT(A5:B5)');
  expect(world.volatileArguments()).toEqual([]);
  expect(world.volatileWrites).toEqual([]);
});
