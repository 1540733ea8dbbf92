/**
 * The sidebar's server side: the cheap selection poll, a deal's History, and the writes (move,
 * update, snooze) under the document lock. Each write re-reads the header, finds the deal BY ID
 * (it checks the row the sidebar saw still holds that ID, else looks the ID up in the ID column),
 * refuses when the deal is no longer in the stage the sidebar saw, writes only the add-on's own
 * cells of that row and appends one History row for a move.
 */

import { PipelineError } from '../core/errors';
import type { Calendar } from '../core/model/dates';
import { formatDay } from '../core/model/dates';
import { type Deal, parseDeals, statusKey } from '../core/model/deals';
import { newDealId } from '../core/model/ids';
import type { StageSet } from '../core/model/stages';
import { cellText } from '../core/model/text';
import {
  applyCells,
  type MoveVia,
  type Plan,
  planMove,
  planSnooze,
  planUpdate,
  staleMessage,
  toCellValues,
  type WriteContext,
} from '../core/moves/plan';
import type {
  DealRef,
  DealView,
  HistoryItemView,
  SelectionView,
  StageOddsView,
  WriteResult,
} from '../core/moves/types';
import { readMoveRequest, readSnoozeRequest, readUpdateRequest } from '../core/moves/validate';
import { dealView, historyItems, presentFields, type RawCells, stageViews } from '../core/moves/view';
import { runCustomFunction } from '../functions/run';
import { LOCK_WAIT_MS, LOCKED_MESSAGE, NO_DEALS_SHEET, WorkbookContext } from './context';
import { DealsSheet } from './dealsSheet';
import { appendHistory } from './historySheet';
import { CACHE_KEYS } from './pipelineCache';
import {
  cachedDealsSheet,
  lostReasons,
  noteLostReason,
  readDealHistory,
  rememberHeader,
} from './pipelineReads';
import { reconcileDeal } from './reconcile';
import { writeVerified } from './verifiedWrite';
import { SpreadsheetSource } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Tries of a write whose rows or columns moved under it (each one put back) before giving up. */
const WRITE_ATTEMPTS = 3;
/** How long the stages' historical win rates are kept: they move only as deals close. */
const ODDS_TTL_SECONDS = 300;

function parseRow(
  ds: DealsSheet,
  row: number,
  values: readonly unknown[],
  stages: StageSet,
  calendar: Calendar,
): Deal | null {
  const table = parseDeals([ds.headers, values], stages, calendar, { sheet: ds.name, headerRow: row - 1 });
  return table.deals[0] ?? null;
}

export class SidebarService {
  private readonly wb: WorkbookContext;
  private readonly ss: Spreadsheet;
  private readonly cache;
  private readonly calendar: Calendar;

  /** On a spreadsheet, or on the execution's workbook context when a caller already has one. */
  constructor(workbook: Spreadsheet | WorkbookContext) {
    this.wb = workbook instanceof WorkbookContext ? workbook : new WorkbookContext(workbook);
    this.ss = this.wb.ss;
    this.cache = this.wb.cache;
    this.calendar = this.wb.calendar;
  }

  private dealsSheet() {
    return this.wb.dealsSheet();
  }

  /**
   * The deal in the active row: one read (the row) when the header and Stages are cached, never
   * a full-sheet read, whatever the number of deals.
   */
  selection(): SelectionView {
    const sheet = this.wb.findDealsSheet();
    if (!sheet) return { kind: 'none', message: NO_DEALS_SHEET };
    const active = this.ss.getActiveSheet();
    if (active.getSheetId() !== sheet.getSheetId()) {
      return { kind: 'none', message: `Select a deal in the ${sheet.getName()} sheet to see it here.` };
    }
    const range = this.ss.getActiveRange();
    const row = range ? range.getRow() : 0;
    if (row < 2) return { kind: 'none', message: 'Select a deal (a row below the header) to see it here.' };
    const ds = cachedDealsSheet(sheet, this.cache);
    const values = ds.readRow(row);
    const stages = this.wb.stages();
    const now = this.wb.today();
    const deal = parseRow(ds, row, values, stages, this.calendar);
    if (!deal) return { kind: 'none', message: `Row ${row} is empty. Select a deal to see it here.` };
    return {
      kind: 'deal',
      sheet: ds.name,
      deal: dealView(deal, now, rawCells(ds, values)),
      stages: stageViews(stages),
      fields: presentFields(ds.index),
      today: formatDay(now),
    };
  }

