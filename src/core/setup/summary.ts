/** The one-line summary Set up shows when it is done. */
import { plural } from '../model/text';

export interface SetupSummaryInput {
  readonly dealsSheet: string;
  readonly how: 'remembered' | 'exact' | 'adopted' | 'new';
  readonly addedColumns: readonly string[];
  readonly idsAssigned: number;
  readonly historyBaseline?: number;
  readonly createdSheets: readonly string[];
  readonly changes: readonly string[];
}

export function setupSummary(r: SetupSummaryInput): string {
  const parts: string[] = [];
  if (r.how === 'adopted') parts.push(`Adopted "${r.dealsSheet}" as the deals sheet.`);
  if (r.how === 'new') parts.push(`Created the "${r.dealsSheet}" sheet.`);
  if (r.addedColumns.length > 0)
    parts.push(`Added ${plural(r.addedColumns.length, 'column', 'columns')}: ${r.addedColumns.join(', ')}.`);
  if (r.idsAssigned > 0) parts.push(`Gave ${plural(r.idsAssigned, 'deal an ID', 'deals IDs')}.`);
  if ((r.historyBaseline ?? 0) > 0) {
    parts.push(
      `Recorded the current stage of ${plural(r.historyBaseline ?? 0, 'deal', 'deals')} in History.`,
    );
  }
  const created = r.createdSheets.filter((s) => s !== r.dealsSheet);
  if (created.length > 0) parts.push(`Created ${created.join(', ')}.`);
  if (r.changes.length > 0) parts.push(`Set ${r.changes.join(', ')}.`);
  return parts.length > 0 ? parts.join(' ') : `Everything was already set up on "${r.dealsSheet}".`;
}
