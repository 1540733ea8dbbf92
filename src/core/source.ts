import type { Calendar } from './model/dates';

/**
 * Where the pipeline's tables come from: the adapters read them from a spreadsheet, tests build
 * them by hand. Each read is one batch (a whole table); null means the sheet does not exist.
 */
export interface WorkbookSource {
  /** The deals table (header row first) and the sheet name used in messages. */
  deals(): { rows: unknown[][]; sheet: string } | null;
  stages(): unknown[][] | null;
  team(): unknown[][] | null;
  history(): unknown[][] | null;
  /** The `Snapshots` table; absent or null when there is none. */
  snapshots?(): unknown[][] | null;
  timeZone(): string;
  /** The calendar of `timeZone()`, when the source knows better offsets than `Intl` alone. */
  calendar?(): Calendar;
}
