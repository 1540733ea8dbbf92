/**
 * Entry points for the menu feature (wired into src/entry/main.ts): the Pipeline menu, built in
 * every auth mode. Under AuthMode.NONE (an add-on not yet used in this document) onOpen may only
 * build menus, so it touches nothing else: no properties, no spreadsheet data.
 */

import { FUNCTIONS } from '../functions/catalog';
import { aboutHtml } from '../views/about';
import { DOCS_URL, MENU, MENU_TITLE, type MenuEntry, VERSION } from './menuItems';

type Ui = GoogleAppsScript.Base.Ui;
type Menu = GoogleAppsScript.Base.Menu;

function addEntries(ui: Ui, menu: Menu, entries: readonly MenuEntry[]): Menu {
  for (const entry of entries) {
    if (entry === 'separator') menu.addSeparator();
    else if ('submenu' in entry) menu.addSubMenu(addEntries(ui, ui.createMenu(entry.submenu), entry.items));
    else menu.addItem(entry.caption, entry.handler);
  }
  return menu;
}

/** Simple trigger: adds the Pipeline menu (the same in every auth mode). */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const ui = SpreadsheetApp.getUi();
  addEntries(ui, ui.createMenu(MENU_TITLE), MENU).addToUi();
}

/** Runs when the add-on is installed: the menu appears without reloading. */
export function onInstall(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  onOpen(e);
}

/** Pipeline › Help / About: version, what the add-on does, its functions and where to read more. */
export function showAbout(): void {
  const html = HtmlService.createHtmlOutput(aboutHtml(VERSION, FUNCTIONS, DOCS_URL))
    .setWidth(460)
    .setHeight(420);
  SpreadsheetApp.getUi().showModalDialog(html, 'About Sheets Pipeline');
}
