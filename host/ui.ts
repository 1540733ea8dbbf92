/**
 * SpreadsheetApp.getUi(): menus, sidebars, dialogs, alerts and prompts. Everything shown is
 * recorded in `world.ui`; answers to alerts/prompts come from `world.ui.queueResponse(...)`.
 * With nothing queued, an alert answers with the first button of its set (OK for OK and
 * OK_CANCEL, YES for YES_NO and YES_NO_CANCEL) and a prompt answers that button with text ''.
 */
import { gasError } from './errors';
import { type AuthModeName, type Bound, type Execution, instrument } from './exec';
import { HtmlOutputFake, type HtmlSnapshot } from './html';

export const Button = Object.freeze({ CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' });
export const ButtonSet = Object.freeze({
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
});

const BUTTONS: Record<string, string[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

export type MenuItemRecord =
  | { type: 'item'; caption: string; functionName: string }
  | { type: 'separator' }
  | { type: 'submenu'; menu: MenuRecord };

export interface MenuRecord {
  name: string;
  addon: boolean;
  user: string;
  /** Auth mode of the execution that added the menu (onOpen: NONE before the add-on is used). */
  authMode: AuthModeName;
  items: MenuItemRecord[];
}

export interface ShownHtml extends HtmlSnapshot {
  kind: 'sidebar' | 'modal' | 'modeless';
  /** Dialog title passed to showModalDialog/showModelessDialog (sidebar: the output's title). */
  dialogTitle: string;
  user: string;
  at: number;
}

export interface DialogRecord {
  kind: 'alert' | 'prompt';
  title: string;
  message: string;
  buttons: string;
  response: { button: string; text: string };
  user: string;
  /** Auth mode of the execution that showed it. */
  authMode: AuthModeName;
}

export interface ToastRecord {
  message: string;
  title: string;
  timeoutSeconds: number;
  user: string;
  at: number;
}

export interface QueuedResponse {
  button?: string;
  text?: string;
}

/** World-side record of the UI. */
export class UiRecorder {
  menus: MenuRecord[] = [];
  readonly shown: ShownHtml[] = [];
  readonly dialogs: DialogRecord[] = [];
  readonly toasts: ToastRecord[] = [];
  private readonly queue: QueuedResponse[] = [];

  /** Queues the answer to the next alert or prompt. */
  queueResponse(response: QueuedResponse): void {
    this.queue.push(response);
  }

  pendingResponses(): number {
    return this.queue.length;
  }

  /** Internal: next answer for a dialog with these buttons. */
  answer(buttons: string): { button: string; text: string } {
    const allowed = BUTTONS[buttons] ?? ['OK'];
    const next = this.queue.shift();
    const button = next?.button ?? allowed[0] ?? 'OK';
    if (button !== 'CLOSE' && !allowed.includes(button)) {
      throw new Error(`Queued response button ${button} is not one of ${buttons} (${allowed.join(', ')}).`);
    }
    return { button, text: next?.text ?? '' };
  }

  menu(name: string): MenuRecord | undefined {
    return this.menus.find((m) => m.name === name);
  }

  /** The add-on menu added last, if any. */
  addonMenu(): MenuRecord | undefined {
    return this.menus.find((m) => m.addon);
  }

  /** Every `functionName` reachable from the recorded menus. */
  menuFunctions(): string[] {
    const out: string[] = [];
    const walk = (items: MenuItemRecord[]): void => {
      for (const item of items) {
        if (item.type === 'item') out.push(item.functionName);
        else if (item.type === 'submenu') walk(item.menu.items);
      }
    };
    for (const m of this.menus) walk(m.items);
    return out;
  }

  sidebars(): ShownHtml[] {
    return this.shown.filter((s) => s.kind === 'sidebar');
  }

  lastSidebar(): ShownHtml | undefined {
    return this.sidebars().at(-1);
  }

  alerts(): DialogRecord[] {
    return this.dialogs.filter((d) => d.kind === 'alert');
  }

  prompts(): DialogRecord[] {
    return this.dialogs.filter((d) => d.kind === 'prompt');
  }
}

export class MenuFake implements Bound {
  readonly record: MenuRecord;

  constructor(
    readonly exec: Execution,
    name: string,
    addon: boolean,
  ) {
    this.record = { name, addon, user: exec.user, authMode: exec.authMode, items: [] };
  }

  addItem(caption: string, functionName: string): this {
    this.record.items.push({ type: 'item', caption: String(caption), functionName: String(functionName) });
    return this;
  }

  addSeparator(): this {
    this.record.items.push({ type: 'separator' });
    return this;
  }

  addSubMenu(menu: MenuFake): this {
    if (!(menu instanceof MenuFake)) throw gasError('Invalid argument: menu');
    this.record.items.push({ type: 'submenu', menu: menu.record });
    return this;
  }

  addToUi(): void {
    const ui = this.exec.world.ui;
    ui.menus = ui.menus.filter((m) => !(m.name === this.record.name && m.user === this.record.user));
    ui.menus.push(this.record);
  }
}

instrument(MenuFake, 'Menu');

export class PromptResponseFake implements Bound {
  constructor(
    readonly exec: Execution,
    private readonly button: string,
    private readonly text: string,
  ) {}

  getResponseText(): string {
    return this.text;
  }

  getSelectedButton(): string {
    return this.button;
  }
}

instrument(PromptResponseFake, 'PromptResponse');

function htmlArg(value: unknown): HtmlOutputFake {
  if (!(value instanceof HtmlOutputFake)) throw gasError('Invalid argument: userInterface');
  return value;
}

export class UiFake implements Bound {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(readonly exec: Execution) {}

  _show(kind: ShownHtml['kind'], html: HtmlOutputFake, dialogTitle?: string): void {
    const snap = htmlArg(html)._snapshot();
    const world = this.exec.world;
    world.ui.shown.push({
      ...snap,
      kind,
      dialogTitle: dialogTitle ?? snap.title,
      user: this.exec.user,
      at: world.clock.now(),
    });
  }

  _dialog(kind: 'alert' | 'prompt', args: unknown[]): DialogRecord {
    let title = '';
    let message = '';
    let buttons = kind === 'alert' ? 'OK' : 'OK';
    if (args.length >= 3) [title, message, buttons] = args.map(String) as [string, string, string];
    else if (args.length === 2) {
      const second = String(args[1]);
      if (second in BUTTONS) [message, buttons] = [String(args[0]), second];
      else [title, message] = [String(args[0]), second];
    } else message = String(args[0] ?? '');
    const response = this.exec.world.ui.answer(buttons);
    const record: DialogRecord = {
      kind,
      title,
      message,
      buttons,
      response,
      user: this.exec.user,
      authMode: this.exec.authMode,
    };
    this.exec.world.ui.dialogs.push(record);
    return record;
  }

  createMenu(caption: string): MenuFake {
    return new MenuFake(this.exec, String(caption), false);
  }

  createAddonMenu(): MenuFake {
    return new MenuFake(this.exec, this.exec.world.addonName, true);
  }

  showSidebar(userInterface: HtmlOutputFake): void {
    this._show('sidebar', userInterface);
  }

  showModalDialog(userInterface: HtmlOutputFake, title: string): void {
    this._show('modal', userInterface, String(title));
  }

  showModelessDialog(userInterface: HtmlOutputFake, title: string): void {
    this._show('modeless', userInterface, String(title));
  }

  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons) → Button. */
  alert(...args: unknown[]): string {
    return this._dialog('alert', args).response.button;
  }

  /** prompt(prompt) | prompt(prompt, buttons) | prompt(title, prompt, buttons) → PromptResponse. */
  prompt(...args: unknown[]): PromptResponseFake {
    const r = this._dialog('prompt', args).response;
    return new PromptResponseFake(this.exec, r.button, r.button === 'CLOSE' ? '' : r.text);
  }
}

instrument(UiFake, 'Ui', {
  fallback: 'read',
  access: {
    createMenu: 'free',
    createAddonMenu: 'free',
    showSidebar: 'auth',
    showModalDialog: 'auth',
    showModelessDialog: 'auth',
  },
  messageStyle: 'qualified',
  scope: 'https://www.googleapis.com/auth/script.container.ui',
});
