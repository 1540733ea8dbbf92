/**
 * SPEC §1: "Day counts are whole calendar days in the spreadsheet's time zone." The same sheet —
 * every date cell holding local midnight of its day, as Sheets gives it — must give the same
 * result from every custom function in every time zone: UTC, far east (Auckland is UTC+13 in
 * November, Tokyo +9, Kolkata +5:30) and west (Los Angeles −8). This also covers a Date that lands
 * in a text or number column (named by its local day, not by its UTC day).
 */
import fc from 'fast-check';
import { World } from '../../host';
import { Calendar } from '../../src/core/model/dates';
import { FUNCTIONS } from '../../src/functions/catalog';
import { call, loadInWorld, type ScriptContext } from '../support/code';

// 10:00 UTC on 2026-11-23 is 2026-11-23 in every zone below (Auckland 23:00, Los Angeles 02:00).
const NOW = '2026-11-23T10:00:00Z';
const ZONES = ['Etc/UTC', 'Pacific/Auckland', 'Asia/Tokyo', 'Asia/Kolkata', 'America/Los_Angeles'];
const TODAY = Math.floor(Date.parse(NOW) / 86_400_000);

/** A day as a value of the sheet: local midnight in the zone (a Date), ISO text, or blank. */
type DayCell = { day: number; text: boolean } | null;
const dayCell: fc.Arbitrary<DayCell> = fc.oneof(
  fc.record({ day: fc.integer({ min: TODAY - 200, max: TODAY + 60 }), text: fc.boolean() }),
  fc.constant(null),
);

const HEADERS = [
  'ID',
  'Deal',
  'Owner',
  'Amount',
  'Stage',
  'Probability',
  'Created',
  'Stage Entered',
  'Expected Close',
  'Closed',
  'Last Activity',
  'Snoozed Until',
  'Next Step',
];
const dealRow = fc.tuple(
  fc.constantFrom('D-1', 'D-2', 'D-3', 'D-4', ''),
  fc.constantFrom('Acme', 'Globex', 'Initech', ''),
  fc.constantFrom('Ana', 'ben@example.com', 'Cleo'),
  // an amount, or a date typed into Amount by mistake
  fc.oneof(
    fc.integer({ min: 0, max: 100_000 }),
    dayCell.filter((c) => c !== null),
  ),
  fc.constantFrom('Lead', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost', 'Closing'),
  fc.constantFrom('', '40%', 0.25),
  dayCell,
  dayCell,
  dayCell,
  dayCell,
  dayCell,
  dayCell,
  fc.oneof(
    fc.constantFrom('Call back', ''),
    dayCell.filter((c) => c !== null),
  ),
);

function isDayCell(value: unknown): value is { day: number; text: boolean } {
  return typeof value === 'object' && value !== null && 'day' in value;
}

/** The sheet as Sheets holds it in a zone: date cells at local midnight. */
function inZone(rows: readonly (readonly unknown[])[], zone: string): unknown[][] {
  const calendar = new Calendar(zone);
  return rows.map((row) =>
    row.map((cell) => {
      if (cell === null) return '';
      if (!isDayCell(cell)) return cell;
      const midnight = calendar.startOf(cell.day);
      return cell.text ? new Date(cell.day * 86_400_000).toISOString().slice(0, 10) : midnight;
    }),
  );
}

const ARGS: Record<string, unknown[]> = {
  PIPELINE_COUNT: [],
  PIPELINE_VALUE: [],
  PIPELINE_WEIGHTED: [],
  PIPELINE_WINRATE: ['', '2026-09-01', '2026-11-23'],
  PIPELINE_AVG_DEAL: ['', '2026-09-01'],
  PIPELINE_CYCLE_DAYS: [],
  PIPELINE_VELOCITY: [],
  PIPELINE_STALLED: [],
  PIPELINE_STALLED_COUNT: [],
  PIPELINE_FUNNEL: [],
  PIPELINE_CONVERSION: ['Lead', 'Won'],
  PIPELINE_STAGE_DAYS: ['Lead'],
  PIPELINE_FORECAST: [],
  PIPELINE_ATTAINMENT: [50000, '', '2026-10-01', '2026-12-31'],
  PIPELINE_COVERAGE: [50000, '', '2026-10-01', '2026-12-31'],
  PIPELINE_STAGE_PROBABILITY: ['Lead'],
  PIPELINE_SUMMARY: [],
  PIPELINE_OVERDUE: [],
  PIPELINE_FORECAST_RANGE: ['2026-10-01', '2026-12-31'],
  PIPELINE_CALIBRATION: [],
  PIPELINE_CHANGES: [],
  PIPELINE_FORECAST_ACCURACY: [],
  PIPELINE_CHECK: [],
};

function outcome(ctx: ScriptContext, name: string, args: unknown[]): string {
  try {
    return JSON.stringify(call(ctx, name, ...args));
  } catch (error) {
    return `error: ${String((error as { message?: unknown })?.message)}`;
  }
}

describe('every custom function gives the same result in every spreadsheet time zone', () => {
  const contexts = ZONES.map((zone) => {
    const world = new World({ now: NOW, timeZone: zone });
    return { zone, ctx: loadInWorld(world, { authMode: 'CUSTOM_FUNCTION' }) };
  });

  test('deals and History with local-midnight dates', () => {
    expect(FUNCTIONS.map((f) => f.name).sort()).toEqual(Object.keys(ARGS).sort());
    fc.assert(
      fc.property(
        fc.array(dealRow, { minLength: 1, maxLength: 12 }),
        fc.array(
          fc.tuple(
            dayCell,
            fc.constantFrom('D-1', 'D-2', 'D-3'),
            fc.constantFrom('Lead', 'Qualified', 'Proposal'),
            fc.constantFrom('Qualified', 'Proposal', 'Won', 'Lost'),
          ),
          { maxLength: 8 },
        ),
        (deals, moves) => {
          const dealRows = [HEADERS, ...deals];
          const historyRows = [
            ['When', 'Deal ID', 'Deal', 'From', 'To', 'Days In Stage', 'Changed By', 'Via'],
            ...moves.map(([when, id, from, to]) => [when, id, '', from, to, '', 'ana@example.com', 'edit']),
          ];
          for (const spec of FUNCTIONS) {
            const results = contexts.map(({ zone, ctx }) => {
              const tables = spec.tables.map((t) => inZone(t === 'deals' ? dealRows : historyRows, zone));
              return outcome(ctx, spec.name, [...tables, ...(ARGS[spec.name] ?? [])]);
            });
            results.forEach((result, i) => {
              if (result !== results[0]) {
                throw new Error(
                  `${spec.name}: ${ZONES[i]} gives ${result}\nbut ${ZONES[0]} gives ${results[0]}`,
                );
              }
            });
          }
        },
      ),
      { numRuns: 60, seed: 20261123 },
    );
  });
});
