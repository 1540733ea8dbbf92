/** Loading the built dist/Code.js as Apps Script would, for artifact tests and the benchmark. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { loadCode, type World } from '../../host';

/** The build output; tests, the benchmark and the playground run from the repository root. */
export const DIST = path.resolve('dist');
export const CODE_PATH = path.join(DIST, 'Code.js');

export function builtCode(): string {
  if (!existsSync(CODE_PATH)) throw new Error('dist/Code.js is missing: run npm run build first');
  return readFileSync(CODE_PATH, 'utf8');
}

/** A script context: the top-level functions of Code.js by name. */
export type ScriptContext = Record<string, unknown>;

/** Calls a top-level function of a loaded Code.js by name. */
export function call(ctx: ScriptContext, name: string, ...args: unknown[]): unknown {
  const fn = ctx[name];
  if (typeof fn !== 'function') throw new Error(`Code.js has no top-level function ${name}`);
  return (fn as (...a: unknown[]) => unknown)(...args);
}

/** Code.js in a bare V8 context: no Apps Script globals at all. */
export function loadBare(): ScriptContext {
  const ctx = vm.createContext({});
  vm.runInContext(builtCode(), ctx, { filename: 'Code.js' });
  return ctx as ScriptContext;
}

/** Code.js loaded by gas-local with the host's fakes, as one execution of `world`. */
export function loadInWorld(
  world: World,
  options: Omit<Parameters<typeof loadCode>[1], 'dir'> = {},
): ScriptContext {
  return loadCode(world, { dir: DIST, ...options }) as unknown as ScriptContext;
}

/** The error a call throws (duck-typed: errors from the vm context fail `instanceof Error`). */
export function thrown(fn: () => unknown): { name: string; message: string } | null {
  try {
    fn();
    return null;
  } catch (error) {
    const e = error as { name?: unknown; message?: unknown };
    return { name: String(e?.name), message: String(e?.message) };
  }
}
