/**
 * Property tests on the built Code.js: random messy sheets never make any custom function return
 * NaN, Infinity or a non-finite cell, nor throw anything but our own error with a message; and
 * the range form and the sheet form agree.
 */
import fc from 'fast-check';
import { World } from '../../host';
import { FUNCTIONS, type FunctionSpec } from '../../src/functions/catalog';
import { call, loadInWorld, type ScriptContext } from '../support/code';
import { messyArgument, messyDeals, messyHistory, messySnapshots } from '../support/messy';

type Outcome = { ok: true; value: unknown } | { ok: false; name: string; message: string };

function run(ctx: ScriptContext, name: string, args: unknown[]): Outcome {
  try {
    return { ok: true, value: call(ctx, name, ...args) };
  } catch (error) {
    const e = error as { name?: unknown; message?: unknown };
    return { ok: false, name: String(e?.name), message: String(e?.message) };
  }
}

function isFiniteCell(cell: unknown): boolean {
  return typeof cell === 'string' || (typeof cell === 'number' && Number.isFinite(cell));
}

function assertWellFormed(outcome: Outcome, label: string): void {
  if (!outcome.ok) {
    // Our own error type, with a message a user can read; never a TypeError or RangeError.
    if (outcome.name !== 'PipelineError' || outcome.message.trim().length < 5) {
      throw new Error(`${label} threw ${outcome.name}: ${outcome.message}`);
    }
    return;
  }
  const { value } = outcome;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${label} returned ${value}`);
    return;
  }
  if (!Array.isArray(value) || value.length === 0) throw new Error(`${label} returned ${String(value)}`);
  const width = (value[0] as unknown[]).length;
  for (const row of value as unknown[][]) {
    if (!Array.isArray(row) || row.length !== width || !row.every(isFiniteCell)) {
      throw new Error(`${label} returned a bad row ${JSON.stringify(row)}`);
    }
  }
}

const argsFor = (spec: FunctionSpec) =>
  fc.array(messyArgument, { minLength: spec.params.length, maxLength: spec.params.length });

describe.each(FUNCTIONS.map((f) => [f.name, f] as const))('%s on random messy sheets', (_name, spec) => {
  const world = new World({ now: '2026-11-23T10:00:00Z', timeZone: 'America/New_York' });
  world.setSheet('Team', [
    ['Owner', 'Email', 'Quota'],
    ['Ana', 'ana@example.com', 50000],
  ]);
  const ctx = loadInWorld(world, { authMode: 'CUSTOM_FUNCTION' });

  test('returns finite numbers or tables, or a clear error — and both forms agree', () => {
    fc.assert(
      fc.property(
        messyDeals,
        messyHistory,
        messySnapshots,
        argsFor(spec),
        (deals, history, snapshots, args) => {
          const given = { deals, history, snapshots };
          const sheetOf = {
            deals: 'Deals',
            history: 'History',
            snapshots: 'Snapshots',
          };
          const direct = spec.tables.map((t) => given[t]);
          assertWellFormed(run(ctx, spec.name, [...direct, ...args]), `${spec.name} on raw arrays`);

          // As Sheets has them: a cell typed "=1+1" is a formula, so compare the forms on what
          // the spreadsheet holds.
          world.setSheet('Deals', deals);
          world.setSheet('History', history);
          world.setSheet('Snapshots', snapshots);
          const held = spec.tables.map((t) => world.sheetValues(sheetOf[t]));
          const rangeForm = run(ctx, spec.name, [...held, ...args]);
          assertWellFormed(rangeForm, `${spec.name} range form`);
          // A string argument in first position would be taken for the first filter, as a user means it.
          const sheetForm = run(ctx, spec.name, args);
          assertWellFormed(sheetForm, `${spec.name} sheet form`);
          // Messages name the table as given: a range, or the sheet (PIPELINE_SUMMARY shows them as notes).
          const strip = (o: Outcome) =>
            JSON.stringify(o.ok ? o.value : o.message)
              .replace(/the deals range|Deals/g, 'X')
              .replace(/the snapshots range|Snapshots/g, 'S');
          if (strip(rangeForm) !== strip(sheetForm)) {
            throw new Error(`forms disagree: ${strip(rangeForm)} vs ${strip(sheetForm)}`);
          }
        },
      ),
      { numRuns: 100, seed: 20261123 },
    );
  });
});
