/**
 * What Set up costs in Apps Script calls: the same handful on 100 and on 10,000 rows (one read of
 * the deals table, one write per block), and nothing on a second run.
 */
import { generateWorkbook } from '../support/generate';
import { NOW, newWorld, setUp } from './support';

function messySheet(rows: number): unknown[][] {
  const out: unknown[][] = [['Deal Name', 'Value', 'Status', 'Rep', 'Notes', 'Score']];
  for (let i = 2; i <= rows + 1; i++) {
    out.push(i % 10 === 0 ? [] : [`Deal ${i}`, 1000 + i, i % 3 ? 'Lead' : 'Won', 'Ana', '', `=B${i}/1000`]);
  }
  return out;
}

function setUpCalls(rows: unknown[][], name: string) {
  const world = newWorld();
  world.setSheet(name, rows);
  const started = Date.now();
  setUp(world);
  const ms = Date.now() - started;
  const first = {
    total: world.calls.total(),
    reads: world.calls.reads(),
    writes: world.calls.writes(),
    setValues: world.calls.count('Range.setValues'),
    ms,
  };
  world.calls.reset();
  setUp(world);
  const second = { total: world.calls.total(), reads: world.calls.reads(), writes: world.calls.writes() };
  return { first, second };
}

test('adopting a messy sheet: the same calls for 100 and 10,000 rows', () => {
  const small = setUpCalls(messySheet(100), 'Opportunities');
  const large = setUpCalls(messySheet(10_000), 'Opportunities');
  // The same calls, but for one: History grows (insertRowsAfter) to hold the baseline of 10,000
  // deals (Via = import), where 100 fit in a new sheet's 1,000 rows.
  expect(large.first.total).toBe(small.first.total + 1);
  expect(large.first.writes).toBe(small.first.writes + 1);
  // The preview and then "Set up" each read: the header rows while choosing the sheet, the deals
  // table's values and its formulas (3 + 3); the History baseline reads History's header (1).
  expect(large.first.reads).toBe(7);
  // New headers, the IDs, Stages, History header, Team, Snapshots header, the History baseline.
  expect(large.first.setValues).toBe(7);
  expect(large.second.writes).toBe(0);
});

test('a complete Deals sheet (every column and ID present): the same few calls at any size', () => {
  const now = new Date(NOW);
  const small = setUpCalls(generateWorkbook(100, now).deals, 'Deals');
  const large = setUpCalls(generateWorkbook(10_000, now).deals, 'Deals');
  expect(large.first.total).toBe(small.first.total + 1); // History grows once for the baseline
  expect(large.second.writes).toBe(0);
});
