/**
 * A locked write to one deal's row that proves where it landed. Nothing in Apps Script makes a
 * read and a later `setValues` atomic: a teammate's sort or row/column insert can land between
 * them, and the write then hits another deal or another column. So the write
 * 1. reads, just before writing, the written columns and the ID of the rows around it (500 on
 *    each side: a bounded read), the values to put back if the rows move under it;
 * 2. writes, `SpreadsheetApp.flush()`es, and reads the header row and the deal's row again;
 * 3. when the header changed or the row no longer holds the deal, puts back what every touched
 *    cell held (the deal's own cells from its row as read, another deal's from step 1, a row
 *    inserted since: blank) and says so; the caller then locates the deal again and retries.
 */

import type { DealField } from '../core/model/columns';
import { columnOfIndex } from '../core/model/sheetColumn';
import { cellText, normalizeKey } from '../core/model/text';
import { writeCells } from './cellWrite';
import type { CellValue, DealsSheet } from './dealsSheet';

export interface WriteTarget {
  /** The row the deal was found at, and that row's values as read (whole header width). */
  readonly row: number;
  readonly before: readonly unknown[];
  /** The deal's ID ('' when the sheet has no ID column or the deal none: matched by name). */
  readonly id: string;
  readonly name: string;
}

export type WriteOutcome =
  /** The cells are on the deal, where its header says. */
  | { readonly kind: 'ok' }
  /** The sheet changed under the write; every touched cell holds what it held before. */
  | { readonly kind: 'undone' }
  /** The sheet changed and the cells could not all be put back: `message` names the rows. */
  | { readonly kind: 'failed'; readonly message: string };

type Grid = unknown[][];

/** Rows read on each side of the written row, to put back a row that moved there meanwhile. */
export const SNAPSHOT_ROWS = 500;

/** A value put back as it was read (text is kept text by `writeCells`). */
function restorable(value: unknown): CellValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object' && 'getTime' in (value as object)) return value as Date;
  return String(value);
}

function sameHeader(a: readonly unknown[], b: readonly unknown[]): boolean {
  const trim = (h: readonly unknown[]) => {
    const keys = h.map((x) => normalizeKey(x));
    while (keys.length > 0 && keys[keys.length - 1] === '') keys.pop();
    return keys;
  };
  const x = trim(a);
  const y = trim(b);
  return x.length === y.length && x.every((k, i) => k === y[i]);
}

/** Index of a header key when it occurs exactly once. */
function uniqueIndex(keys: readonly string[], key: string): number {
  const first = keys.indexOf(key);
  return first >= 0 && key !== '' && keys.indexOf(key, first + 1) < 0 ? first : -1;
}

