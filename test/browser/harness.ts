/**
 * Serves the built sidebar (dist/Sidebar.html) on 127.0.0.1 with a `google.script.run` stand-in
 * that POSTs each call to this server, which runs the REAL built server code (dist/Code.js) on a
 * host World, one execution per call, as Apps Script would. Used by the browser tests and by the
 * local playground.
 *
 *   const server = await startSidebarServer({ world, user: 'ana@example.com' });
 *   await page.goto(server.url);
 *   ...
 *   await server.close();
 *
 * Faithful where it matters: only top-level functions not ending in `_` can be called; Date
 * values cannot cross (google.script.run rejects them); a thrown error reaches the failure
 * handler as an Error with the server's message; every call is a fresh execution whose locks
 * are released when it ends.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { callFunction, loadCode, type World } from '../../host';

/** dist/ of the repository (jest runs this as CommonJS; tsx scripts run from the repo root). */
export const DIST_DIR =
  typeof __dirname === 'string' ? path.resolve(__dirname, '../../dist') : path.resolve(process.cwd(), 'dist');

export interface CallRecord {
  readonly name: string;
  readonly args: unknown[];
  readonly user: string;
  readonly ok: boolean;
  readonly error?: string;
}

export interface SidebarServerOptions {
  readonly world: World;
  /** Who is using the sidebar (Session.getActiveUser). */
  readonly user?: string;
  /** Folder with Code.js and Sidebar.html (default: dist/). */
  readonly distDir?: string;
  /** HTML file name in distDir (default: Sidebar.html). */
  readonly file?: string;
  /** Runs before each server call, e.g. to let "another user" change the sheet first. */
  readonly beforeCall?: (name: string, args: unknown[]) => void;
}

export interface SidebarServer {
  /** The sidebar page. */
  readonly url: string;
  readonly port: number;
  /** Every google.script.run call, in order. */
  readonly calls: CallRecord[];
  /** Changes who the next calls run as. */
  setUser(user: string): void;
  /** Replaces the beforeCall hook (null removes it). */
  setBeforeCall(hook: ((name: string, args: unknown[]) => void) | null): void;
  close(): Promise<void>;
}

/** The client half: google.script.run / google.script.host, talking to this server. */
export const CLIENT_STUB = `<script>
(function () {
  function runner(success, failure, userObject) {
    return new Proxy({}, {
      get: function (_, prop) {
        if (prop === 'withSuccessHandler') return function (fn) { return runner(fn, failure, userObject); };
        if (prop === 'withFailureHandler') return function (fn) { return runner(success, fn, userObject); };
        if (prop === 'withUserObject') return function (obj) { return runner(success, failure, obj); };
        if (typeof prop !== 'string') return undefined;
        return function () {
          var args = Array.prototype.slice.call(arguments);
          fetch('/__gas/run', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: prop, args: args })
          }).then(function (r) { return r.json(); }).then(function (res) {
            if (res.ok) { if (success) success(res.value, userObject); }
            else if (failure) {
              var error = new Error(res.error.message);
              error.name = res.error.name;
              failure(error, userObject);
            }
          }, function (err) { if (failure) failure(err, userObject); });
        };
      }
    });
  }
  window.google = {
    script: {
      run: runner(null, null, undefined),
      host: {
        origin: location.origin,
        close: function () { window.__sidebarClosed = true; },
        setHeight: function () {},
        setWidth: function () {},
        editor: { focus: function () {} }
      }
    }
  };
})();
</script>`;

/** google.script.run carries only JSON-like values: no Dates, functions or class instances. */
export function assertTransferable(value: unknown, where = 'result'): void {
  if (value === null || value === undefined) return;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return;
  if (type === 'function')
    throw new Error(`A function cannot be passed through google.script.run (${where}).`);
  if (type === 'object') {
    if (
      Object.prototype.toString.call(value) === '[object Date]' ||
      typeof (value as Date).getTime === 'function'
    ) {
      throw new Error(`A Date cannot be passed through google.script.run (${where}): send ISO text.`);
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        assertTransferable(v, `${where}[${i}]`);
      });
      return;
    }
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      assertTransferable(v, `${where}.${k}`);
    return;
  }
  throw new Error(`A ${type} cannot be passed through google.script.run (${where}).`);
}

