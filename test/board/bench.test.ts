/** The benchmark's numbers hold: a board load is one read of the deals and the same calls for 100 and 100k deals. */
import { boardBench } from '../../bench/board';

jest.setTimeout(180_000);

test('board calls per load and per move do not grow with the number of deals', () => {
  const rows = boardBench();
  const at = (scenario: string, deals: number) =>
    rows.find((r) => r.scenario === scenario && r.deals === deals)!;
  const counts = (r: { calls: number; reads: number; writes: number }) => [r.calls, r.reads, r.writes];
  for (const scenario of [
    'board load (cold cache)',
    'board load',
    'refresh, nothing changed',
    'move (write + the board after it)',
    'move, conflict (nothing written)',
  ]) {
    expect(counts(at(scenario, 100000))).toEqual(counts(at(scenario, 100)));
  }
  expect(at('board load', 100)).toMatchObject({ reads: 1, writes: 0 });
  // The move is the sidebar's write (a few bounded reads, 4 writes) plus one read of the deals.
  const move = at('move (write + the board after it)', 100);
  expect(move.writes).toBe(4);
  expect(move.reads).toBeGreaterThanOrEqual(2);
  expect(move.reads).toBeLessThanOrEqual(8);
  expect(at('move, conflict (nothing written)', 100)).toMatchObject({ writes: 0 });
  expect(at('refresh, nothing changed', 100).sentKB).toBe('0.0');
});
