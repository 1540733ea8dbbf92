/**
 * `npm start`: the whole add-on on a local workbook, in the browser. Builds nothing itself (npm
 * start runs the build first); loads the demo workbook (or `--file deals.xlsx|.csv`), runs Set up
 * through the built Code.js, and serves the page on 127.0.0.1.
 *
 *   npm start                                  # the demo, http://127.0.0.1:8080/
 *   npm start -- --file my-deals.csv --save out.xlsx --port 0
 *
 * Options: --port N (or PORT; 0 = any free port), --file F (.xlsx or .csv), --save F (.xlsx: the
 * page's Save button and Ctrl-C write it), --date-order mdy|dmy (how a CSV's 11/23/2026 reads),
 * --user EMAIL.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { CLIENT_STUB, readBody, send } from '../test/browser/harness';
import { Playground, type PlaygroundOptions } from './app';
import { csvToSheet, type DateOrder, readXlsx, type WorkbookData, writeXlsx } from './workbook';

const PAGE_DIR = path.resolve('playground/page');

export interface ServerOptions extends PlaygroundOptions {
  port?: number;
  /** Where Save writes the workbook (.xlsx); null: no Save button. */
  savePath?: string | null;
}

export interface PlaygroundServer {
  readonly url: string;
  readonly port: number;
  readonly playground: Playground;
  save(file?: string): Promise<string>;
  close(): Promise<void>;
}

/** The page: index.html with its CSS and the bundled main.ts inlined (one request, works offline). */
export async function pageHtml(): Promise<string> {
  const js = await build({
    entryPoints: [path.join(PAGE_DIR, 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    logLevel: 'silent',
  });
  const script = (js.outputFiles[0]?.text ?? '').replace(/<\/script/gi, '<\\/script');
  const css = readFileSync(path.join(PAGE_DIR, 'styles.css'), 'utf8');
  const html = readFileSync(path.join(PAGE_DIR, 'index.html'), 'utf8');
  return html.replace('/*STYLES*/', css).replace('/*SCRIPT*/', script);
}

/** Served inside the sidebar/dialog iframes: `google.script.host.close()` closes the panel. */
function frameStub(frame: 'sidebar' | 'dialog'): string {
  return `${CLIENT_STUB}<script>google.script.host.close = function () { parent.postMessage({ playground: 'close', frame: '${frame}' }, location.origin); };</script>`;
}

function withStub(html: string, frame: 'sidebar' | 'dialog'): string {
  const stub = frameStub(frame);
  return /<head>/i.test(html) ? html.replace(/<head>/i, `<head>${stub}`) : stub + html;
}

function json(res: ServerResponse, value: unknown, status = 200): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A pasted block: rows of cell texts (at most 1,000 × 50, like a generous paste). */
function pastedRows(v: unknown): string[][] {
  if (!Array.isArray(v)) return [];
  return v.slice(0, 1000).map((row) => (Array.isArray(row) ? row.slice(0, 50).map(str) : []));
}

export async function startPlaygroundServer(options: ServerOptions = {}): Promise<PlaygroundServer> {
  const playground = new Playground(options);
  const page = await pageHtml();
  const savePath = options.savePath ?? null;

  const save = async (file = savePath ?? ''): Promise<string> => {
    if (!file) throw new Error('Start with --save out.xlsx to save the workbook.');
    await writeXlsx(playground.world, playground.bridge, file);
    return file;
  };

  const post = async (route: string, body: Record<string, unknown>): Promise<unknown> => {
    switch (route) {
      case '/api/menu':
        playground.menuCommand(str(body.functionName));
        return { ok: true };
      case '/api/edit':
        playground.edit(str(body.sheet), str(body.a1), str(body.text));
        return { ok: true };
      case '/api/paste':
        playground.paste(str(body.sheet), str(body.a1), pastedRows(body.rows));
        return { ok: true };
      case '/api/select':
        playground.select(str(body.sheet), str(body.a1));
        return { ok: true };
      case '/api/check':
        playground.runDailyCheck();
        return { ok: true };
      case '/api/advance':
        playground.advanceDay();
        return { ok: true };
      case '/api/dismiss':
        playground.dismissNotice(Number(body.id));
        return { ok: true };
      case '/api/close':
        if (body.frame === 'dialog') playground.closeDialog();
        else playground.closeSidebar();
        return { ok: true };
      case '/api/save':
        return { ok: true, file: await save() };
      default:
        return null;
    }
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      try {
        if (req.method === 'GET') {
          if (url.pathname === '/') return send(res, 200, 'text/html; charset=utf-8', page);
          if (url.pathname === '/api/state')
            return json(res, { ...playground.state(), canSave: savePath !== null });
          if (url.pathname === '/api/sheet')
            return json(res, playground.sheetView(url.searchParams.get('name') ?? ''));
          if (url.pathname === '/sidebar' || url.pathname === '/dialog') {
            const frame = url.pathname === '/sidebar' ? 'sidebar' : 'dialog';
            const html = frame === 'sidebar' ? playground.sidebarHtml() : playground.dialogHtml();
            return send(
              res,
              200,
              'text/html; charset=utf-8',
              withStub(html ?? '<p>Nothing to show.</p>', frame),
            );
          }
          if (url.pathname === '/api/export.xlsx') {
            const file = path.join(os.tmpdir(), `pipeline-playground-${process.pid}-${Date.now()}.xlsx`);
            await writeXlsx(playground.world, playground.bridge, file);
            res.writeHead(200, {
              'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
              'content-disposition': 'attachment; filename="pipeline.xlsx"',
              'cache-control': 'no-store',
            });
            return res.end(readFileSync(file));
          }
          if (url.pathname === '/favicon.ico') return send(res, 204, 'text/plain', '');
        }
        if (req.method === 'POST') {
          const body = JSON.parse((await readBody(req, 2_000_000)) || '{}') as Record<string, unknown>;
          if (url.pathname === '/__gas/run') {
            try {
              const value = playground.gasRun(str(body.name), Array.isArray(body.args) ? body.args : []);
              return json(res, { ok: true, value: value ?? null });
            } catch (error) {
              const e = error as { name?: unknown; message?: unknown };
              return json(res, {
                ok: false,
                error: { name: String(e?.name ?? 'Error'), message: String(e?.message ?? error) },
              });
            }
          }
          const result = await post(url.pathname, body);
          if (result !== null) return json(res, result);
        }
        return send(res, 404, 'text/plain', 'not found');
      } catch (error) {
        return json(res, { ok: false, error: String((error as Error)?.message ?? error) }, 500);
      }
    })();
  });

  const port = options.port ?? 8080;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    playground,
    save,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections?.();
        server.close(() => done());
      }),
  };
}

