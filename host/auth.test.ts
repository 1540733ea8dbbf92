import { createGlobals } from './globals';
import { World } from './world';

function world() {
  const w = new World();
  w.setSheet('Deals', [
    ['ID', 'Stage'],
    ['D1', 'Lead'],
  ]);
  return w;
}

describe('CUSTOM_FUNCTION mode', () => {
  test('the spreadsheet is read-only', () => {
    const g = createGlobals(world(), { authMode: 'CUSTOM_FUNCTION' });
    const sheet = g.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Deals')!;
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['ID', 'Stage'],
      ['D1', 'Lead'],
    ]);
    expect(() => sheet.getRange('B2').setValue('Won')).toThrow('You do not have permission to call setValue');
    expect(() => sheet.appendRow(['x'])).toThrow('You do not have permission to call appendRow');
    expect(() => sheet.insertRowAfter(1)).toThrow('You do not have permission to call insertRowAfter');
    expect(() => sheet.getRange('A1').clear()).toThrow('You do not have permission to call clear');
    expect(() => g.SpreadsheetApp.getActive().insertSheet('X')).toThrow(
      'You do not have permission to call insertSheet',
    );
  });

  test('services that need authorization throw; cache, properties reads and utilities work', () => {
    const w = world();
    w.documentProperties.apply({ k: 'v' });
    const g = createGlobals(w, { authMode: 'CUSTOM_FUNCTION' });
    expect(() => g.MailApp.sendEmail('a@example.com', 's', 'b')).toThrow(
      'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    expect(() => g.ScriptApp.newTrigger('f')).toThrow(
      'You do not have permission to call ScriptApp.newTrigger',
    );
    expect(() => g.SpreadsheetApp.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(g.PropertiesService.getDocumentProperties().getProperty('k')).toBe('v');
    expect(() => g.PropertiesService.getDocumentProperties().setProperty('k', 'w')).toThrow(
      'You do not have permission to call Properties.setProperty',
    );
    g.CacheService.getDocumentCache().put('c', '1');
    expect(g.CacheService.getDocumentCache().get('c')).toBe('1');
    expect(g.Session.getActiveUser().getEmail()).toBe('');
    expect(g.Utilities.formatDate(new Date(0), 'UTC', 'yyyy')).toBe('1970');
  });
});

describe('NONE mode (onOpen before authorization)', () => {
  test('the menu can be built but data, properties, mail and triggers cannot be used', () => {
    const w = world();
    const g = createGlobals(w, { authMode: 'NONE' });
    g.SpreadsheetApp.getUi().createAddonMenu().addItem('Set up', 'setup').addToUi();
    expect(w.ui.addonMenu()?.items).toEqual([{ type: 'item', caption: 'Set up', functionName: 'setup' }]);
    expect(() => g.SpreadsheetApp.getActiveSpreadsheet()).toThrow(
      'You do not have permission to call SpreadsheetApp.getActiveSpreadsheet',
    );
    expect(() => g.PropertiesService.getDocumentProperties()).toThrow(/permission to call PropertiesService/);
    expect(() => g.MailApp.getRemainingDailyQuota()).toThrow(/permission/);
    expect(() => g.ScriptApp.getProjectTriggers()).toThrow(/permission/);
    expect(g.Session.getActiveUser().getEmail()).toBe('');
  });
});

describe('LIMITED mode (simple triggers)', () => {
  test('can edit the bound spreadsheet but not send mail or show a sidebar', () => {
    const w = world();
    const g = createGlobals(w, { authMode: 'LIMITED', trigger: 'edit' });
    g.SpreadsheetApp.getActive().getRange('Deals!B2').setValue('Won');
    expect(w.cell('Deals!B2').value).toBe('Won');
    expect(() => g.MailApp.sendEmail('a@example.com', 's', 'b')).toThrow(/permission/);
    const html = g.HtmlService.createHtmlOutput('<p>x</p>');
    expect(() => g.SpreadsheetApp.getUi().showSidebar(html)).toThrow(/permission to call Ui.showSidebar/);
  });
});

describe('time-driven trigger context', () => {
  test('getUi throws', () => {
    const g = createGlobals(world(), { trigger: 'time' });
    expect(() => g.SpreadsheetApp.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(() => g.MailApp.getRemainingDailyQuota()).not.toThrow();
  });
});
