/**
 * A typed bridge over google.script.run. The names, arguments and results are derived from the
 * server functions themselves (src/entry/sidebar.ts), so a renamed function or a changed request
 * shape is a type error here, not a silent failure in the browser.
 */
import { runServer } from '../clients/run';
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

/** Calls a server function; rejects with an Error whose message is the server's, in words. */
export function call<K extends ServerFunction>(name: K, ...args: Args<K>): Promise<Result<K>> {
  return runServer(name, args) as Promise<Result<K>>;
}
