import { createGlobals } from './globals';
import { World } from './world';

describe('Ui', () => {
  test('menus with separators and submenus are recorded', () => {
    const world = new World();
    const ui = createGlobals(world).SpreadsheetApp.getUi();
    ui.createMenu('Pipeline')
      .addItem('Open sidebar', 'openSidebar')
      .addSeparator()
      .addSubMenu(ui.createMenu('Alerts').addItem('Turn on', 'alertsOn'))
      .addToUi();
    const menu = world.ui.menu('Pipeline');
    expect(menu?.items.map((i) => i.type)).toEqual(['item', 'separator', 'submenu']);
    expect(world.ui.menuFunctions()).toEqual(['openSidebar', 'alertsOn']);
  });

  test('alerts and prompts answer from the queue, or with the first button', () => {
    const world = new World();
    const ui = createGlobals(world).SpreadsheetApp.getUi();
    expect(ui.alert('Done')).toBe(ui.Button.OK);
    expect(ui.alert('Sure?', ui.ButtonSet.YES_NO)).toBe('YES');
    world.ui.queueResponse({ button: 'NO' });
    expect(ui.alert('Title', 'Sure?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    world.ui.queueResponse({ button: 'OK', text: 'Budget cut' });
    const r = ui.prompt('Lost', 'Why?', ui.ButtonSet.OK_CANCEL);
    expect([r.getSelectedButton(), r.getResponseText()]).toEqual(['OK', 'Budget cut']);
    world.ui.queueResponse({ button: 'YES' });
    expect(() => ui.alert('x', ui.ButtonSet.OK_CANCEL)).toThrow(/not one of OK_CANCEL/);
    expect(world.ui.alerts().map((a) => [a.title, a.message, a.response.button])).toEqual([
      ['', 'Done', 'OK'],
      ['', 'Sure?', 'YES'],
      ['Title', 'Sure?', 'NO'],
    ]);
    expect(world.ui.prompts()[0]).toMatchObject({ title: 'Lost', message: 'Why?', buttons: 'OK_CANCEL' });
  });

  test('sidebars and dialogs record a snapshot of the HtmlOutput', () => {
    const world = new World();
    const g = createGlobals(world);
    const html = g.HtmlService.createHtmlOutput('<p>a</p>').append('<p>b</p>').setTitle('Deal').setWidth(300);
    g.SpreadsheetApp.getUi().showSidebar(html);
    html.setTitle('changed later');
    g.SpreadsheetApp.getUi().showModalDialog(g.HtmlService.createHtmlOutput('x').setHeight(200), 'Alerts');
    expect(world.ui.lastSidebar()).toMatchObject({ title: 'Deal', content: '<p>a</p><p>b</p>', width: 300 });
    expect(world.ui.shown[1]).toMatchObject({ kind: 'modal', dialogTitle: 'Alerts', height: 200 });
  });

  test('toasts', () => {
    const world = new World();
    createGlobals(world).SpreadsheetApp.getActive().toast('Saved', 'Pipeline', 3);
    expect(world.ui.toasts[0]).toMatchObject({ message: 'Saved', title: 'Pipeline', timeoutSeconds: 3 });
  });
});

describe('HtmlService', () => {
  test('templates escape <?= ?>, not <?!= ?>, and run <? ?> code', () => {
    const g = createGlobals(new World());
    const t = g.HtmlService.createTemplate(
      '<? for (var i = 0; i < n; i++) { ?><li><?= items[i] ?></li><? } ?><?!= raw ?>',
    );
    t.n = 2;
    t.items = ['<a>', 'b&c'];
    t.raw = '<hr>';
    expect(t.evaluate().getContent()).toBe('<li>&lt;a&gt;</li><li>b&amp;c</li><hr>');
  });

  test('createHtmlOutputFromFile reads from the given map and throws when missing', () => {
    const g = createGlobals(new World(), { htmlFiles: { Sidebar: '<b>s</b>' } });
    expect(g.HtmlService.createHtmlOutputFromFile('Sidebar').getContent()).toBe('<b>s</b>');
    expect(() => g.HtmlService.createHtmlOutputFromFile('Nope')).toThrow(
      'No HTML file named Nope was found.',
    );
    const out = g.HtmlService.createHtmlOutput('')
      .setSandboxMode(g.HtmlService.SandboxMode.IFRAME)
      .setXFrameOptionsMode(g.HtmlService.XFrameOptionsMode.ALLOWALL)
      .addMetaTag('viewport', 'width=device-width');
    expect(out.getMetaTags()[0]?.getName()).toBe('viewport');
  });
});