/** A request's body as text; more than `limit` characters is refused. */
export function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > limit) reject(new Error('request too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

export function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

export function startSidebarServer(options: SidebarServerOptions): Promise<SidebarServer> {
  const distDir = options.distDir ?? DIST_DIR;
  const file = options.file ?? 'Sidebar.html';
  let user = options.user ?? options.world.owner;
  let beforeCall = options.beforeCall ?? null;
  const calls: CallRecord[] = [];

  const runCall = (name: string, args: unknown[]): unknown => {
    if (!/^[A-Za-z$][\w$]*$/.test(name) || name.endsWith('_')) {
      throw Object.assign(new Error(`Script function not found: ${name}`), { name: 'ScriptError' });
    }
    assertTransferable(args, 'arguments');
    beforeCall?.(name, args);
    const ctx = loadCode(options.world, { dir: distDir, user });
    try {
      if (typeof (ctx as Record<string, unknown>)[name] !== 'function') {
        throw Object.assign(new Error(`Script function not found: ${name}`), { name: 'ScriptError' });
      }
      const value = callFunction(ctx, name, ...args);
      assertTransferable(value);
      return value;
    } finally {
      options.world.endExecution(ctx);
    }
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'GET' && (url.pathname === '/' || url.pathname === `/${file}`)) {
        // Read on each request so a rebuilt sidebar is served without restarting.
        const html = readFileSync(path.join(distDir, file), 'utf8');
        const page = html.includes('<head>')
          ? html.replace('<head>', `<head>${CLIENT_STUB}`)
          : CLIENT_STUB + html;
        return send(res, 200, 'text/html; charset=utf-8', page);
      }
      if (req.method === 'POST' && url.pathname === '/__gas/run') {
        let name = '';
        let args: unknown[] = [];
        try {
          const body = JSON.parse(await readBody(req)) as { name?: unknown; args?: unknown };
          name = String(body.name ?? '');
          args = Array.isArray(body.args) ? body.args : [];
          const value = runCall(name, args);
          calls.push({ name, args, user, ok: true });
          return send(res, 200, 'application/json', JSON.stringify({ ok: true, value: value ?? null }));
        } catch (error) {
          const e = error as { name?: unknown; message?: unknown };
          const message = String(e?.message ?? error);
          calls.push({ name, args, user, ok: false, error: message });
          return send(
            res,
            200,
            'application/json',
            JSON.stringify({ ok: false, error: { name: String(e?.name ?? 'Error'), message } }),
          );
        }
      }
      if (url.pathname === '/favicon.ico') return send(res, 204, 'text/plain', '');
      return send(res, 404, 'text/plain', 'not found');
    })();
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        port,
        calls,
        setUser: (u) => {
          user = u;
        },
        setBeforeCall: (hook) => {
          beforeCall = hook;
        },
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Chromium as the tests and CI run it: `CHROMIUM_PATH`, else Debian's /usr/bin/chromium, headless. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Is this a CI run (`CI=true`, `CI=1`…; not `CI=false` or `CI=0`)? */
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && !/^(false|0|no)$/i.test(ci);
}

/** What to do about a missing Chromium, named with how to get it. */
export function chromiumMissing(path = CHROMIUM_PATH): string | null {
  if (existsSync(path)) return null;
  return `Chromium not found at ${path}: the browser tests need it. Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.`;
}

/**
 * `describe` for tests that need Chromium. Without it: skipped locally; under CI one test fails
 * at once with the message (and nothing is started, so jest has no handle to wait on).
 */
export function describeBrowser(name: string, body: () => void): void {
  const missing = chromiumMissing();
  if (missing === null) describe(name, body);
  else if (isCI()) describe(name, () => test('needs Chromium', () => chromiumRequired(missing)));
  else describe.skip(name, body);
}

function chromiumRequired(message: string): never {
  throw new Error(message);
}
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
