/**
 * Which sheet holds the deals: `Deals` when it exists, else the sheet whose header row matches
 * the Deals columns best (SPEC §1 aliases). Pure: the adapter passes each sheet's header row.
 */
import { type DealField, mapDealColumns } from '../model/columns';
import { normalizeKey } from '../model/text';

export interface SheetHeaders {
  readonly name: string;
  readonly headers: readonly unknown[];
}

export interface HeaderMatch {
  /** The Deals fields recognised in the header row. */
  readonly fields: DealField[];
  /** Number of fields recognised (each counted once, however many aliases name it). */
  readonly score: number;
  readonly hasStage: boolean;
}

export function matchHeaders(headers: readonly unknown[]): HeaderMatch {
  const index = mapDealColumns(headers).index;
  const fields = (Object.keys(index) as DealField[]).filter((f) => index[f] !== undefined);
  // Columns, not fields: a lone Close Date is both Expected Close and Closed, yet one column.
  const score = new Set(fields.map((f) => index[f])).size;
  return { fields, score, hasStage: index.stage !== undefined };
}

/**
 * Enough of a deals table to offer it for adoption: a Stage column and two more known columns,
 * or any three known columns (a Stage column is then added).
 */
export function looksLikeDeals(match: HeaderMatch): boolean {
  return match.score >= 3 || (match.hasStage && match.score >= 2);
}

export type DealsSheetChoice =
  | { readonly kind: 'exact'; readonly name: string }
  | { readonly kind: 'best'; readonly name: string; readonly match: HeaderMatch }
  | { readonly kind: 'none' };

/**
 * `Deals` (any case) wins outright; otherwise the best-matching sheet that looks like deals
 * (ties: the leftmost), skipping the add-on's own sheets.
 */
export function chooseDealsSheet(
  sheets: readonly SheetHeaders[],
  dealsName: string,
  ownSheets: readonly string[],
): DealsSheetChoice {
  const exact = sheets.find((s) => s.name.toLowerCase() === dealsName.toLowerCase());
  if (exact) return { kind: 'exact', name: exact.name };
  const own = new Set(ownSheets.map(normalizeKey));
  let best: { name: string; match: HeaderMatch } | null = null;
  for (const sheet of sheets) {
    if (own.has(normalizeKey(sheet.name))) continue;
    const match = matchHeaders(sheet.headers);
    if (!looksLikeDeals(match)) continue;
    const better =
      !best ||
      match.score > best.match.score ||
      (match.score === best.match.score && match.hasStage && !best.match.hasStage);
    if (better) best = { name: sheet.name, match };
  }
  return best ? { kind: 'best', ...best } : { kind: 'none' };
}
