/**
 * The call log: every public method of every fake records `Class.method` here.
 * Only the outermost fake call is recorded (a fake calling another fake internally is not).
 *
 * Hooks: `before(name, fn)` (alias `on`) runs fn right BEFORE the call executes (after the
 * permission check); `after(name, fn)` right after it returned. `name` may be `'*'`.
 * While a hook runs the log is muted: fake calls made from inside a hook (e.g. a test
 * sorting the sheet or running another execution) are neither recorded nor hooked.
 */

export interface CallInfo {
  name: string;
  sheet?: string;
  a1?: string;
  user: string;
  execution: number;
  args: readonly unknown[];
}

export type CallHook = (info: CallInfo, result?: unknown) => void;
type Phase = 'before' | 'after';

/** Data reads counted by `reads()`. */
export const READ_CALLS: ReadonlySet<string> = new Set([
  'Range.getValues',
  'Range.getValue',
  'Range.getDisplayValues',
  'Range.getDisplayValue',
  'Range.getFormulas',
  'Range.getFormula',
  'Range.getFormulasR1C1',
  'Range.getFormulaR1C1',
  'Range.getRichTextValues',
  'Range.getRichTextValue',
]);

/** Data writes counted by `writes()` (values, formulas, clearing, structural changes, sorting). */
export const WRITE_CALLS: ReadonlySet<string> = new Set([
  'Range.setValues',
  'Range.setValue',
  'Range.setFormulas',
  'Range.setFormula',
  'Range.clear',
  'Range.clearContent',
  'Range.sort',
  'Range.insertCheckboxes',
  'Sheet.appendRow',
  'Sheet.clear',
  'Sheet.clearContents',
  'Sheet.sort',
  'Sheet.insertRowBefore',
  'Sheet.insertRowAfter',
  'Sheet.insertRowsBefore',
  'Sheet.insertRowsAfter',
  'Sheet.insertRows',
  'Sheet.deleteRow',
  'Sheet.deleteRows',
  'Sheet.insertColumnBefore',
  'Sheet.insertColumnAfter',
  'Sheet.insertColumnsBefore',
  'Sheet.insertColumnsAfter',
  'Sheet.insertColumns',
  'Sheet.deleteColumn',
  'Sheet.deleteColumns',
]);

interface HookEntry {
  fn: CallHook;
  once: boolean;
}

export class CallLog {
  /** Ordered list of recorded calls. */
  readonly log: CallInfo[] = [];
  private counts = new Map<string, number>();
  private hooks: Record<Phase, Map<string, HookEntry[]>> = { before: new Map(), after: new Map() };
  /** >0 while a fake method is executing (internal calls are not recorded). */
  depth = 0;
  /** >0 while hooks run (calls are neither recorded nor hooked). */
  muted = 0;

  record(info: CallInfo): void {
    this.log.push(info);
    this.counts.set(info.name, (this.counts.get(info.name) ?? 0) + 1);
  }

  count(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  total(): number {
    return this.log.length;
  }

  reads(): number {
    return this.sum(READ_CALLS);
  }

  writes(): number {
    return this.sum(WRITE_CALLS);
  }

  /** Counts by name, e.g. `{ 'Range.getValues': 2 }`. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Names in call order (handy for `toEqual` assertions). */
  names(): string[] {
    return this.log.map((c) => c.name);
  }

  reset(): void {
    this.log.length = 0;
    this.counts.clear();
  }

  /** Runs fn right BEFORE each matching call executes. Returns an unsubscribe function. */
  on(name: string, fn: CallHook): () => void {
    return this.add('before', name, fn, false);
  }

  before(name: string, fn: CallHook): () => void {
    return this.add('before', name, fn, false);
  }

  after(name: string, fn: CallHook): () => void {
    return this.add('after', name, fn, false);
  }

  /** One-shot hook (default phase: before). */
  once(name: string, fn: CallHook, phase: Phase = 'before'): () => void {
    return this.add(phase, name, fn, true);
  }

  off(name: string, fn?: CallHook): void {
    for (const phase of ['before', 'after'] as const) {
      const list = this.hooks[phase].get(name);
      if (!list) continue;
      if (!fn) this.hooks[phase].delete(name);
      else
        this.hooks[phase].set(
          name,
          list.filter((h) => h.fn !== fn),
        );
    }
  }

  /** Runs fn with recording muted (used by hooks and world helpers). */
  mute<T>(fn: () => T): T {
    this.muted++;
    try {
      return fn();
    } finally {
      this.muted--;
    }
  }

  runHooks(phase: Phase, info: CallInfo, result?: unknown): void {
    const matching = [...(this.hooks[phase].get(info.name) ?? []), ...(this.hooks[phase].get('*') ?? [])];
    if (matching.length === 0) return;
    for (const entry of matching) {
      if (entry.once) this.remove(phase, entry);
      this.mute(() => entry.fn(info, result));
    }
  }

  private remove(phase: Phase, entry: HookEntry): void {
    for (const [key, list] of this.hooks[phase]) {
      const idx = list.indexOf(entry);
      if (idx >= 0) {
        list.splice(idx, 1);
        if (list.length === 0) this.hooks[phase].delete(key);
      }
    }
  }

  private add(phase: Phase, name: string, fn: CallHook, once: boolean): () => void {
    const entry: HookEntry = { fn, once };
    const list = this.hooks[phase].get(name) ?? [];
    list.push(entry);
    this.hooks[phase].set(name, list);
    return () => this.remove(phase, entry);
  }

  private sum(names: ReadonlySet<string>): number {
    let n = 0;
    for (const [name, c] of this.counts) if (names.has(name)) n += c;
    return n;
  }
}
