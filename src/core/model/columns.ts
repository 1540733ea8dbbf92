import { PipelineError } from '../errors';
import { cellText, normalizeKey } from './text';

/**
 * The Deals columns the add-on knows, with the header names accepted for each (SPEC §1).
 * `Status` also stands for Stage in a sheet with no other Stage column (see `mapDealColumns`).
 */
export const DEAL_COLUMNS = {
  id: ['ID', 'Deal ID', 'Record ID', 'Opportunity ID'],
  deal: ['Deal', 'Deal Name', 'Name', 'Opportunity', 'Opportunity Name', 'Title'],
  company: ['Company', 'Account', 'Account Name', 'Organization', 'Associated Company', 'Client', 'Customer'],
  owner: ['Owner', 'Rep', 'Sales Rep', 'Salesperson', 'Assigned To', 'Deal Owner', 'Opportunity Owner'],
  amount: ['Amount', 'Value', 'Deal Value', 'Deal Size', 'Revenue'],
  stage: ['Stage', 'Deal Stage', 'Pipeline Stage'],
  probability: ['Probability', 'Win Probability', 'Deal Probability', 'Probability (%)'],
  created: [
    'Created',
    'Created On',
    'Created Date',
    'Date Created',
    'Create Date',
    'Deal Created',
    'Add Time',
  ],
  stageEntered: ['Stage Entered', 'Stage Date', 'Stage Changed', 'In Stage Since'],
  expectedClose: ['Expected Close', 'Expected Close Date', 'Target Close', 'Close Date'],
  closed: ['Closed', 'Closed On', 'Closed Date', 'Date Closed', 'Won Time', 'Lost Time', 'Close Time'],
  lastActivity: ['Last Activity', 'Last Contact', 'Last Touch', 'Last Activity Date'],
  nextStep: ['Next Step'],
  nextStepDate: ['Next Step Date', 'Next Activity Date', 'Follow Up', 'Follow-up Date', 'Next Step Due'],
  lostReason: ['Lost Reason', 'Loss Reason', 'Closed Lost Reason'],
  snoozedUntil: ['Snoozed Until', 'Snooze'],
  stalledSince: ['Stalled Since', 'Stalled'],
  status: ['Status', 'Outcome', 'Deal Status'],
} as const;

export type DealField = keyof typeof DEAL_COLUMNS;
/** The headers accepted for each column, as error messages list them (`Status` stands for Stage too). */
export const DEAL_HEADER_NAMES: Readonly<Record<DealField, readonly string[]>> = {
  ...DEAL_COLUMNS,
  stage: ['Stage', 'Status', 'Deal Stage', 'Pipeline Stage'],
};

/**
 * The columns the add-on manages (Set up adds the missing ones). Status is only read: a sheet
 * without one keeps each deal's outcome in its Stage.
 */
export const DEAL_FIELDS = (Object.keys(DEAL_COLUMNS) as DealField[]).filter((f) => f !== 'status');

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

export interface DealColumnMap extends ColumnMap<DealField> {
  /** A second Closed column: with both Won Time and Lost Time, a deal's Closed is whichever is filled. */
  readonly closedAlso?: number;
  /**
   * No Closed column but a `Close Date` (HubSpot, Salesforce): that one column is the Closed date
   * of won and lost deals and the Expected Close of open ones (`index.closed` = `index.expectedClose`).
   */
  readonly sharedCloseDate: boolean;
  /** The Probability header says `%` (`Probability (%)`): every number in it is a percentage. */
  readonly probabilityPercent: boolean;
  /** Per header (by column), the field it was taken as; null when it stays the team's own. */
  readonly takenAs: (DealField | null)[];
}

/** `Deal - `, `Deal `, `Opportunity - `, `Opportunity `: a CRM export's record-type prefix. */
const RECORD_PREFIX = /^(?:deal|opportunity)(?:\s*-\s*|\s+)(?=\S)/i;

function withoutRecordPrefix(header: string): string | null {
  const match = RECORD_PREFIX.exec(header);
  return match ? header.slice(match[0].length) : null;
}

const DEAL_LOOKUP = new Map<string, DealField>();
for (const field of Object.keys(DEAL_COLUMNS) as DealField[]) {
  for (const alias of DEAL_COLUMNS[field]) DEAL_LOOKUP.set(normalizeKey(alias), field);
}

/**
 * Finds the Deals columns (SPEC §1 "Sheets from elsewhere"): case, spacing and punctuation
 * ignored; a header that begins with the record type (`Deal - Title`) is also matched without
 * it; a full-header match wins over a shortened one; when two headers claim one column the
 * first from the left is taken and the other stays the team's own. `Status` is the Stage column
 * of a sheet that has no other; Won Time beside Lost Time are one Closed column; a lone Close
 * Date is both Expected Close and Closed.
 */
export function mapDealColumns(headerRow: readonly unknown[]): DealColumnMap {
  const headers = headerRow.map((header) => cellText(header));
  /** Per column: the header's key as matched (prefix removed when that is how it matched). */
  const keys: string[] = headers.map((h) => normalizeKey(h));
  const full = keys.map((k) => DEAL_LOOKUP.get(k));
  const short = headers.map((h, i) => {
    if (full[i] !== undefined) return undefined;
    const rest = withoutRecordPrefix(h);
    if (rest === null) return undefined;
    const field = DEAL_LOOKUP.get(normalizeKey(rest));
    if (field !== undefined) keys[i] = normalizeKey(rest);
    return field;
  });
  const index: Partial<Record<DealField, number>> = {};
  const takenAs: (DealField | null)[] = headers.map(() => null);
  for (const claims of [full, short]) {
    claims.forEach((field, column) => {
      if (field === undefined || index[field] !== undefined) return;
      index[field] = column;
      takenAs[column] = field;
    });
  }
  // `Status` is the Stage column when there is no other (a sheet of its own, not an outcome).
  if (index.stage === undefined && index.status !== undefined && keys[index.status] === 'status') {
    index.stage = index.status;
    takenAs[index.status] = 'stage';
    delete index.status;
  }
  let closedAlso: number | undefined;
  if (index.closed !== undefined) {
    const other = { wontime: 'losttime', losttime: 'wontime' }[keys[index.closed] ?? ''];
    const at = other === undefined ? -1 : keys.findIndex((k, i) => k === other && takenAs[i] === null);
    if (at >= 0) {
      closedAlso = at;
      takenAs[at] = 'closed';
    }
  }
  let sharedCloseDate = false;
  if (index.closed === undefined && index.expectedClose !== undefined) {
    sharedCloseDate = keys[index.expectedClose] === 'closedate';
    if (sharedCloseDate) index.closed = index.expectedClose;
  }
  const probabilityPercent =
    index.probability !== undefined && (headers[index.probability] ?? '').includes('%');
  return { index, headers, closedAlso, sharedCloseDate, probabilityPercent, takenAs };
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