  /**
   * A deal's History, newest first. When the deal's Stage differs from the last stage History
   * holds for it (an edit the trigger missed), the missing row is added first (Via = sync).
   */
  history(id: string, name: string): HistoryItemView[] {
    const stages = this.wb.stages();
    const entries = readDealHistory(this.ss, id, name, stages, this.calendar);
    const added = reconcileDeal(this.ss, id, entries, stages, this.calendar);
    if (added) {
      const stage = (text: string) => stages.find(text) ?? null;
      entries.push({
        row: 0,
        when: this.calendar.dayOf(added.when),
        dealId: added.dealId,
        deal: added.deal,
        from: stage(added.from),
        to: stage(added.to),
        fromText: added.from,
        toText: added.to,
        daysInStage: null,
        changedBy: added.changedBy,
        via: added.via,
      });
    }
    return historyItems(entries);
  }

  /**
   * Per open stage, its set probability against its historical win rate and the closed deals it
   * rests on, exactly as PIPELINE_CALIBRATION computes them (the same function, on the workbook's
   * own Deals and History: a full read, so kept in the document cache for five minutes and
   * dropped by every move made here, not fetched by the selection poll).
   */
  stageOdds(): StageOddsView[] {
    const cached = this.cache.get<StageOddsView[]>(CACHE_KEYS.stageOdds);
    if (cached) return cached;
    const table = runCustomFunction('PIPELINE_CALIBRATION', [], new SpreadsheetSource(this.ss), new Date());
    if (!Array.isArray(table)) throw new PipelineError('PIPELINE_CALIBRATION did not return a table.');
    const odds = table.slice(1).map(
      (row): StageOddsView => ({
        stage: String(row[0]),
        set: Number(row[1]),
        historical: row[2] === '' ? null : Number(row[2]),
        closedDeals: Number(row[3]),
      }),
    );
    this.cache.put(CACHE_KEYS.stageOdds, odds, ODDS_TTL_SECONDS);
    return odds;
  }

  lostReasons(): string[] {
    return lostReasons(cachedDealsSheet(this.dealsSheet(), this.cache), this.cache);
  }

  /** `via`: where the user made the move (History's Via); the board passes `board`. */
  move(raw: unknown, via: MoveVia = 'sidebar'): WriteResult {
    const req = readMoveRequest(raw);
    const result = this.write(req, (deal, ctx) => planMove(deal, req, { ...ctx, via }));
    if (result.ok && req.lostReason) noteLostReason(this.cache, req.lostReason);
    // A deal won or lost (or reopened) changes the stages' historical win rates.
    if (result.ok) this.cache.remove(CACHE_KEYS.stageOdds);
    return result;
  }

  update(raw: unknown): WriteResult {
    const req = readUpdateRequest(raw);
    return this.write(req, (deal, ctx) => planUpdate(deal, req, ctx));
  }

  snooze(raw: unknown): WriteResult {
    const req = readSnoozeRequest(raw);
    return this.write(req, (deal, ctx) => planSnooze(deal, req, ctx));
  }

  /**
   * The common write: lock, locate by ID (with the header read afresh), check, plan, write the
   * row's own cells and prove they landed on the deal (`writeVerified`: flush, read back, put back
   * and try again when a sort or an insert moved the rows or columns meanwhile), then History.
   */
  private write(
    ref: DealRef,
    plan: (deal: Deal, ctx: WriteContext) => Plan | { conflict: string },
  ): WriteResult {
    const locked: WriteResult = { ok: false, code: 'locked', message: LOCKED_MESSAGE, deal: null };
    return this.wb.withLock(
      LOCK_WAIT_MS,
      () => this.attempts(ref, plan),
      () => locked,
    );
  }

  /** `attempt` until the write lands where it was meant, or the sheet keeps moving. */
  private attempts(
    ref: DealRef,
    plan: (deal: Deal, ctx: WriteContext) => Plan | { conflict: string },
  ): WriteResult {
    for (let attempt = 1; ; attempt++) {
      const result = this.attempt(ref, plan);
      if (result !== 'moved') return result;
      if (attempt >= WRITE_ATTEMPTS) {
        return {
          ok: false,
          code: 'conflict',
          message:
            'The sheet kept changing while saving (it was being sorted, or rows or columns inserted). ' +
            'Nothing was written: try again in a moment.',
          deal: null,
        };
      }
    }
  }

