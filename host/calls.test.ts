import { createGlobals } from './globals';
import { World } from './world';

function setup() {
  const world = new World();
  world.setSheet(
    'Deals',
    [
      ['ID', 'Stage'],
      ['D2', 'Lead'],
      ['D1', 'Won'],
    ],
    { frozenRows: 1 },
  );
  return { world, g: createGlobals(world) };
}

describe('call log', () => {
  test('records outermost calls with sheet and A1, and counts reads and writes', () => {
    const { world, g } = setup();
    const sheet = g.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Deals')!;
    sheet.getDataRange().getValues();
    sheet.getRange('B2').setValue('Won');
    sheet.getRange('A1:B1').getDisplayValues();
    expect(world.calls.count('Range.getValues')).toBe(1);
    expect(world.calls.count('Sheet.getRange')).toBe(2);
    expect(world.calls.reads()).toBe(2);
    expect(world.calls.writes()).toBe(1);
    expect(world.calls.names()).toEqual([
      'SpreadsheetApp.getActiveSpreadsheet',
      'Spreadsheet.getSheetByName',
      'Sheet.getDataRange',
      'Range.getValues',
      'Sheet.getRange',
      'Range.setValue',
      'Sheet.getRange',
      'Range.getDisplayValues',
    ]);
    expect(world.calls.log[3]).toMatchObject({
      name: 'Range.getValues',
      sheet: 'Deals',
      a1: 'A1:B3',
      user: 'owner@example.com',
    });
    expect(world.calls.snapshot()['Sheet.getRange']).toBe(2);
    world.calls.reset();
    expect(world.calls.total()).toBe(0);
  });

  test('internal calls are not counted (getDisplayValue does not count getValue)', () => {
    const { world, g } = setup();
    g.SpreadsheetApp.getActiveSpreadsheet().getRange('Deals!A2').getDisplayValue();
    expect(world.calls.count('Range.getValue')).toBe(0);
    expect(world.calls.count('Range.getDisplayValue')).toBe(1);
  });

  test('test helpers on the world are not counted', () => {
    const { world } = setup();
    world.sheetValues('Deals');
    world.setSheet('X', [[1]]);
    world.cell('Deals!A1');
    expect(world.calls.total()).toBe(0);
  });
});

describe('hooks', () => {
  test('a before-hook can change the sheet between a read and a write', () => {
    const { world, g } = setup();
    const sheet = g.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Deals')!;
    const rows = sheet.getDataRange().getValues();
    const rowOfD1 = rows.findIndex((r) => r[0] === 'D1') + 1;
    expect(rowOfD1).toBe(3);
    const other = createGlobals(world, { user: 'bob@example.com' });
    world.calls.once('Range.setValue', () => {
      other.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Deals')!.sort(1);
    });
    sheet.getRange(rowOfD1, 2).setValue('Lost');
    // the stale row number now points at D2
    expect(world.sheetValues('Deals')).toEqual([
      ['ID', 'Stage'],
      ['D1', 'Won'],
      ['D2', 'Lost'],
    ]);
    // calls made inside the hook were muted
    expect(world.calls.count('Sheet.sort')).toBe(0);
  });

  test('after-hooks see the result; off and unsubscribe', () => {
    const { world, g } = setup();
    const seen: unknown[] = [];
    const stop = world.calls.after('Range.getValue', (info, result) => seen.push([info.a1, result]));
    const ss = g.SpreadsheetApp.getActiveSpreadsheet();
    ss.getRange('Deals!B2').getValue();
    stop();
    ss.getRange('Deals!B3').getValue();
    expect(seen).toEqual([['B2', 'Lead']]);
    const fn = () => seen.push('x');
    world.calls.on('*', fn);
    ss.getId();
    world.calls.off('*', fn);
    ss.getId();
    expect(seen).toHaveLength(2);
  });

  test('a denied call is not recorded and runs no hook', () => {
    const { world } = setup();
    const g = createGlobals(world, { authMode: 'CUSTOM_FUNCTION' });
    const hook = jest.fn();
    world.calls.on('Range.setValue', hook);
    const range = g.SpreadsheetApp.getActive().getRange('Deals!A1');
    expect(() => range.setValue(1)).toThrow();
    expect(hook).not.toHaveBeenCalled();
    expect(world.calls.count('Range.setValue')).toBe(0);
  });
});
