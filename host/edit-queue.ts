/**
 * Edits arriving faster than onEdit runs. Sheets runs a document's edit trigger one event at a
 * time and keeps at most two events waiting: an edit made while two are pending never reaches
 * the trigger (SPEC §6: "at most two queued edit events"). The cell itself still changes: only
 * the trigger's run is lost. `editBurst` types every edit (uncounted, as a user would), then
 * runs the trigger for the first edit and the two that queued behind it, each in an execution of
 * its own; the rest are dropped and recorded in `world.droppedEdits`.
 */
import { makeEditEvent, typeInto } from './events';
import type { AuthModeName } from './exec';
import { createGlobals } from './globals';
import { callFunction, loadCode } from './load';
import type { World } from './world';

/** Events that may wait behind the running one. */
export const EDIT_QUEUE_LIMIT = 2;

export interface BurstEdit {
  readonly a1: string;
  readonly input: unknown;
}

export interface BurstOutcome {
  readonly a1: string;
  /** The trigger ran for this edit (false: the event was dropped). */
  readonly ran: boolean;
  readonly result?: unknown;
  readonly error?: unknown;
}

export function editBurst(
  world: World,
  opts: { dir: string; user: string; authMode?: AuthModeName; handler?: string },
  edits: readonly BurstEdit[],
): BurstOutcome[] {
  const authMode = opts.authMode ?? 'LIMITED';
  // The user types everything first; each edit's value/oldValue is what Sheets would report.
  const typist = createGlobals(world, { user: opts.user, authMode, trigger: 'edit' });
  const typed = edits.map((e) => {
    const event = typeInto(typist, e.a1, e.input);
    return { a1: e.a1, value: event.value, oldValue: event.oldValue };
  });
  world.endExecution(typist);
  return typed.map((t, i) => {
    if (i > EDIT_QUEUE_LIMIT) {
      world.droppedEdits.push({ a1: t.a1, user: opts.user });
      return { a1: t.a1, ran: false };
    }
    const ctx = loadCode(world, { dir: opts.dir, user: opts.user, authMode, trigger: 'edit' });
    try {
      const event = makeEditEvent(ctx, t.a1, { value: t.value, oldValue: t.oldValue });
      return { a1: t.a1, ran: true, result: callFunction(ctx, opts.handler ?? 'onEdit', event) };
    } catch (error) {
      return { a1: t.a1, ran: true, error };
    } finally {
      world.endExecution(ctx);
    }
  });
}