  /** One try of `write`, under the lock; `moved` when the sheet changed under it (all put back). */
  private attempt(
    ref: DealRef,
    plan: (deal: Deal, ctx: WriteContext) => Plan | { conflict: string },
  ): WriteResult | 'moved' {
    const ds = DealsSheet.of(this.dealsSheet());
    rememberHeader(ds, this.cache);
    const stages = this.wb.stages();
    const now = new Date();
    const day = this.wb.today();
    const found = locate(ds, ref);
    const deal = found && parseRow(ds, found.row, found.values, stages, this.calendar);
    if (!found || !deal) {
      return {
        ok: false,
        code: 'missing',
        message:
          `${describe(ref)} is no longer in the ${ds.name} sheet (it was deleted, or its ID changed). ` +
          'Nothing was written.',
        deal: null,
      };
    }
    const view = (d: Deal, values: readonly unknown[]): DealView => dealView(d, day, rawCells(ds, values));
    const stale = staleMessage(deal, ref, stages);
    if (stale) return { ok: false, code: 'conflict', message: stale, deal: view(deal, found.values) };
    let taken: Set<string> | null = null;
    const ctx: WriteContext = {
      stages,
      calendar: this.calendar,
      today: day,
      now,
      user: this.wb.user,
      fields: new Set(presentFields(ds.index)),
      statusColumn: ds.has('status') && (statusKey(ds.field(found.values, 'status')) ?? '') !== '',
      newId: () => {
        taken ??= new Set(ds.readColumn('id').map((v) => cellText(v)));
        const id = newDealId(taken);
        taken.add(id);
        return id;
      },
    };
    const planned = plan(deal, ctx);
    if ('conflict' in planned) {
      return { ok: false, code: 'conflict', message: planned.conflict, deal: view(deal, found.values) };
    }
    const outcome = writeVerified(
      ds,
      {
        row: found.row,
        before: found.values,
        id: ds.has('id') ? cellText(ds.field(found.values, 'id')) : '',
        name: cellText(ds.field(found.values, 'deal')),
      },
      toCellValues(planned.cells),
    );
    if (outcome.kind === 'undone') return 'moved';
    if (outcome.kind === 'failed')
      return { ok: false, code: 'conflict', message: outcome.message, deal: null };
    if (planned.history) {
      // History keeps the deal's name exactly as in its cell.
      const name = ds.field(found.values, 'deal');
      appendHistory(this.ss, [{ ...planned.history, deal: typeof name === 'string' ? name : deal.name }]);
    }
    const after = applyCells(found.values, ds.index, planned.cells);
    const updated = parseRow(ds, found.row, after, stages, this.calendar) ?? deal;
    return { ok: true, message: planned.message, deal: view(updated, after) };
  }
}

function rawCells(ds: DealsSheet, values: readonly unknown[]): RawCells {
  return {
    amount: ds.field(values, 'amount'),
    nextStep: ds.field(values, 'nextStep'),
    lostReason: ds.field(values, 'lostReason'),
  };
}

function describe(ref: DealRef): string {
  return ref.name ? `"${ref.name}"` : `Deal ${ref.id}`;
}

/**
 * The deal's row now. The row the sidebar saw is checked first (its ID cell must hold the ID,
 * or for a deal that had no ID: the same name); when the rows moved (sort,
 * insert, delete) the ID column is read to find the ID. Null when the deal is gone.
 */
function locate(ds: DealsSheet, ref: DealRef): { row: number; values: unknown[] } | null {
  const hasId = ds.has('id');
  const matches = (values: readonly unknown[]): boolean => {
    const id = hasId ? cellText(ds.field(values, 'id')) : '';
    if (ref.id !== '' && hasId) return id === ref.id;
    // No ID when the sidebar read it (another write may have assigned one since): same name.
    return cellText(ds.field(values, 'deal')) === ref.name;
  };
  if (ref.row <= ds.sheet.getLastRow()) {
    const values = ds.readRow(ref.row);
    if (matches(values)) return { row: ref.row, values };
  }
  if (ref.id !== '' && hasId) {
    const row = ds.findRowById(ref.id);
    if (row !== null) return { row, values: ds.readRow(row) };
  }
  return null;
}
