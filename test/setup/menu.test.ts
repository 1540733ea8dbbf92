/** The Pipeline menu in every auth mode, onInstall, and Help / About, through the built Code.js. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCode, type MenuItemRecord, makeOpenEvent } from '../../host';
import { MENU, MENU_TITLE, menuHandlers, VERSION } from '../../src/entry/menuItems';
import { DIST, dealsWithProblems, newWorld, run, workbookState } from './support';

function captions(items: MenuItemRecord[]): unknown[] {
  return items.map((i) =>
    i.type === 'item'
      ? `${i.caption} → ${i.functionName}`
      : i.type === 'separator'
        ? '---'
        : { [i.menu.name]: captions(i.menu.items) },
  );
}

const EXPECTED = [
  'Open sidebar → openSidebar',
  'Board → openBoard',
  '---',
  'Set up → setUpPipeline',
  'Dashboard → buildDashboard',
  'Report → buildReport',
  'Check data → checkData',
  '---',
  { Alerts: ['Alert settings… → openAlertSettings', 'Run the check now → runStalledCheckNow'] },
  '---',
  'Help / About → showAbout',
];

describe('onOpen', () => {
  test.each(['NONE', 'LIMITED', 'FULL'] as const)('adds the Pipeline menu in AuthMode.%s', (authMode) => {
    const world = newWorld();
    const ctx = loadCode(world, { dir: DIST, authMode });
    (ctx.onOpen as (e: unknown) => void)(makeOpenEvent(ctx));
    const menu = world.ui.menu(MENU_TITLE);
    expect(menu?.authMode).toBe(authMode);
    expect(captions(menu!.items)).toEqual(EXPECTED);
    expect(world.ui.menuFunctions()).toEqual(menuHandlers(MENU));
  });

  test('under AuthMode.NONE it touches no properties and no data: only the Ui builds the menu', () => {
    const world = newWorld();
    dealsWithProblems(world);
    world.documentProperties.apply({ anything: 'x' });
    const state = workbookState(world);
    const ctx = loadCode(world, { dir: DIST, authMode: 'NONE' });
    // In NONE every service that needs authorisation throws (the host enforces it): prove it here.
    expect(() => ctx.SpreadsheetApp.getActiveSpreadsheet()).toThrow(/permission/);
    expect(() => ctx.PropertiesService.getDocumentProperties()).toThrow(/permission/);
    expect(() => ctx.ScriptApp.getProjectTriggers()).toThrow(/permission/);
    expect(() => ctx.MailApp.getRemainingDailyQuota()).toThrow(/permission/);
    world.calls.reset();
    expect(() => (ctx.onOpen as (e: unknown) => void)(makeOpenEvent(ctx))).not.toThrow();
    expect(new Set(world.calls.names())).toEqual(
      new Set([
        'SpreadsheetApp.getUi',
        'Ui.createMenu',
        'Menu.addItem',
        'Menu.addSeparator',
        'Menu.addSubMenu',
        'Menu.addToUi',
      ]),
    );
    expect(workbookState(world)).toBe(state);
  });

  test('onInstall adds the same menu (and opening twice keeps one menu)', () => {
    const world = newWorld();
    run(world, 'onInstall', { authMode: 'FULL' });
    run(world, 'onOpen', { authMode: 'LIMITED' });
    expect(world.ui.menus.filter((m) => m.name === MENU_TITLE)).toHaveLength(1);
    expect(captions(world.ui.menu(MENU_TITLE)!.items)).toEqual(EXPECTED);
  });
});

test('every menu handler of this feature is a top-level function of Code.js', () => {
  const ctx = loadCode(newWorld(), { dir: DIST });
  for (const name of ['setUpPipeline', 'buildDashboard', 'checkData', 'showAbout', 'onOpen', 'onInstall']) {
    expect(typeof ctx[name]).toBe('function');
  }
});

test('Help / About shows the version, what the add-on does and its functions', () => {
  const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
    version: string;
  };
  expect(VERSION).toBe(pkg.version);
  const world = newWorld();
  run(world, 'showAbout');
  const shown = world.ui.shown.at(-1)!;
  expect(shown.kind).toBe('modal');
  expect(shown.dialogTitle).toBe('About Sheets Pipeline');
  expect(shown.content).toContain(`<b>Sheets Pipeline</b> ${pkg.version}`);
  expect(shown.content).toContain('<code>PIPELINE_FUNNEL</code>');
  expect(shown.content).toContain('managed sales pipeline');
});
