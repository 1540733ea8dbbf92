import { join } from 'node:path';
import { makeOpenEvent } from './events';
import { callFunction, loadCode, runFunction } from './load';
import { World } from './world';

const dir = join(__dirname, 'fixtures', 'hello');

describe('loadCode', () => {
  test('top-level functions run against the world', () => {
    const world = new World({ now: '2026-02-03T04:05:06Z' });
    world.setSheet('Data', [['Greeting', 'When']]);
    const ctx = loadCode(world, { dir });
    expect(callFunction(ctx, 'hello', 'Ana')).toBe(2);
    expect(world.sheetValues('Data')[1]).toEqual(['Hello Ana', new Date('2026-02-03T04:05:06Z')]);
    expect(world.calls.count('Sheet.appendRow')).toBe(1);
  });

  test('values cross the vm boundary; the context has no Node or browser globals', () => {
    const world = new World();
    world.setSheet('Data', [['x', new Date(0)]]);
    const ctx = loadCode(world, { dir });
    expect(callFunction(ctx, 'typeChecks')).toEqual([true, true, 'undefined', 'undefined']);
    const values = callFunction(ctx, 'readAll') as unknown[][];
    expect(Array.isArray(values)).toBe(true);
  });

  test('each load is its own execution (user, locks)', () => {
    const world = new World();
    world.setSheet('Data', [['x']]);
    expect(runFunction(world, { dir, user: 'ana@example.com' }, 'whoAmI')).toBe('ana@example.com');
    const holder = loadCode(world, { dir, user: 'bob@example.com' });
    holder.LockService.getDocumentLock()!.tryLock(0);
    expect(runFunction(world, { dir }, 'withLock')).toBe('busy');
    world.endExecution(holder);
    expect(runFunction(world, { dir }, 'withLock')).toBe('done');
    expect(world.cell('Data!C1').value).toBe('locked write');
  });

  test('onOpen in AuthMode.NONE builds the add-on menu', () => {
    const world = new World();
    const ctx = loadCode(world, { dir, authMode: 'NONE' });
    expect(callFunction(ctx, 'onOpen', makeOpenEvent(ctx))).toBe('NONE');
    expect(world.ui.menuFunctions()).toEqual(['hello', 'showSidebar']);
  });

  test('HTML from the folder and templates with scriptlets calling script functions', () => {
    const world = new World();
    const ctx = loadCode(world, { dir });
    expect(callFunction(ctx, 'include', 'Footer')).toBe('<footer>f</footer>\n');
    const ctx2 = loadCode(world, {
      dir,
      htmlFiles: { Sidebar: "<div>Hi <?= user ?></div><?!= include('Footer') ?>", Footer: '<i>f</i>' },
    });
    callFunction(ctx2, 'showSidebar');
    const shown = world.ui.lastSidebar();
    expect(shown?.title).toBe('Pipeline');
    expect(shown?.content).toBe('<div>Hi &lt;Ana&gt;</div><i>f</i>');
  });
});
