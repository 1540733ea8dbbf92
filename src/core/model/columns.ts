import { PipelineError } from '../errors';
import { cellText, normalizeKey } from './text';

/** The Deals columns the add-on knows, with the header names accepted for each (SPEC §1). */
export const DEAL_COLUMNS = {
  id: ['ID', 'Deal ID'],
  deal: ['Deal', 'Deal Name', 'Name', 'Opportunity', 'Title'],
  company: ['Company', 'Account', 'Organization', 'Client', 'Customer'],
  owner: ['Owner', 'Rep', 'Sales Rep', 'Salesperson', 'Assigned To'],
  amount: ['Amount', 'Value', 'Deal Value', 'Deal Size', 'Revenue'],
  stage: ['Stage', 'Status', 'Deal Stage', 'Pipeline Stage'],
  probability: ['Probability', 'Win Probability'],
  created: ['Created', 'Created On', 'Created Date', 'Date Created'],
  stageEntered: ['Stage Entered', 'Stage Date', 'Stage Changed', 'In Stage Since'],
  expectedClose: ['Expected Close', 'Close Date', 'Expected Close Date', 'Target Close'],
  closed: ['Closed', 'Closed On', 'Closed Date', 'Date Closed'],
  lastActivity: ['Last Activity', 'Last Contact', 'Last Touch'],
  nextStep: ['Next Step'],
  nextStepDate: ['Next Step Date', 'Next Activity Date', 'Follow Up', 'Follow-up Date', 'Next Step Due'],
  lostReason: ['Lost Reason', 'Loss Reason'],
  snoozedUntil: ['Snoozed Until', 'Snooze'],
  stalledSince: ['Stalled Since', 'Stalled'],
} as const;

export type DealField = keyof typeof DEAL_COLUMNS;
export const DEAL_FIELDS = Object.keys(DEAL_COLUMNS) as DealField[];

/** The canonical header of a field (the first name in its list). */
export function headerOf(field: DealField): string {
  return DEAL_COLUMNS[field][0];
}

export interface ColumnMap<F extends string> {
  /** 0-based column index of each recognised field. */
  readonly index: Partial<Record<F, number>>;
  /** The header row as found (trimmed text). */
  readonly headers: string[];
}

/**
 * Finds columns by header name: case, spacing and punctuation ignored, any order, unknown
 * headers ignored. When two headers name one field, the canonical name wins, then the leftmost.
 */
export function mapColumns<F extends string>(
  headerRow: readonly unknown[],
  aliases: Readonly<Record<F, readonly string[]>>,
): ColumnMap<F> {
  const lookup = new Map<string, { field: F; rank: number }>();
  for (const field of Object.keys(aliases) as F[]) {
    aliases[field].forEach((alias, rank) => {
      lookup.set(normalizeKey(alias), { field, rank });
    });
  }
  const index: Partial<Record<F, number>> = {};
  const rankOf: Partial<Record<F, number>> = {};
  const headers = headerRow.map((header) => cellText(header));
  headers.forEach((header, column) => {
    const hit = lookup.get(normalizeKey(header));
    if (!hit) return;
    const seen = rankOf[hit.field];
    if (seen === undefined || (hit.rank === 0 && seen !== 0)) {
      index[hit.field] = column;
      rankOf[hit.field] = hit.rank;
    }
  });
  return { index, headers };
}

/** Throws a clear error naming a missing required column and listing the headers found. */
export function requireColumns<F extends string>(
  map: ColumnMap<F>,
  required: readonly F[],
  names: Readonly<Record<F, readonly string[]>>,
  sheet: string,
): void {
  for (const field of required) {
    if (map.index[field] === undefined) {
      const found = map.headers.filter((h) => h !== '');
      const accepted = names[field];
      throw new PipelineError(
        `${sheet} has no ${accepted[0]} column (accepted headers: ${accepted.join(', ')}). ` +
          `Headers found: ${found.length > 0 ? found.join(', ') : 'none'}.`,
      );
    }
  }
}

/** Spreadsheet column letters for a 0-based index (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
