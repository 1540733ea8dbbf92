/**
 * PIPELINE_FORECAST_RANGE and PIPELINE_CALIBRATION in the built dist/Code.js (gas-local with the
 * host's fakes), in both forms, on the sample workbook of test/support/sample.ts (today
 * 2026-11-23). Expected values are worked out by hand in the comments.
 */
import { World } from '../../host';
import { call, loadInWorld, type ScriptContext, thrown } from '../support/code';
import { generateWorkbook } from '../support/generate';
import { NOW, SAMPLE_DEALS, SAMPLE_HISTORY, SAMPLE_TEAM, TIME_ZONE, wholeColumns } from '../support/sample';

const DEALS = wholeColumns(SAMPLE_DEALS);
const HISTORY = wholeColumns(SAMPLE_HISTORY);
const HEADER = ['Low (P10)', 'Likely (P50)', 'High (P90)', 'Expected'];

function expectClose(actual: unknown, expected: unknown[][]): void {
  const rows = actual as unknown[][];
  expect(rows.length).toBe(expected.length);
  expected.forEach((row, i) => {
    row.forEach((cell, j) => {
      if (typeof cell === 'number') expect(rows[i]![j] as number).toBeCloseTo(cell, 9);
      else expect(rows[i]![j]).toEqual(cell);
    });
  });
}

function newWorld(): World {
  const world = new World({ now: NOW, timeZone: TIME_ZONE });
  world.setSheet('Deals', SAMPLE_DEALS);
  world.setSheet('History', SAMPLE_HISTORY);
  world.setSheet('Team', SAMPLE_TEAM);
  return world;
}

const reads = (world: World) =>
  world.calls.log.filter((c) => c.name === 'Range.getValues').map((c) => c.sheet);

// December 2026. Open deals expected then: D-1 10000 at Proposal's 60 %, D-2 20000 at its own
// 50 %, D-7 7500 ("$7,500") at Qualified's 20 %; nothing won in December. Every outcome:
//   {}        0.4 × 0.5 × 0.8 = 0.16 → 0       cumulative 0.16
//   {D-7}     0.4 × 0.5 × 0.2 = 0.04 → 7500    0.20
//   {D-1}     0.6 × 0.5 × 0.8 = 0.24 → 10000   0.44
//   {D-1,7}   0.6 × 0.5 × 0.2 = 0.06 → 17500   0.50
//   {D-2}     0.4 × 0.5 × 0.8 = 0.16 → 20000   0.66
//   {D-2,7}   0.4 × 0.5 × 0.2 = 0.04 → 27500   0.70
//   {D-1,2}   0.6 × 0.5 × 0.8 = 0.24 → 30000   0.94
//   {all}     0.6 × 0.5 × 0.2 = 0.06 → 37500   1.00
// P10 0, P50 17500, P90 30000; Expected 6000 + 10000 + 1500 = 17500.
const DECEMBER = [HEADER, [0, 17500, 30000, 17500]];
// History basis: closed deals D-4, D-5 won (reached every stage), D-6 lost from Contacted.
// Proposal 2/2 = 1, Negotiation 2/2 = 1, Qualified 2 of 3. So D-1 and D-2 are certain (30000)
// and D-7 adds 7500 with 2/3: 30000 (1/3), 37500 (2/3) → P10 30000, P50 37500, P90 37500;
// Expected 30000 + 5000.
const DECEMBER_HISTORY = [HEADER, [30000, 37500, 37500, 35000]];
// Won in August–October: D-4 30000 (08-31), D-5 12000 (10-10); no open deal expected then.
const AUG_OCT = [HEADER, [42000, 42000, 42000, 42000]];

