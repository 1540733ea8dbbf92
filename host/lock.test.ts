import { createGlobals } from './globals';
import { World } from './world';

describe('LockService', () => {
  test('a lock held by one execution excludes another execution of the same world', () => {
    const world = new World();
    const a = createGlobals(world, { user: 'ana@example.com' });
    const b = createGlobals(world, { user: 'bob@example.com' });
    const lockA = a.LockService.getDocumentLock()!;
    expect(lockA.tryLock(1000)).toBe(true);
    expect(lockA.hasLock()).toBe(true);
    const start = world.clock.now();
    const lockB = b.LockService.getDocumentLock()!;
    expect(lockB.tryLock(5000)).toBe(false);
    expect(lockB.hasLock()).toBe(false);
    expect(world.clock.now() - start).toBe(5000);
    lockA.releaseLock();
    expect(lockA.hasLock()).toBe(false);
    expect(lockB.tryLock(5000)).toBe(true);
    expect(world.clock.now() - start).toBe(5000);
  });

  test('waitLock throws Google’s timeout message', () => {
    const world = new World();
    world.locks.hold('script', 'nightly job');
    const g = createGlobals(world);
    expect(() => g.LockService.getScriptLock().waitLock(10_000)).toThrow(
      'Lock timeout: another process was holding the lock for too long.',
    );
    expect(world.locks.holderOf('script')).toBe('nightly job');
    world.locks.release('script');
    expect(() => g.LockService.getScriptLock().waitLock(10_000)).not.toThrow();
  });

  test('a simulated holder that lets go within the timeout is waited for', () => {
    const world = new World();
    world.locks.hold('document', 'other', { forMs: 3000 });
    const g = createGlobals(world);
    const t0 = world.clock.now();
    expect(g.LockService.getDocumentLock()!.tryLock(10_000)).toBe(true);
    expect(world.clock.now() - t0).toBe(3000);
  });

  test('user locks only exclude the same user; the same execution can re-lock', () => {
    const world = new World();
    const a = createGlobals(world, { user: 'ana@example.com' });
    const a2 = createGlobals(world, { user: 'ana@example.com' });
    const b = createGlobals(world, { user: 'bob@example.com' });
    expect(a.LockService.getUserLock().tryLock(0)).toBe(true);
    expect(a.LockService.getUserLock().tryLock(0)).toBe(true);
    expect(b.LockService.getUserLock().tryLock(0)).toBe(true);
    expect(a2.LockService.getUserLock().tryLock(0)).toBe(false);
  });

  test('endExecution releases what the execution still holds', () => {
    const world = new World();
    const a = createGlobals(world);
    const b = createGlobals(world);
    a.LockService.getDocumentLock()!.waitLock(100);
    world.endExecution(a);
    expect(world.locks.holderOf('document')).toBeNull();
    expect(b.LockService.getDocumentLock()!.tryLock(0)).toBe(true);
  });
});
