/**
 * google.script.run as a promise: the untyped call under every client's typed bridge
 * (sidebar/bridge.ts, board/bridge.ts), failures as Errors with the server's words.
 */
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

/** Calls a server function by name; rejects with an Error whose message is the server's, in words. */
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
