/**
 * The edit trigger's adapter. Most edits are not in the Stage column, so it first decides from
 * the event's range alone (sheet ID, column, width) and a cached Stage-column index, before any
 * read. Only a Stage edit reads: the header, the edited rows and History's last rows (a bounded
 * tail, never the whole sheet, so the work stays the same at 250,000 History rows: a simple
 * trigger has 30 s), which stand in for a missing oldValue (a pasted block, or a cell Sheets gave
 * none for). Then it writes Stage Entered / Closed in column runs and appends History rows.
 *
 * `Changed By` is what Google gives: a simple trigger gets no user email on consumer accounts
 * (Session and `e.user` are blank there), so it is usually blank for edits typed in the sheet.
 */

import { fingerprint } from '../core/board/view';
import { type Deal, parseDeals } from '../core/model/deals';
import { newDealId } from '../core/model/ids';
import { cellText } from '../core/model/text';
import {
  columnRuns,
  lastStageById,
  type OldStage,
  planStageEdits,
  stageSpellingFixes,
} from '../core/moves/edits';
import { spreadsheetCalendar } from './calendar';
import { writeCells } from './cellWrite';
import { withDocumentLock } from './context';
import { refreshDashboardFormulas } from './dashboardSheet';
import { DealsSheet } from './dealsSheet';
import { appendHistory } from './historySheet';
import { CACHE_KEYS, PipelineCache } from './pipelineCache';
import { loadStages, readHistoryTail, rememberHeader } from './pipelineReads';
import { activeUserEmail } from './session';
import { findDealsSheet, isStagesSheet, SHEET_NAMES, stageRows } from './workbook';

type Range = GoogleAppsScript.Spreadsheet.Range;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Where the Stage column is: `sheetId` null = no deals sheet; `column` null = no Stage column. */
interface StageColumn {
  readonly sheetId: number | null;
  readonly column: number | null;
  readonly width: number;
}

const FOUND_TTL = 1800;
const NOT_FOUND_TTL = 60;
/** Waits for the lock at most this long: a simple trigger has 30 s in all. A missed edit is reconciled. */
const EDIT_LOCK_MS = 10_000;

export interface EditEventLike {
  readonly range?: Range;
  readonly source?: Spreadsheet;
  readonly oldValue?: string;
  readonly value?: string;
  readonly user?: { getEmail(): string };
}

function findStageColumn(ss: Spreadsheet, cache: PipelineCache): StageColumn {
  const sheet = findDealsSheet(ss);
  let info: StageColumn;
  if (!sheet) info = { sheetId: null, column: null, width: 0 };
  else {
    const ds = DealsSheet.of(sheet);
    rememberHeader(ds, cache);
    info = {
      sheetId: sheet.getSheetId(),
      column: ds.has('stage') ? ds.sheetColumn('stage') : null,
      width: ds.headers.length,
    };
  }
  cache.put(CACHE_KEYS.stageColumn, info, info.sheetId === null ? NOT_FOUND_TTL : FOUND_TTL);
  return info;
}

/**
 * Handles one edit event. Returns what it did (for tests and logs). Errors are caught and
 * logged by the entry point: a simple trigger must never fail loudly.
 */
export function handleStageEdit(e: EditEventLike): string {
  const range = e?.range;
  if (!range) return 'no range';
  const cache = PipelineCache.document();
  const sheet = range.getSheet();
  const sheetId = sheet.getSheetId();
  if (isStagesSheet(sheet.getName())) {
    // An edit of Stages changes the stages: it drops the cached stages and Stage column, so
    // functions, sidebar, drop-down and check read the new ones, and the Dashboard's formulas
    // recalculate once per new Stages table (Sheets would not: the stages are not their arguments).
    cache.remove(CACHE_KEYS.stages, CACHE_KEYS.stageColumn);
    return refreshForStages(e.source ?? SpreadsheetApp.getActiveSpreadsheet(), cache);
  }
  let info = cache.get<StageColumn>(CACHE_KEYS.stageColumn);
  const row = range.getRow();
  if (info && info.sheetId !== sheetId) {
    if (info.sheetId !== null || sheet.getName().toLowerCase() !== SHEET_NAMES.deals.toLowerCase()) {
      return 'other sheet';
    }
    info = null; // a Deals sheet appeared since the cache said there was none
  }
  if (info && row === 1) {
    // The header changed: forget where the columns were.
    cache.remove(CACHE_KEYS.stageColumn, CACHE_KEYS.header(sheetId));
    info = null;
  }
  const first = range.getColumn();
  const last = first + range.getNumColumns() - 1;
  if (info) {
    if (info.column === null) return 'no stage column';
    if (info.column < first || info.column > last) {
      // A column inserted or deleted left of Stage changes the sheet's width: check it then.
      if (sheet.getLastColumn() === info.width) return 'not the stage column';
      info = null;
    }
  }
  const ss = e.source ?? SpreadsheetApp.getActiveSpreadsheet();
  if (!info) {
    info = findStageColumn(ss, cache);
    if (info.sheetId !== sheetId) return 'other sheet';
    if (info.column === null) return 'no stage column';
    if (info.column < first || info.column > last) return 'not the stage column';
  }
  return recordStageEdits(ss, range, e);
}

/** The Stages table the Dashboard's formulas last recalculated with (its fingerprint). */
export const STAGES_REFRESHED_KEY = 'pipeline.dashboard.stagesRefreshed';

