/**
 * One Apps Script execution (one run of a function): who runs it, in which auth mode and
 * from which trigger. Every fake API object is bound to an Execution; `instrument` wraps a
 * fake class so its public methods record calls, run hooks and enforce auth restrictions.
 */
import { gasError, permissionError } from './errors';
import type { World } from './world';

export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';
/** What started the execution: a time-driven/edit/open/change trigger, or null (menu, sidebar, editor). */
export type TriggerContext = 'time' | 'edit' | 'open' | 'change' | null;

export interface Execution {
  readonly id: number;
  readonly world: World;
  /** Email of the user the script runs as. */
  readonly user: string;
  readonly authMode: AuthModeName;
  readonly trigger: TriggerContext;
  /** HTML sources for HtmlService.createHtmlOutputFromFile: a map or a folder path. */
  readonly htmlFiles?: Record<string, string> | string;
  /**
   * False for an execution outside a containing document (a standalone script, a web app, the
   * Apps Script API): no document lock. Default true.
   */
  readonly inDocument?: boolean;
  /** The globals object of this execution (the vm context once loaded with loadCode). */
  globals?: object;
  ended: boolean;
  /** World-clock ms when the execution began (for the simple-trigger time limit). */
  readonly startedAt?: number;
  /** Set once the execution ran past its time limit: every later call fails. */
  timedOut?: boolean;
}

/** Simple triggers (onOpen/onEdit run without authorization) may run 30 s at most. */
export const SIMPLE_TRIGGER_LIMIT_MS = 30_000;
export const TIME_LIMIT_MESSAGE = 'Exceeded maximum execution time';

/**
 * A simple trigger past 30 s on the world clock: Google's Triggers guide, under Restrictions:
 * "They cannot run longer than 30 seconds." Apps Script then ends the execution; the host
 * makes the call that finds it over time (and every later one) throw Google's message.
 */
function checkTimeLimit(exec: Execution): void {
  if (exec.timedOut) throw gasError(TIME_LIMIT_MESSAGE);
  const simple = (exec.trigger === 'edit' || exec.trigger === 'open') && exec.authMode !== 'FULL';
  if (!simple || exec.startedAt === undefined) return;
  if (exec.world.clock.now() - exec.startedAt > SIMPLE_TRIGGER_LIMIT_MS) {
    exec.timedOut = true;
    exec.world.timeLimitHits.push({ execution: exec.id, user: exec.user, trigger: exec.trigger });
    throw gasError(TIME_LIMIT_MESSAGE);
  }
}

/**
 * What a method needs:
 * - free: always allowed (Utilities, Cache, Lock, enums, builders…)
 * - read: document data/properties read — denied in NONE
 * - write: document/property writes — denied in NONE and CUSTOM_FUNCTION
 * - auth: services needing full authorization (mail, triggers) — denied in NONE, LIMITED, CUSTOM_FUNCTION
 */
export type Access = 'free' | 'read' | 'write' | 'auth';

export function isAllowed(mode: AuthModeName, access: Access): boolean {
  switch (access) {
    case 'free':
      return true;
    case 'read':
      return mode !== 'NONE';
    case 'write':
      return mode === 'FULL' || mode === 'LIMITED';
    case 'auth':
      return mode === 'FULL';
  }
}

export interface Bound {
  readonly exec: Execution;
  /** Sheet / A1 recorded with each call (ranges and sheets). */
  callTarget?(): { sheet?: string; a1?: string };
}

export interface InstrumentOptions {
  /** Access needed per method; methods not listed use `fallback`. */
  access?: Record<string, Access>;
  fallback?: Access;
  /** OAuth scope named in permission errors (service-style message). */
  scope?: string;
  /** `bare`: `You do not have permission to call setValues` (spreadsheet objects). */
  messageStyle?: 'bare' | 'qualified';
}

type Method = (this: Bound, ...args: unknown[]) => unknown;

/** Wraps every public prototype method (names not starting with `_`) of a fake class. */
export function instrument(
  ctor: { prototype: object },
  className: string,
  options: InstrumentOptions = {},
): void {
  const proto = ctor.prototype as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || name.startsWith('_') || name === 'callTarget' || name === 'toString')
      continue;
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    if (!desc || typeof desc.value !== 'function') continue;
    const original = desc.value as Method;
    const access = options.access?.[name] ?? options.fallback ?? 'free';
    const fullName = `${className}.${name}`;
    const denied =
      options.messageStyle === 'bare'
        ? () => permissionError(name)
        : () => permissionError(fullName, options.scope);
    const wrapped = function (this: Bound, ...args: unknown[]): unknown {
      const exec = this.exec;
      const calls = exec.world.calls;
      if (calls.depth > 0) return original.apply(this, args);
      if (!isAllowed(exec.authMode, access)) throw denied();
      checkTimeLimit(exec);
      if (calls.muted > 0) {
        calls.depth++;
        try {
          return original.apply(this, args);
        } finally {
          calls.depth--;
        }
      }
      const info = { name: fullName, ...this.callTarget?.(), user: exec.user, execution: exec.id, args };
      calls.record(info);
      calls.runHooks('before', info);
      let result: unknown;
      calls.depth++;
      try {
        result = original.apply(this, args);
      } finally {
        calls.depth--;
      }
      calls.runHooks('after', info, result);
      return result;
    };
    Object.defineProperty(wrapped, 'name', { value: name });
    Object.defineProperty(proto, name, { ...desc, value: wrapped });
  }
}
