/**
 * Limits the host enforces because Google documents them (host/README.md cites each page):
 * strings written with setValues are parsed as typed input, except in plain-text cells; the
 * document lock is null outside a containing document. Expected values are what the Sheets UI
 * makes of each typed string (en_US locale), written out by hand.
 */
import { createGlobals } from './globals';
import { World } from './world';

function setup(timeZone = 'Etc/UTC') {
  const world = new World({ timeZone });
  world.setSheet('Data', [['x']]);
  const g = createGlobals(world);
  const sheet = g.SpreadsheetApp.getActive().getSheetByName('Data');
  if (!sheet) throw new Error('no sheet');
  return { world, g, sheet };
}

describe('setValues parses strings as Sheets parses typed input', () => {
  const typed: [string, unknown][] = [
    ['TRUE', true],
    ['false', false],
    ['0012', 12],
    ['1e3', 1000],
    ['40%', 0.4],
    ['-3.5', -3.5],
    ['$1,000', 1000],
    ['1,234.50', 1234.5],
    ['-$5', -5],
    ['2026-02-01', new Date('2026-02-01T00:00:00Z')],
    ['2/1/2026', new Date('2026-02-01T00:00:00Z')],
    ["'0012", '0012'],
    ["'TRUE", 'TRUE'],
    ["''quoted", "'quoted"],
    ['Proposal', 'Proposal'],
    ['13/45/2026', '13/45/2026'], // not a date: stays text
    ['1,23', '1,23'], // not a grouping: stays text
  ];

  test.each(typed)('%j is stored as %p', (input, expected) => {
    const { sheet } = setup();
    sheet.getRange('A1').setValues([[input]]);
    expect(sheet.getRange('A1').getValue()).toEqual(expected);
    expect(sheet.getRange('A1').getFormula()).toBe('');
  });

  test('a date typed as text is midnight in the spreadsheet time zone', () => {
    const { sheet } = setup('America/New_York');
    sheet.getRange('A1:B1').setValues([['2026-02-01', '2/1/2026']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([
      [new Date('2026-02-01T05:00:00Z'), new Date('2026-02-01T05:00:00Z')],
    ]);
  });

  test('=, +, - and @ at the start make a formula (as typed in the UI)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:D1').setValues([['=1+1', '+x', '-x', '@x']]);
    expect(sheet.getRange('A1:D1').getFormulas()).toEqual([['=1+1', '=+x', '=-x', '=x']]);
  });

  test('a plain-text (@) cell keeps the string as written, apostrophe included', () => {
    const { sheet } = setup();
    sheet.getRange('A1:F1').setNumberFormat('@');
    sheet.getRange('A1:F1').setValues([['TRUE', '0012', '2026-02-01', "'quoted", '-x', '40%']]);
    expect(sheet.getRange('A1:F1').getValues()).toEqual([
      ['TRUE', '0012', '2026-02-01', "'quoted", '-x', '40%'],
    ]);
    expect(sheet.getRange('A1:F1').getFormulas()).toEqual([['', '', '', '', '', '']]);
  });

  test('the conservative reading: = still makes a formula in a plain-text cell', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setNumberFormat('@');
    sheet.getRange('A1').setValue('=1+1');
    expect(sheet.getRange('A1').getFormula()).toBe('=1+1');
  });

  test('appendRow and setValue parse the same way', () => {
    const { sheet } = setup();
    sheet.appendRow(['0012', "'0012"]);
    sheet.getRange('C2').setValue('40%');
    expect(sheet.getRange('A2:C2').getValues()).toEqual([[12, '0012', 0.4]]);
  });
});

describe('LockService.getDocumentLock', () => {
  test('is a lock inside a document', () => {
    const world = new World();
    const g = createGlobals(world);
    expect(g.LockService.getDocumentLock()?.tryLock(0)).toBe(true);
  });

  test('is null outside a containing document (standalone script, web app); other locks work', () => {
    const world = new World();
    const g = createGlobals(world, { inDocument: false });
    expect(g.LockService.getDocumentLock()).toBeNull();
    expect(g.LockService.getScriptLock().tryLock(0)).toBe(true);
    expect(g.LockService.getUserLock().tryLock(0)).toBe(true);
  });
});
