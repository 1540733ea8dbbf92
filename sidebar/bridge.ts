/**
 * A typed bridge over google.script.run. The names, arguments and results are derived from the
 * server functions themselves (src/entry/sidebar.ts), so a renamed function or a changed request
 * shape is a type error here, not a silent failure in the browser.
 */
import type * as Server from '../src/entry/sidebar';

type Api = typeof Server;
/** The server functions the sidebar may call (not the menu handler or the trigger). */
export type ServerFunction = Exclude<
  { [K in keyof Api]: Api[K] extends (...args: never[]) => unknown ? K : never }[keyof Api],
  'onEdit' | 'openSidebar'
>;
type Fn<K extends ServerFunction> = Api[K] extends (...args: infer A) => infer R ? (...args: A) => R : never;
export type Args<K extends ServerFunction> = Parameters<Fn<K>>;
export type Result<K extends ServerFunction> = ReturnType<Fn<K>>;

/** The client half of google.script.run (Apps Script provides it inside the sidebar's iframe). */
interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: unknown) => void): ScriptRunner;
  [name: string]: unknown;
}
interface GoogleClient {
  script: { run: ScriptRunner; host?: { close(): void; editor?: { focus(): void } } };
}

function runner(): ScriptRunner {
  const g = (globalThis as { google?: GoogleClient }).google;
  if (!g?.script?.run)
    throw new Error('This page must run inside Google Sheets (google.script.run is missing).');
  return g.script.run;
}

/** Turns whatever google.script.run reports into a message a person can read. */
export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) {
    const message = String((error as { message: unknown }).message).replace(/^Exception:\s*/, '');
    if (message) return message;
  }
  if (typeof error === 'string' && error) return error;
  return 'The server did not answer. Check your connection and try again.';
}

/** Calls a server function; rejects with an Error whose message is the server's, in words. */
export function call<K extends ServerFunction>(name: K, ...args: Args<K>): Promise<Result<K>> {
  return runServer(name, args) as Promise<Result<K>>;
}

/**
 * The untyped call under every client's typed bridge (the sidebar's here, the board's in
 * board/bridge.ts): google.script.run as a promise, failures as Errors with the server's words.
 */
export function runServer(name: string, args: readonly unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    try {
      const run = runner()
        .withSuccessHandler((value) => resolve(value))
        .withFailureHandler((error) => reject(new Error(errorMessage(error))));
      const fn = run[name];
      if (typeof fn !== 'function') throw new Error(`The server has no function ${name}.`);
      (fn as (...a: unknown[]) => void).apply(run, args as unknown[]);
    } catch (error) {
      reject(new Error(errorMessage(error)));
    }
  });
}
