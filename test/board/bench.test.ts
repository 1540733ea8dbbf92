/** The benchmark's numbers hold: a board load is one read of the deals and the same calls for 100 and 100k deals. */
import { boardBench } from '../../bench/board';
import { sidebarBench } from '../../bench/sidebar';

jest.setTimeout(180_000);

test('board calls per load and per move do not grow with the number of deals', () => {
  const rows = boardBench();
  const at = (scenario: string, deals: number) =>
    rows.find((r) => r.scenario === scenario && r.deals === deals)!;
  const counts = (r: { calls: number; reads: number; writes: number }) => [r.calls, r.reads, r.writes];
  for (const scenario of [
    'board opens (cold cache; load + reconcile)',
    'board opens (load + reconcile)',
    'refresh, board changed',
    'refresh, nothing changed',
    'move (write + the board after it)',
    'move, conflict (nothing written)',
  ]) {
    expect(counts(at(scenario, 100000))).toEqual(counts(at(scenario, 100)));
  }
  // A refresh is one read (the deals); opening also reads History's header, ID and To columns.
  expect(at('refresh, board changed', 100)).toMatchObject({ reads: 1, writes: 0 });
  expect(at('board opens (load + reconcile)', 100)).toMatchObject({ reads: 4, writes: 0 });
  // The move is the sidebar's own move (test/sidebar/bench.test.ts pins its reads and writes)
  // plus one board refresh: measured side by side, not copied as a number.
  const sidebarMove = sidebarBench().find((r) => r.scenario === 'move' && r.deals === 100)!;
  const refresh = at('refresh, board changed', 100);
  expect(at('move (write + the board after it)', 100)).toMatchObject({
    reads: sidebarMove.reads + refresh.reads,
    writes: sidebarMove.writes,
  });
  expect(at('move, conflict (nothing written)', 100)).toMatchObject({ writes: 0 });
  expect(at('refresh, nothing changed', 100).sentKB).toBe('0.0');
});
