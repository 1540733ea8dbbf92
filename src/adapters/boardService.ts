/**
 * The board's server side. A load is ONE read of the deals sheet (its data range), whatever the
 * number of deals; Stages come from the document cache. A move is exactly the sidebar's write
 * (SidebarService.move: validation, document lock, row found by ID, conflict check, History row)
 * with Via = `board`, followed by a load so the board redraws from what the sheet now holds.
 */

import type { BoardLoad, BoardMoveResult } from '../core/board/types';
import { boardView } from '../core/board/view';
import { PipelineError } from '../core/errors';
import { overdueContext } from '../core/metrics/overdue';
import { parseDeals } from '../core/model/deals';
import { isDealId } from '../core/model/ids';
import type { StageSet } from '../core/model/stages';
import { parseTeam } from '../core/model/team';
import { cellText } from '../core/model/text';
import type { DealRef } from '../core/moves/types';
import { readDealRef } from '../core/moves/validate';
import { NO_DEALS_SHEET, WorkbookContext } from './context';
import { DealsSheet } from './dealsSheet';
import { cachedDealsSheet, rememberHeader } from './pipelineReads';
import { reconcileRows } from './reconcile';
import { SidebarService } from './sidebarService';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** How long the board waits for the lock to reconcile: not long, the next refresh tries again. */
const RECONCILE_WAIT_MS = 2000;

export class BoardService {
  private readonly wb: WorkbookContext;
  private readonly ss: Spreadsheet;
  private readonly cache;

  constructor(workbook: Spreadsheet | WorkbookContext) {
    this.wb = workbook instanceof WorkbookContext ? workbook : new WorkbookContext(workbook);
    this.ss = this.wb.ss;
    this.cache = this.wb.cache;
  }

  /**
   * The board; `{kind: 'same'}` when it equals the version the client already shows. With
   * `reconcile` (the board opening, or Refresh), the Stage moves the edit trigger missed get
   * their History row (Via = sync) from the same read of the deals.
   */
  load(known = '', reconcile = false): BoardLoad {
    const sheet = this.wb.findDealsSheet();
    if (!sheet) return { kind: 'none', message: NO_DEALS_SHEET };
    const rows = sheet.getDataRange().getValues();
    const header = rows[0] ?? [];
    const ds = DealsSheet.fromHeaderRow(sheet, header);
    rememberHeader(ds, this.cache);
    const stages = this.wb.stages();
    const synced = reconcile ? this.reconcile(rows, sheet.getName(), stages) : 0;
    const calendar = this.wb.calendar;
    const table = parseDeals(rows, stages, calendar, { sheet: sheet.getName() });
    const amountAt = ds.index.amount;
    const today = this.wb.today();
    const view = boardView({
      deals: table.deals,
      stages,
      today,
      overdue: overdueContext({
        deals: table.deals,
        problems: table.problems,
        dealTable: { ...table, sheet: sheet.getName() },
        stages,
        history: [],
        today,
        team: parseTeam([]),
      }),
      sheet: sheet.getName(),
      hasLostReason: ds.has('lostReason'),
      hasAmount: ds.has('amount'),
      rawAmount: (deal) => (amountAt === undefined ? '' : rows[deal.row - 1]?.[amountAt]),
    });
    if (known !== '' && known === view.version) return { kind: 'same', version: view.version };
    return synced > 0 ? { ...view, synced } : view;
  }

  /** SPEC §3: the board reconciles Stage with History too; a busy lock just leaves it to the next time. */
  private reconcile(rows: readonly (readonly unknown[])[], sheet: string, stages: StageSet): number {
    return this.wb.withLock(
      RECONCILE_WAIT_MS,
      () => reconcileRows(this.ss, rows, sheet, stages).added,
      () => 0,
    );
  }

  /** A move through the sidebar's path (Via = board), then the board as it now is. */
  move(raw: unknown): BoardMoveResult {
    const result = new SidebarService(this.wb).move(raw, 'board');
    let board: BoardLoad | null = null;
    try {
      board = this.load();
    } catch {
      board = null; // the move's own message still reaches the user; the next refresh retries
    }
    return { result, board };
  }

  /**
   * Selects the deal's row in the deals sheet (found by ID when the rows moved), so the sidebar,
   * which follows the selection, shows it. Returns the row.
   */
  select(raw: unknown): number {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new PipelineError('The open request is malformed.');
    }
    const ref: DealRef = readDealRef(raw as Record<string, unknown>);
    const sheet = this.wb.dealsSheet();
    const ds = cachedDealsSheet(sheet, this.cache);
    const matches = (values: readonly unknown[]): boolean =>
      ref.id !== '' && ds.has('id')
        ? cellText(ds.field(values, 'id')) === ref.id
        : cellText(ds.field(values, 'deal')) === ref.name;
    let row: number | null = null;
    if (ref.row <= sheet.getLastRow() && matches(ds.readRow(ref.row))) row = ref.row;
    else if (ref.id !== '' && isDealId(ref.id) && ds.has('id')) row = ds.findRowById(ref.id);
    if (row === null) {
      throw new PipelineError(
        `${ref.name ? `"${ref.name}"` : `Deal ${ref.id}`} is no longer in the ${sheet.getName()} sheet.`,
      );
    }
    sheet.activate();
    const column = ds.has('deal') ? ds.sheetColumn('deal') : 1;
    this.ss.setActiveRange(sheet.getRange(row, column));
    return row;
  }
}
