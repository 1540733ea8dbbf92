/**
 * loadCode: runs the built script (every `.js` file of a folder, e.g. `dist/`) in a fresh vm
 * context whose globals are the fakes of one execution. Values crossing the vm boundary fail
 * `instanceof Array` (use Array.isArray); the context has no setTimeout/URL/TextEncoder,
 * like Apps Script.
 */
import gasLocal from 'gas-local';
import { makeEditEvent, makeOpenEvent, makeTimeEvent } from './events';
import type { TriggerContext } from './exec';
import { createGlobals, type Globals, type GlobalsOptions } from './globals';
import type { TriggerRecord } from './script-app';
import type { World } from './world';

export interface LoadOptions extends GlobalsOptions {
  /** Folder whose `.js` files are loaded (also the default folder for HTML files). */
  dir: string;
}

export function loadCode(world: World, opts: LoadOptions): Globals {
  const { dir, ...rest } = opts;
  const globals = createGlobals(world, { htmlFiles: dir, ...rest });
  gasLocal.require(dir, globals);
  return globals;
}

/** Calls a top-level function of a loaded script by name. */
export function callFunction(ctx: Globals, name: string, ...args: unknown[]): unknown {
  const fn = ctx[name];
  if (typeof fn !== 'function') throw new Error(`The script has no function named ${name}`);
  return fn(...args);
}

/**
 * Runs one execution to completion: loads the code, calls `name`, then ends the execution
 * (releasing its locks) even when the function throws.
 */
export function runFunction(world: World, opts: LoadOptions, name: string, ...args: unknown[]): unknown {
  const ctx = loadCode(world, opts);
  try {
    return callFunction(ctx, name, ...args);
  } finally {
    world.endExecution(ctx);
  }
}

const TRIGGER_CONTEXT: Record<TriggerRecord['eventType'], TriggerContext> = {
  CLOCK: 'time',
  ON_EDIT: 'edit',
  ON_OPEN: 'open',
  ON_CHANGE: 'change',
  ON_FORM_SUBMIT: null,
};

/**
 * Fires an installed trigger the way Apps Script would: a new FULL execution as the trigger's
 * owner, with the matching event object. For edit triggers pass `editA1` (and optionally values).
 */
export function runTrigger(
  world: World,
  trigger: TriggerRecord,
  opts: { dir: string; editA1?: string; value?: unknown; oldValue?: unknown },
): unknown {
  const ctx = loadCode(world, {
    dir: opts.dir,
    user: trigger.owner,
    authMode: 'FULL',
    trigger: TRIGGER_CONTEXT[trigger.eventType],
  });
  try {
    let event: unknown;
    if (trigger.eventType === 'CLOCK') event = makeTimeEvent(ctx, { triggerUid: trigger.uid });
    else if (trigger.eventType === 'ON_OPEN') event = makeOpenEvent(ctx, { triggerUid: trigger.uid });
    else if (trigger.eventType === 'ON_EDIT') {
      if (!opts.editA1) throw new Error('runTrigger: editA1 is required for edit triggers');
      event = makeEditEvent(ctx, opts.editA1, {
        triggerUid: trigger.uid,
        value: opts.value,
        oldValue: opts.oldValue,
      });
    } else event = { authMode: 'FULL', triggerUid: trigger.uid };
    return callFunction(ctx, trigger.handler, event);
  } finally {
    world.endExecution(ctx);
  }
}