export function writeVerified(
  ds: DealsSheet,
  target: WriteTarget,
  values: Partial<Record<DealField, CellValue>>,
): WriteOutcome {
  const sheet = ds.sheet;
  const fields = (Object.keys(values) as DealField[]).filter((f) => ds.has(f));
  if (fields.length === 0) return { kind: 'ok' };
  const columns = fields.map((f) => ds.sheetColumn(f));
  // The deal is known by its ID (the one this write gives it, if any), else by its name.
  const newId = values.id !== undefined ? cellText(values.id).replace(/^'/, '') : target.id;
  const byId = ds.has('id') && newId !== '';
  const keyCol = byId ? ds.sheetColumn('id') : ds.has('deal') ? ds.sheetColumn('deal') : 0;
  const targetKey = byId ? newId : target.name;
  if (keyCol === 0 || targetKey === '') {
    ds.writeFields(target.row, values); // nothing to know the deal by: written as located
    return { kind: 'ok' };
  }
  const keyOf = (row: readonly unknown[], col = keyCol): string => cellText(row[col - 1]);
  const width = ds.headers.length;

  // 1. What the written columns hold now, and whose rows they are, around the row: one read of
  // a block of bounded size (a sort can bring a row from further away: that one is reported).
  const first = Math.min(keyCol, ...columns);
  const span = Math.max(keyCol, ...columns) - first + 1;
  const last = sheet.getLastRow();
  const top = Math.max(2, target.row - SNAPSHOT_ROWS);
  const bottom = Math.min(last, target.row + SNAPSHOT_ROWS);
  const block: Grid = bottom >= top ? sheet.getRange(top, first, bottom - top + 1, span).getValues() : [];
  const prior = new Map<string, unknown[]>();
  const seen = new Map<string, number>();
  for (const cells of block) {
    const row: unknown[] = [];
    cells.forEach((v, j) => {
      row[first - 1 + j] = v; // as a full-width row: column c at index c - 1
    });
    const key = keyOf(row);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    prior.set(key, row);
  }

  // 2. Write, flush, look again.
  ds.writeFields(target.row, values);
  SpreadsheetApp.flush();
  const nowWidth = Math.max(sheet.getLastColumn(), 1);
  const header = sheet.getRange(1, 1, 1, nowWidth).getValues()[0] ?? [];
  const headerSame = sameHeader(header, ds.headers);
  if (headerSame) {
    const rowNow = sheet.getRange(target.row, 1, 1, width).getValues()[0] ?? [];
    if (keyOf(rowNow) === targetKey) return { kind: 'ok' };
  }

  // 3. Put back every touched cell.
  const puts: { row: number; col: number; value: CellValue }[] = [];
  let failed = false;
  if (headerSame) {
    // The rows moved (sorted, inserted, deleted): the written row now holds another deal, or a
    // row inserted since; the deal itself may have taken a write with it.
    const lastNow = sheet.getLastRow();
    const rows: Grid = lastNow >= 2 ? sheet.getRange(2, 1, lastNow - 1, width).getValues() : [];
    const hit = rows[target.row - 2] ?? [];
    const hitKey = keyOf(hit);
    const blankRow = hit.every((v, i) => columns.includes(columnOfIndex(i)) || cellText(v) === '');
    const hitPrior =
      hitKey !== '' && (seen.get(hitKey) ?? 0) === 1 ? prior.get(hitKey) : blankRow ? [] : undefined;
    if (hitPrior === undefined) failed = true;
    else for (const c of columns) puts.push({ row: target.row, col: c, value: restorable(hitPrior[c - 1]) });
    rows.forEach((row, i) => {
      if (i + 2 !== target.row && keyOf(row) === targetKey) {
        for (const c of columns) puts.push({ row: i + 2, col: c, value: restorable(target.before[c - 1]) });
      }
    });
  } else {
    // The columns moved (inserted, deleted): the row still holds the deal.
    const nowKeys = header.map((h) => normalizeKey(h));
    const oldKeys = ds.headers.map((h) => normalizeKey(h));
    const rowNow = sheet.getRange(target.row, 1, 1, nowWidth).getValues()[0] ?? [];
    const keyNow = uniqueIndex(nowKeys, oldKeys[keyCol - 1] ?? '');
    if (keyNow < 0 || cellText(rowNow[keyNow]) !== targetKey) failed = true;
    else {
      const restoreAt = (col: number) => {
        const key = nowKeys[col - 1] ?? '';
        if (!oldKeys.includes(key)) {
          puts.push({ row: target.row, col, value: '' }); // a column inserted since: blank
          return;
        }
        const j = uniqueIndex(oldKeys, key);
        if (j < 0) failed = true;
        else puts.push({ row: target.row, col, value: restorable(target.before[j]) });
      };
      // The cells written (where the old header put the fields), and the fields' cells now.
      for (const c of columns) restoreAt(c);
      for (const c of columns) {
        const j = uniqueIndex(nowKeys, oldKeys[c - 1] ?? '');
        if (j >= 0) restoreAt(j + 1);
      }
    }
  }
  for (const p of puts) writeCells(sheet.getRange(p.row, p.col), [[p.value]]);
  if (puts.length > 0) SpreadsheetApp.flush();
  if (failed) {
    return {
      kind: 'failed',
      message:
        `The ${ds.name} sheet changed while saving (sorted, or rows or columns inserted) and row ` +
        `${target.row} could not be put back as it was: please check it.`,
    };
  }
  return { kind: 'undone' };
}