describe('PIPELINE_FORECAST_RANGE in the built Code.js', () => {
  let world: World;
  let ctx: ScriptContext;
  beforeEach(() => {
    world = newWorld();
    ctx = loadInWorld(world, { authMode: 'CUSTOM_FUNCTION' });
  });

  test('range form, as SPEC writes it: reads neither Deals nor History', () => {
    world.calls.reset();
    const dec1 = new Date('2026-12-01T00:00:00Z');
    const dec31 = new Date('2026-12-31T00:00:00Z');
    expectClose(call(ctx, 'PIPELINE_FORECAST_RANGE', DEALS, HISTORY, dec1, dec31), DECEMBER);
    expectClose(
      call(ctx, 'PIPELINE_FORECAST_RANGE', DEALS, HISTORY, dec1, dec31, 'History'),
      DECEMBER_HISTORY,
    );
    // without the history table: dates right after the deals
    expectClose(call(ctx, 'PIPELINE_FORECAST_RANGE', DEALS, '2026-08-01', '2026-10-31'), AUG_OCT);
    expect(reads(world)).not.toContain('Deals');
    expect(reads(world)).not.toContain('History');
  });

  test('sheet form: the set basis reads Deals only, the history basis Deals and History', () => {
    world.calls.reset();
    expectClose(call(ctx, 'PIPELINE_FORECAST_RANGE', '2026-12-01', '2026-12-31'), DECEMBER);
    expect(reads(world)).toEqual(['Deals']);
    world.calls.reset();
    expectClose(
      call(ctx, 'PIPELINE_FORECAST_RANGE', '2026-12-01', '2026-12-31', 'history'),
      DECEMBER_HISTORY,
    );
    expect(reads(world).sort()).toEqual(['Deals', 'History']);
  });

  test('the same inputs always give the same table, even where it is computed approximately', () => {
    const generated = generateWorkbook(3000, new Date(NOW));
    const first = call(ctx, 'PIPELINE_FORECAST_RANGE', generated.deals, '2026-10-01', '2026-12-31');
    const again = loadInWorld(newWorld(), { authMode: 'CUSTOM_FUNCTION' });
    expect(call(again, 'PIPELINE_FORECAST_RANGE', generated.deals, '2026-10-01', '2026-12-31')).toEqual(
      first,
    );
    const [low, likely, high] = (first as number[][])[1]!;
    expect(low!).toBeLessThanOrEqual(likely!);
    expect(likely!).toBeLessThanOrEqual(high!);
  });

  test('errors name what is wrong', () => {
    expect(
      thrown(() => call(ctx, 'PIPELINE_FORECAST_RANGE', DEALS, HISTORY, '2026-12-01', '2026-12-31', 'gut'))
        ?.message,
    ).toMatch(/^basis "gut" is not known: leave it blank/);
    expect(
      thrown(() => call(ctx, 'PIPELINE_FORECAST_RANGE', DEALS, '2026-12-31', '2026-12-01'))?.message,
    ).toBe('start is after end.');
    const noClose = SAMPLE_DEALS.map((r) => r.filter((_, i) => i !== 9));
    expect(
      thrown(() => call(ctx, 'PIPELINE_FORECAST_RANGE', noClose, '2026-12-01', '2026-12-31'))?.message,
    ).toContain('has no Expected Close column');
  });
});

// Closed deals: D-4, D-5 won (every stage), D-6 lost from Contacted (Lead, Qualified, Contacted).
const CALIBRATION = [
  ['Stage', 'Set Probability', 'Historical', 'Closed Deals', 'Difference'],
  ['Lead', 0.1, 2 / 3, 3, 2 / 3 - 0.1],
  ['Qualified', 0.2, 2 / 3, 3, 2 / 3 - 0.2],
  ['Contacted', 0.3, 2 / 3, 3, 2 / 3 - 0.3],
  ['Needs Assessment', 0.4, 1, 2, 0.6],
  ['Proposal', 0.6, 1, 2, 0.4],
  ['Negotiation', 0.8, 1, 2, 0.2],
];

describe('PIPELINE_CALIBRATION in the built Code.js', () => {
  test('both forms give the hand-worked table', () => {
    const world = newWorld();
    const ctx = loadInWorld(world, { authMode: 'CUSTOM_FUNCTION' });
    world.calls.reset();
    expectClose(call(ctx, 'PIPELINE_CALIBRATION', DEALS, HISTORY), CALIBRATION);
    expect(reads(world)).toEqual([]);
    expectClose(call(ctx, 'PIPELINE_CALIBRATION'), CALIBRATION);
  });

  test('Historical is PIPELINE_STAGE_PROBABILITY, stage by stage, on a generated pipeline', () => {
    const ctx = loadInWorld(newWorld(), { authMode: 'CUSTOM_FUNCTION' });
    const g = generateWorkbook(1500, new Date(NOW));
    const table = call(ctx, 'PIPELINE_CALIBRATION', g.deals, g.history) as unknown[][];
    for (const row of table.slice(1)) {
      let single: unknown = '';
      const error = thrown(() => {
        single = call(ctx, 'PIPELINE_STAGE_PROBABILITY', g.deals, g.history, row[0]);
      });
      expect(error === null ? single : '').toBe(row[2]);
    }
  });
});
