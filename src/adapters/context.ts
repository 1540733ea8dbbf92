/**
 * One execution's workbook (issue 10): the spreadsheet, its calendar and today, the user, the
 * deals sheet, the stages (one cache policy) and the document lock, each worked out once and
 * shared by every adapter the execution uses, instead of each re-deriving its own lock, user
 * lookup, "no deals sheet" message and stage loading.
 *
 * An Apps Script execution is short and single-threaded; a context is made by an entry point (or
 * a service) at its start and never outlives it, so caching here is safe: the document cache
 * (`PipelineCache`) is what carries the stages and header across executions.
 */
import { PipelineError } from '../core/errors';
import type { Calendar, Day } from '../core/model/dates';
import type { StageSet } from '../core/model/stages';
import { spreadsheetCalendar } from './calendar';
import { PipelineCache } from './pipelineCache';
import { loadStages } from './pipelineReads';
import { activeUserEmail } from './session';
import { findDealsSheet } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

import { NO_DEALS_SHEET } from './messages';

export { LOCK_WAIT_MS, LOCKED_MESSAGE, NO_DEALS_SHEET } from './messages';

/**
 * Runs `run` holding the document lock, or returns `busy()` when the lock cannot be had within
 * `waitMs` (or there is no document, where `getDocumentLock()` is null). Google's Lock reference
 * (releaseLock): flush pending spreadsheet changes before releasing the lock — always done here.
 */
export function withDocumentLock<T>(waitMs: number, run: () => T, busy: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock?.tryLock(waitMs)) return busy();
  try {
    return run();
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}

export class WorkbookContext {
  readonly cache = PipelineCache.document();
  private calendarMemo: Calendar | null = null;
  private userMemo: string | null = null;
  private stagesMemo: StageSet | null = null;

  constructor(readonly ss: Spreadsheet) {}

  /** The active spreadsheet's context. */
  static active(): WorkbookContext {
    return new WorkbookContext(SpreadsheetApp.getActiveSpreadsheet());
  }

  /** The spreadsheet's time zone as a calendar (probed once: see calendar.ts). */
  get calendar(): Calendar {
    if (!this.calendarMemo) this.calendarMemo = spreadsheetCalendar(this.ss.getSpreadsheetTimeZone());
    return this.calendarMemo;
  }

  /** Today in the spreadsheet's time zone (read afresh: a long execution may cross midnight). */
  today(): Day {
    return this.calendar.dayOf(new Date()) ?? 0;
  }

  /** The user's address, blank where Google gives none (simple triggers, consumer accounts). */
  get user(): string {
    if (this.userMemo === null) this.userMemo = activeUserEmail();
    return this.userMemo;
  }

  /** The deals sheet, or null before Set up. */
  findDealsSheet(): Sheet | null {
    return findDealsSheet(this.ss);
  }

  /** The deals sheet; a PipelineError saying to run Set up when there is none. */
  dealsSheet(): Sheet {
    const sheet = findDealsSheet(this.ss);
    if (!sheet) throw new PipelineError(NO_DEALS_SHEET);
    return sheet;
  }

  /** The stages: the document cache, else the Stages sheet; once per execution. */
  stages(): StageSet {
    if (!this.stagesMemo) this.stagesMemo = loadStages(this.ss, this.cache);
    return this.stagesMemo;
  }

  /** `withDocumentLock` for this workbook. */
  withLock<T>(waitMs: number, run: () => T, busy: () => T): T {
    return withDocumentLock(waitMs, run, busy);
  }
}
