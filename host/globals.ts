/** createGlobals: a fresh set of Apps Script globals for ONE execution against a World. */
import { CacheServiceFake } from './cache';
import { Charts } from './charts';
import { makeDateClass } from './date';
import type { AuthModeName, TriggerContext } from './exec';
import { HtmlServiceFake } from './html';
import { LockServiceFake } from './lock';
import { LoggerFake, makeConsole } from './logger';
import { MailAppFake } from './mail';
import { PropertiesServiceFake } from './properties';
import { ScriptAppFake } from './script-app';
import { SessionFake } from './session';
import { SpreadsheetAppFake } from './spreadsheet-app';
import { UtilitiesFake } from './utilities';
import { DEFAULT_USER, type World } from './world';

export interface GlobalsOptions {
  /** Email of the user running the execution (default owner@example.com). */
  user?: string;
  /** Default FULL. */
  authMode?: AuthModeName;
  /** What started the execution; 'time' makes SpreadsheetApp.getUi() throw. Default null. */
  trigger?: TriggerContext;
  /** HTML files for HtmlService.createHtmlOutputFromFile: name → source, or a folder of `<name>.html`. */
  htmlFiles?: Record<string, string> | string;
  /**
   * Globals to add or replace, to model an engine that differs from node's: e.g. `{ Intl }`
   * with an `Intl` that does not know a time zone (or `Intl: undefined`).
   */
  extra?: Record<string, unknown>;
  /**
   * False: the execution runs outside a containing document (standalone script, web app), where
   * `LockService.getDocumentLock()` returns null. Default true.
   */
  inDocument?: boolean;
}

export interface Globals {
  SpreadsheetApp: SpreadsheetAppFake;
  Session: SessionFake;
  Utilities: UtilitiesFake;
  PropertiesService: PropertiesServiceFake;
  CacheService: CacheServiceFake;
  LockService: LockServiceFake;
  ScriptApp: ScriptAppFake;
  MailApp: MailAppFake;
  HtmlService: HtmlServiceFake;
  Logger: LoggerFake;
  console: ReturnType<typeof makeConsole>;
  Date: DateConstructor;
  Charts: typeof Charts;
  /** After loadCode: the script's top-level functions and variables. */
  [name: string]: unknown;
}

export function createGlobals(world: World, opts: GlobalsOptions = {}): Globals {
  const exec = world.newExecution({
    user: opts.user ?? DEFAULT_USER,
    authMode: opts.authMode ?? 'FULL',
    trigger: opts.trigger ?? null,
    ...(opts.htmlFiles !== undefined ? { htmlFiles: opts.htmlFiles } : {}),
    ...(opts.inDocument === false ? { inDocument: false } : {}),
  });
  const globals: Globals = {
    SpreadsheetApp: new SpreadsheetAppFake(exec),
    Session: new SessionFake(exec),
    Utilities: new UtilitiesFake(exec),
    PropertiesService: new PropertiesServiceFake(exec),
    CacheService: new CacheServiceFake(exec),
    LockService: new LockServiceFake(exec),
    ScriptApp: new ScriptAppFake(exec),
    MailApp: new MailAppFake(exec),
    HtmlService: new HtmlServiceFake(exec),
    Logger: new LoggerFake(exec),
    console: makeConsole(exec),
    Date: makeDateClass(world.clock),
    Charts,
  };
  if (opts.extra) Object.assign(globals, opts.extra);
  world.bind(globals, exec);
  return globals;
}
