import { createGlobals } from './globals';
import { World } from './world';

test('menus and dialogs record the user and auth mode of the execution that made them', () => {
  const world = new World();
  const none = createGlobals(world, { authMode: 'NONE', user: 'ana@example.com' });
  none.SpreadsheetApp.getUi().createMenu('Pipeline').addItem('Set up', 'setUp').addToUi();
  expect(world.ui.menu('Pipeline')).toMatchObject({
    user: 'ana@example.com',
    authMode: 'NONE',
    addon: false,
  });

  const limited = createGlobals(world, { authMode: 'LIMITED' });
  limited.SpreadsheetApp.getUi().createMenu('Pipeline').addItem('Set up', 'setUp').addToUi();
  expect(world.ui.menus).toHaveLength(2); // one per user
  expect(world.ui.menus.map((m) => m.authMode)).toEqual(['NONE', 'LIMITED']);

  const full = createGlobals(world, { authMode: 'FULL' });
  world.ui.queueResponse({ button: 'NO' });
  const ui = full.SpreadsheetApp.getUi();
  expect(ui.alert('Set up', 'Adopt it?', ui.ButtonSet.YES_NO)).toBe('NO');
  expect(world.ui.alerts()[0]).toMatchObject({ title: 'Set up', buttons: 'YES_NO', authMode: 'FULL' });
});
