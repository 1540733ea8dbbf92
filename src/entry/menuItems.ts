/**
 * The Pipeline menu: captions and the top-level function each runs. Every handler named here
 * must be exported from src/entry/main.ts (a test checks the built Code.js).
 */
export interface MenuItem {
  readonly caption: string;
  readonly handler: string;
}
export type MenuEntry =
  | MenuItem
  | 'separator'
  | { readonly submenu: string; readonly items: readonly MenuItem[] };

export const MENU_TITLE = 'Pipeline';

/** Shown by Help / About; kept equal to package.json's version (a test checks). */
export const VERSION = '0.1.0';
/** Where the About dialog points for the full reference ('' = no public page yet: the dialog lists the functions itself). */
export const DOCS_URL = '';

export const MENU: readonly MenuEntry[] = [
  { caption: 'Open sidebar', handler: 'openSidebar' },
  { caption: 'Board', handler: 'openBoard' },
  'separator',
  { caption: 'Set up', handler: 'setUpPipeline' },
  { caption: 'Dashboard', handler: 'buildDashboard' },
  { caption: 'Report', handler: 'buildReport' },
  { caption: 'Check data', handler: 'checkData' },
  'separator',
  {
    submenu: 'Alerts',
    items: [
      { caption: 'Alert settings…', handler: 'openAlertSettings' },
      { caption: 'Run the check now', handler: 'runStalledCheckNow' },
    ],
  },
  'separator',
  { caption: 'Help / About', handler: 'showAbout' },
];

/** Every handler the menu names, submenus included. */
export function menuHandlers(entries: readonly MenuEntry[] = MENU): string[] {
  return entries.flatMap((e) =>
    e === 'separator' ? [] : 'submenu' in e ? e.items.map((i) => i.handler) : [e.handler],
  );
}
