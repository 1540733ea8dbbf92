/**
 * The Alert settings dialog's typed bridge over google.script.run. Names, arguments and results
 * come from the server functions themselves (src/entry/alerts.ts): a renamed function or a
 * changed request shape is a type error here, not a silent failure in the dialog.
 */
import { runServer } from '../clients/run';
import type * as Server from '../src/entry/alerts';

/** The server functions the dialog may call (not the menu handlers or the daily trigger). */
type Api = Pick<typeof Server, 'alertSettingsView' | 'saveAlertSettings'>;
export type ServerFunction = keyof Api;
export type Args<K extends ServerFunction> = Parameters<Api[K]>;
export type Result<K extends ServerFunction> = ReturnType<Api[K]>;

/** Calls a server function; rejects with an Error whose message is the server's, in words. */
export function call<K extends ServerFunction>(name: K, ...args: Args<K>): Promise<Result<K>> {
  return runServer(name, args) as Promise<Result<K>>;
}
