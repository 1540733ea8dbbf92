/**
 * A workbook on the host as the tests build one: a World at a fixed time, a `Deals` sheet of a
 * header row and deals given cell by column name (header frozen, as Set up leaves it), and the
 * other sheets a test needs.
 */
import { World } from '../../host';

/** A deal's cells by column name; columns not named are blank. */
export type DealCells = Readonly<Record<string, unknown>>;

/** A deal's row under `headers`. A name that is not a column throws: a typo would blank a cell. */
export function dealRow(headers: readonly string[], cells: DealCells): unknown[] {
  for (const name of Object.keys(cells)) {
    if (!headers.includes(name)) throw new Error(`No column ${name} in ${headers.join(', ')}`);
  }
  return headers.map((h) => (h in cells ? cells[h] : ''));
}

export interface DealsWorldOptions {
  readonly now: string;
  /** The spreadsheet's time zone (the host's default: Europe/London). */
  readonly timeZone?: string;
  readonly headers: readonly string[];
  readonly deals: readonly DealCells[];
  /** Other sheets by name, each a header row and rows (header frozen). */
  readonly sheets?: Readonly<Record<string, unknown[][]>>;
}

export function dealsWorld(options: DealsWorldOptions): World {
  const world = new World({ now: options.now, timeZone: options.timeZone });
  const { headers } = options;
  world.setSheet('Deals', [headers.slice(), ...options.deals.map((cells) => dealRow(headers, cells))], {
    frozenRows: 1,
  });
  for (const [name, rows] of Object.entries(options.sheets ?? {}))
    world.setSheet(name, rows, { frozenRows: 1 });
  return world;
}
