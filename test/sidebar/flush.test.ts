/**
 * Google's Lock reference (releaseLock): "if you are working with a spreadsheet, you should call
 * SpreadsheetApp.flush() prior to releasing the lock." Every execution below that takes the
 * document lock flushes between taking it and releasing it, every time.
 */
import type { World } from '../../host';
import { typeInto } from '../../host';
import { previewToken } from '../setup/support';
import { call, loadInWorld } from '../support/code';
import { ANA, col, makeWorld, run } from './support';

function flushedBeforeEveryRelease(world: World): void {
  const log = world.calls.log;
  let releases = 0;
  log.forEach((c, i) => {
    if (c.name !== 'Lock.releaseLock') return;
    releases++;
    let taken = i;
    while (taken > 0 && !(log[taken]?.execution === c.execution && log[taken]?.name === 'Lock.tryLock'))
      taken--;
    const between = log.slice(taken, i).filter((x) => x.execution === c.execution);
    expect(between.some((x) => x.name === 'SpreadsheetApp.flush')).toBe(true);
  });
  expect(releases).toBeGreaterThan(0);
}

test('a move, an edit, a reconcile, the history view, the daily check and Set up flush before releasing', () => {
  const world = makeWorld();
  run(world, ANA, 'sidebarMove', {
    id: 'D-GLOB0002',
    row: 3,
    name: 'Globex pilot',
    expectedStage: 'Lead',
    toStage: 'Qualified',
  });
  const ctx = loadInWorld(world, { user: ANA, authMode: 'LIMITED', trigger: 'edit' });
  call(ctx, 'onEdit', typeInto(ctx as never, `Deals!${col('Stage')}2`, 'Negotiation'));
  world.endExecution(ctx);
  world.setCell(`Deals!${col('Stage')}3`, 'Contacted'); // a change the trigger never saw
  run(world, ANA, 'reconcileStages');
  world.setCell(`Deals!${col('Stage')}3`, 'Proposal');
  run(world, ANA, 'sidebarHistory', 'D-GLOB0002', 'Globex pilot');
  run(world, ANA, 'runStalledCheckNow');
  // Set up's menu item only previews; "Set up" in the preview writes, under the lock.
  run(world, ANA, 'setUpPipeline');
  expect(run<{ ok: boolean }>(world, ANA, 'applySetUp', previewToken(world)).ok).toBe(true);
  const lockers = new Set(
    world.calls.log.filter((c) => c.name === 'Lock.releaseLock').map((c) => c.execution),
  );
  expect(lockers.size).toBeGreaterThanOrEqual(6);
  flushedBeforeEveryRelease(world);
});
