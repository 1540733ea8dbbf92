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

export const MENU: readonly MenuEntry[] = [
  { caption: 'Open sidebar', handler: 'openSidebar' },
  'separator',
  { caption: 'Set up', handler: 'setUpPipeline' },
  { caption: 'Dashboard', handler: 'buildDashboard' },
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
