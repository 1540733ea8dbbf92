/**
 * The benchmark's numbers hold: the same calls for 100 and 100k deals, ≤ 10 reads + writes per
 * move (issue 10 added three bounded reads: the rows around the deal before the write, the
 * header and the row after it, to prove where it landed; History's header is read to write by header).
 */
import { sidebarBench } from '../../bench/sidebar';

test('sidebar calls per move and per poll do not grow with the number of deals', () => {
  const rows = sidebarBench();
  const at = (scenario: string, deals: number) =>
    rows.find((r) => r.scenario === scenario && r.deals === deals)!;
  for (const scenario of [
    'selection poll',
    'selection poll (cold cache)',
    'move',
    'move, row moved since read',
  ]) {
    expect(at(scenario, 100000)).toEqual({ ...at(scenario, 100), deals: 100000 });
  }
  expect(at('selection poll', 100)).toMatchObject({ reads: 1, writes: 0 });
  // Reads as issue 10 made them, plus History's header (its rows are written by header).
  expect(at('move', 100)).toMatchObject({ reads: 6, writes: 4 });
  expect(at('move', 100).reads + at('move', 100).writes).toBeLessThanOrEqual(10);
});
