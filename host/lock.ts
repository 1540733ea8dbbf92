/**
 * LockService. Locks really exclude across executions of one World: a lock held by one
 * execution (or by `world.locks.hold(...)`) makes another execution's tryLock return false
 * after advancing the world clock by the timeout (no real sleeping). Locks are re-entrant
 * within one execution. `world.endExecution(globals)` releases what an execution still holds
 * (Apps Script releases locks when the script ends).
 */
import { gasError } from './errors';
import { type Bound, type Execution, instrument } from './exec';

export type LockKind = 'document' | 'script' | 'user';

interface Holder {
  holder: string;
  /** World-clock ms at which a simulated holder lets go by itself. */
  until?: number;
}

export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

export function lockKey(kind: LockKind, user?: string): string {
  return kind === 'user' ? `user:${user ?? ''}` : kind;
}

export function execHolder(exec: Execution): string {
  return `execution:${exec.id}`;
}

/** World-side lock table. */
export class LockTable {
  private readonly held = new Map<string, Holder>();

  constructor(private readonly now: () => number) {}

  /**
   * Simulates another execution holding a lock. `forMs`/`untilMs`: it lets go by itself then
   * (a waiting tryLock with a long enough timeout then succeeds). `user` for user locks.
   */
  hold(
    kind: LockKind,
    holder = 'other-execution',
    opts: { user?: string; forMs?: number; untilMs?: number } = {},
  ): void {
    const until = opts.untilMs ?? (opts.forMs !== undefined ? this.now() + opts.forMs : undefined);
    this.held.set(lockKey(kind, opts.user), until === undefined ? { holder } : { holder, until });
  }

  release(kind: LockKind, opts: { user?: string } = {}): void {
    this.held.delete(lockKey(kind, opts.user));
  }

  /** Who holds it now (`execution:<id>` for executions), or null. */
  holderOf(kind: LockKind, opts: { user?: string } = {}): string | null {
    return this.current(lockKey(kind, opts.user))?.holder ?? null;
  }

  /** Internal: current holder of a key, dropping expired simulated holds. */
  current(key: string): Holder | undefined {
    const h = this.held.get(key);
    if (h?.until !== undefined && h.until <= this.now()) {
      this.held.delete(key);
      return undefined;
    }
    return h;
  }

  acquire(key: string, holder: string): void {
    this.held.set(key, { holder });
  }

  releaseKey(key: string, holder: string): void {
    if (this.held.get(key)?.holder === holder) this.held.delete(key);
  }

  releaseAllOf(holder: string): void {
    for (const [key, h] of [...this.held]) if (h.holder === holder) this.held.delete(key);
  }
}

export class LockFake implements Bound {
  private acquired = false;

  constructor(
    readonly exec: Execution,
    private readonly key: string,
  ) {}

  tryLock(timeoutInMillis: number): boolean {
    const world = this.exec.world;
    const me = execHolder(this.exec);
    const holder = world.locks.current(this.key);
    if (!holder || holder.holder === me) {
      world.locks.acquire(this.key, me);
      this.acquired = true;
      return true;
    }
    const timeout = Math.max(0, Number(timeoutInMillis) || 0);
    if (holder.until !== undefined && holder.until <= world.clock.now() + timeout) {
      world.clock.set(holder.until);
      world.locks.acquire(this.key, me);
      this.acquired = true;
      return true;
    }
    world.clock.advance(timeout);
    return false;
  }

  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw gasError(LOCK_TIMEOUT_MESSAGE);
  }

  releaseLock(): void {
    if (!this.acquired) return;
    this.exec.world.locks.releaseKey(this.key, execHolder(this.exec));
    this.acquired = false;
  }

  hasLock(): boolean {
    return this.acquired && this.exec.world.locks.current(this.key)?.holder === execHolder(this.exec);
  }
}

instrument(LockFake, 'Lock');

export class LockServiceFake implements Bound {
  constructor(readonly exec: Execution) {}

  /**
   * "If this method is called outside of the context of a containing document (such as from a
   * standalone script or webapp), null is returned." (LockService reference)
   */
  getDocumentLock(): LockFake | null {
    if (this.exec.inDocument === false) return null;
    return new LockFake(this.exec, lockKey('document'));
  }

  getScriptLock(): LockFake {
    return new LockFake(this.exec, lockKey('script'));
  }

  getUserLock(): LockFake {
    return new LockFake(this.exec, lockKey('user', this.exec.user));
  }
}

instrument(LockServiceFake, 'LockService');
