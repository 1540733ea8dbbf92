/**
 * Entry points for the sidebar feature (wired into src/entry/main.ts): the menu handler, the
 * API the sidebar calls through google.script.run, and the edit trigger. They only wire the
 * adapters. The parameter types are what the sidebar's typed bridge (sidebar/bridge.ts) sends,
 * but anyone with edit access can call these with anything: the core validates every argument
 * as unknown before anything is read or written.
 */
import { type ReconcileResult, reconcileAll } from '../adapters/reconcile';
import { SidebarService } from '../adapters/sidebarService';
import type {
  HistoryItemView,
  MoveRequestInput,
  SelectionView,
  SnoozeRequest,
  StageOddsView,
  UpdateRequestInput,
  WriteResult,
} from '../core/moves/types';

export { onEdit } from './edits';

const SIDEBAR_FILE = 'Sidebar';
const SIDEBAR_TITLE = 'Pipeline';

function service(): SidebarService {
  return new SidebarService(SpreadsheetApp.getActiveSpreadsheet());
}

/** Pipeline › Open sidebar. */
export function openSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(SIDEBAR_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}

/** The deal in the selected row (the sidebar polls this every second or two). */
export function sidebarSelection(): SelectionView {
  return service().selection();
}

/** A deal's stage history, newest first. */
export function sidebarHistory(id: string, name: string): HistoryItemView[] {
  const text = (v: unknown): string => (typeof v === 'string' ? v.trim().slice(0, 500) : '');
  return service().history(text(id), text(name));
}

/** Per open stage: its set probability, its historical win rate and the closed deals behind it. */
export function sidebarStageOdds(): StageOddsView[] {
  return service().stageOdds();
}

/** Lost reasons used before, most used first. */
export function sidebarLostReasons(): string[] {
  return service().lostReasons();
}

/** Moves a deal to another stage (Won: Closed date and final amount; Lost: a reason). */
export function sidebarMove(request: MoveRequestInput): WriteResult {
  return service().move(request);
}

/** Saves Next Step, Expected Close, Amount and Probability edits. */
export function sidebarUpdate(request: UpdateRequestInput): WriteResult {
  return service().update(request);
}

/** Snoozes a deal until a day, or ends its snooze. */
export function sidebarSnooze(request: SnoozeRequest): WriteResult {
  return service().snooze(request);
}

/**
 * Records the Stage moves the edit trigger missed (SPEC §3, Via = sync) for every deal; the
 * board calls it on refresh, the daily check runs it too.
 */
export function reconcileStages(): ReconcileResult {
  return reconcileAll(SpreadsheetApp.getActiveSpreadsheet());
}
