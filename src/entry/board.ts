/**
 * Entry points for the board (wired into src/entry/main.ts): the menu handler and the API the
 * board calls through google.script.run. The board's typed bridge (board/bridge.ts) takes its
 * types from these functions; the core validates every argument as unknown.
 */
import { BoardService } from '../adapters/boardService';
import type { BoardLoad, BoardMoveResult } from '../core/board/types';
import type { DealRef, MoveRequest } from '../core/moves/types';
import { openSidebar } from './sidebar';

const BOARD_FILE = 'Board';
const BOARD_TITLE = 'Pipeline board';
/** Wide enough for six stage columns and the Won/Lost targets; Sheets clips it to the window. */
const BOARD_SIZE = { width: 1280, height: 760 } as const;

function service(): BoardService {
  return new BoardService(SpreadsheetApp.getActiveSpreadsheet());
}

/** Pipeline › Board: a modeless dialog, so the sheet stays usable beside it. */
export function openBoard(): void {
  const html = HtmlService.createHtmlOutputFromFile(BOARD_FILE)
    .setTitle(BOARD_TITLE)
    .setWidth(BOARD_SIZE.width)
    .setHeight(BOARD_SIZE.height);
  SpreadsheetApp.getUi().showModelessDialog(html, BOARD_TITLE);
}

/**
 * The board (one read of the deals), or `same` when it equals the version the board shows. A
 * load without a version (the board opening, or Refresh) also reconciles Stage with History.
 */
export function boardLoad(known: string): BoardLoad {
  const version = typeof known === 'string' ? known.slice(0, 16) : '';
  return service().load(version, version === '');
}

/** Moves a deal exactly as the sidebar does (History Via = board); returns the board after it. */
export function boardMove(request: MoveRequest): BoardMoveResult {
  return service().move(request);
}

/** Selects the deal's row and opens the sidebar on it. */
export function boardOpenDeal(ref: DealRef): number {
  const row = service().select(ref);
  openSidebar();
  return row;
}