/**
 * The Dashboard's refresh for an edit of Stages, at most once per content of Stages. The trigger
 * runs after its edit is in the sheet, so it reads the Stages table as it is now (one small read,
 * put in the cache the recalculated formulas then read) and refreshes only when that table
 * differs from the one the last refresh covered. A burst (typing down the column, a fill: one
 * event per edit, run in turn) usually costs one refresh: the first event's run already sees the
 * edits typed before it ran, and the ones behind it find nothing new. The last edit is always
 * reflected: its run sees the table after it, and skips only when a refresh finished with that
 * very table. The fingerprint is stored once the refresh is done, so a run that dies refreshes
 * again next time. No refresh (no Dashboard, or one of an older version): nothing is stored.
 * An edit of a team's own `Stages` (not the add-on's table) leaves that table as it is: no
 * refresh, once one has covered it.
 */
function refreshForStages(ss: Spreadsheet, cache: PipelineCache): string {
  const rows = stageRows(ss, cache);
  const text = JSON.stringify(rows);
  const seen = `${fingerprint(text)}:${text.length}`;
  const props = PropertiesService.getDocumentProperties();
  const stored = props.getProperty(STAGES_REFRESHED_KEY);
  if (stored === seen) return 'stages edited, dashboard current';
  if (refreshDashboardFormulas(ss) !== 'refreshed') {
    if (stored !== null) props.deleteProperty(STAGES_REFRESHED_KEY);
    return 'stages edited';
  }
  props.setProperty(STAGES_REFRESHED_KEY, seen);
  return 'stages edited, dashboard refreshed';
}

function recordStageEdits(ss: Spreadsheet, range: Range, e: EditEventLike): string {
  return withDocumentLock(
    EDIT_LOCK_MS,
    () => recordUnderLock(ss, range, e),
    () => {
      console.error(
        'Pipeline: another change held the lock; the Stage edit is recorded by the next reconcile (Via = sync).',
      );
      return 'locked';
    },
  );
}

/** `recordStageEdits` once the document lock is held. */
function recordUnderLock(ss: Spreadsheet, range: Range, e: EditEventLike): string {
  const sheet = range.getSheet();
  const cache = PipelineCache.document();
  const ds = DealsSheet.of(sheet);
  if (!ds.has('stage')) return 'no stage column';
  const stageColumn = ds.sheetColumn('stage');
  const firstColumn = range.getColumn();
  if (stageColumn < firstColumn || stageColumn >= firstColumn + range.getNumColumns()) {
    // The cached column was stale (a column moved): remember the right one and stop.
    cache.put(
      CACHE_KEYS.stageColumn,
      { sheetId: sheet.getSheetId(), column: stageColumn, width: ds.headers.length },
      FOUND_TTL,
    );
    return 'not the stage column';
  }
  const firstRow = Math.max(2, range.getRow());
  const lastRow = range.getRow() + range.getNumRows() - 1;
  if (lastRow < firstRow) return 'header only';
  const block = sheet.getRange(firstRow, 1, lastRow - firstRow + 1, ds.headers.length).getValues();
  const stages = loadStages(ss, cache);
  const calendar = spreadsheetCalendar(ss.getSpreadsheetTimeZone());
  const now = new Date();
  const today = calendar.dayOf(now) ?? 0;
  const deals = parseDeals([ds.headers, ...block], stages, calendar, {
    sheet: ds.name,
    headerRow: firstRow - 1,
  }).deals;
  if (deals.length === 0) return 'no deals';
  const single = range.getNumRows() === 1 && range.getNumColumns() === 1;
  const before = single && e.oldValue !== undefined ? cellText(e.oldValue) : '';
  // What History last recorded, from its tail only (bounded reads). It stands in for a missing
  // oldValue, and it tells a late event (the cell changed again since, and that change is
  // already recorded) from a move: the trigger runs events in turn, two waiting at most.
  const tail = readHistoryTail(ss, stages, calendar);
  const last = lastStageById(tail.entries);
  const oldStage = (deal: Deal): OldStage => {
    const recorded = deal.id === '' ? undefined : last.get(deal.id);
    if (recorded !== undefined && deal.stage && stages.find(recorded) === deal.stage) {
      return { kind: 'known', text: recorded }; // History already has this stage: nothing to do
    }
    if (before !== '') return { kind: 'known', text: before };
    if (recorded !== undefined) return { kind: 'known', text: recorded };
    return tail.complete || deal.id === '' ? { kind: 'new' } : { kind: 'unknown' };
  };
  let taken: Set<string> | null = null;
  const plan = planStageEdits(deals, oldStage, {
    stages,
    calendar,
    today,
    now,
    user: e.user?.getEmail?.() || activeUserEmail(),
    hasId: ds.has('id'),
    newId: () => {
      taken ??= new Set(ds.readColumn('id').map((v) => cellText(v)));
      const id = newDealId(taken);
      taken.add(id);
      return id;
    },
  });
  // A stage typed in another spelling (`proposal`) gets the stage's own (`Proposal`).
  const spelling = stageSpellingFixes(deals, stages);
  for (const run of columnRuns([...plan.writes, ...spelling])) {
    const values = run.values.map((v) => [v ?? '']);
    writeCells(sheet.getRange(run.row, ds.sheetColumn(run.field), values.length, 1), values);
  }
  appendHistory(ss, plan.history);
  return `recorded ${plan.history.length}${plan.deferred > 0 ? `, deferred ${plan.deferred}` : ''}`;
}