/** Reads `--file`: an .xlsx (every sheet) or a CSV exported from Google Sheets (its rows become Deals). */
export async function readInput(file: string, timeZone: string, dateOrder: DateOrder): Promise<WorkbookData> {
  if (/\.xlsx$/i.test(file)) return readXlsx(file, timeZone);
  if (/\.csv$/i.test(file)) {
    return { sheets: [csvToSheet(readFileSync(file, 'utf8'), 'Deals', { timeZone, dateOrder })] };
  }
  throw new Error(`${file}: give an .xlsx or a .csv file`);
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

async function main(): Promise<void> {
  process.env.TZ = 'UTC';
  const args = process.argv.slice(2);
  const port = Number(argValue(args, '--port') ?? process.env.PORT ?? 8080);
  const file = argValue(args, '--file');
  const saveArg = argValue(args, '--save');
  const dateOrder = (argValue(args, '--date-order') ?? 'mdy') === 'dmy' ? 'dmy' : 'mdy';
  const timeZone = 'Etc/UTC';
  const options: ServerOptions = { port, savePath: saveArg ? path.resolve(saveArg) : null };
  const user = argValue(args, '--user');
  if (user) options.user = user;
  if (file) {
    options.data = await readInput(path.resolve(file), timeZone, dateOrder);
    options.timeZone = timeZone;
  }
  const started = Date.now();
  const server = await startPlaygroundServer(options);
  const names = server.playground.sheetNames();
  const dealsSheet = names.find((n) => /^deals$/i.test(n)) ?? names[0] ?? 'Deals';
  const deals = server.playground.world.sheetValues(dealsSheet).length - 1;
  console.log(
    `Sheets Pipeline playground: ${file ? path.basename(file) : 'demo workbook'} (${deals} rows), set up in ${Date.now() - started} ms`,
  );
  console.log(
    `Open ${server.url}  (Ctrl-C to stop${options.savePath ? `; saves to ${options.savePath}` : ''})`,
  );
  const stop = async () => {
    if (options.savePath) {
      await server.save();
      console.log(`Saved ${options.savePath}`);
    }
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

if (process.argv[1] && /playground[\\/]server\.ts$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(String((error as Error)?.stack ?? error));
    process.exit(1);
  });
}
