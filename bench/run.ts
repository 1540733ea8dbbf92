/**
 * npm run bench — speed and spreadsheet round trips of every custom function on generated
 * workbooks of 10k and 100k deals, run in the built dist/Code.js on the local Apps Script host.
 * Prints Markdown tables. Nothing here is asserted: the figures go into the closing notes.
 * Then bench/columnar.ts: the hot functions at 10k/100k/300k against a plain single pass and
 * arquero, the Dashboard's recalculation and the heap per call. `BENCH_ONLY=columnar` runs only
 * that part; `BENCH_BASELINE=path/to/Code.js` adds another build's Dashboard recalculation.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { World } from '../host';
import { FUNCTIONS, type FunctionSpec } from '../src/functions/catalog';
import { CODE_PATH, call, loadInWorld } from '../test/support/code';
import { generateSnapshots, generateWorkbook } from '../test/support/generate';
import { columnarBench, realm } from './columnar';

const NOW = new Date('2026-11-23T10:00:00Z');
/** The sizes of the per-function table (`BENCH_SIZES=2000,5000` for a quick run of everything). */
const SIZES = process.env.BENCH_SIZES
  ? process.env.BENCH_SIZES.split(',').map(Number).slice(0, 2)
  : [10_000, 100_000];
const TARGET_MS = 30;

const ARGS: Record<string, unknown[]> = {
  PIPELINE_CONVERSION: ['Proposal', 'Won'],
  PIPELINE_STAGE_DAYS: ['Proposal'],
  PIPELINE_STAGE_PROBABILITY: ['Proposal'],
  PIPELINE_ATTAINMENT: [1_000_000],
  PIPELINE_COVERAGE: [1e9],
  // A quarter of the generated pipeline (Expected Close spread over the coming months).
  PIPELINE_FORECAST_RANGE: ['2026-10-01', '2026-12-31'],
  // Since four weeks ago, to now.
  PIPELINE_CHANGES: ['2026-10-26'],
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function time(fn: () => unknown, runs: number): number {
  fn(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function attempt(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (error) {
    return error;
  }
}

interface Row {
  name: string;
  size: number;
  rangeMs: number;
  sheetMs: number;
  rangeCalls: number;
  rangeDealReads: number;
  sheetCalls: number;
  sheetReads: number;
}

/**
 * Code.js in a context of its own with the data built in that context, as in Apps Script where
 * the values Sheets passes live in the script's own realm (values crossing a vm boundary are
 * slower to read, which would overstate our times). Its SpreadsheetApp answers only the time zone.
 */
function realmLocal(): { ctx: Record<string, unknown>; adopt: (rows: unknown[][]) => unknown[][] } {
  const r = realm();
  return { ctx: r.ctx as Record<string, unknown>, adopt: r.adopt };
}

function benchFunctions(size: number): { rows: Row[] } {
  const generated = generateWorkbook(size, NOW);
  const snapshots = generateSnapshots(generated.deals, NOW);
  const tableOf = (t: string) =>
    t === 'deals' ? generated.deals : t === 'history' ? generated.history : snapshots;
  const runs = size >= 100_000 ? 9 : 15;
  const argsOf = (spec: FunctionSpec) => ARGS[spec.name] ?? [];

  // 1. Time: Code.js alone with its data, nothing else in the heap, and a fresh context per
  //    function (in Sheets every custom-function cell is an execution of its own, so one
  //    function's JIT feedback never meets another's).
  const speed = new Map<string, number>();
  for (const spec of FUNCTIONS) {
    const local = realmLocal();
    const deals = local.adopt(generated.deals);
    const history = spec.tables.includes('history') ? local.adopt(generated.history) : [];
    const snaps = spec.tables.includes('snapshots') ? local.adopt(snapshots) : [];
    const rangeArgs = [
      ...spec.tables.map((t) => (t === 'deals' ? deals : t === 'history' ? history : snaps)),
      ...argsOf(spec),
    ];
    speed.set(
      spec.name,
      time(() => attempt(() => call(local.ctx, spec.name, ...rangeArgs)), runs),
    );
  }
  // 2. Round trips: the same calls on the host's fake spreadsheet, in both forms.
  const world = new World({ now: NOW.toISOString(), timeZone: 'Europe/London' });
  world.setSheet('Deals', generated.deals);
  world.setSheet('History', generated.history);
  world.setSheet('Team', generated.team);
  world.setSheet('Snapshots', snapshots);
  const ctx = loadInWorld(world, { authMode: 'CUSTOM_FUNCTION' });
  const rows: Row[] = [];
  for (const spec of FUNCTIONS) {
    const args = argsOf(spec);
    const rangeArgs = [...spec.tables.map(tableOf), ...args];
    world.calls.reset();
    attempt(() => call(ctx, spec.name, ...rangeArgs));
    const rangeCalls = world.calls.total();
    const rangeDealReads = world.calls.log.filter(
      (c) => c.name === 'Range.getValues' && c.sheet === 'Deals',
    ).length;
    world.calls.reset();
    attempt(() => call(ctx, spec.name, ...args));
    const sheetCalls = world.calls.total();
    const sheetReads = world.calls.reads();
    rows.push({
      name: spec.name,
      size,
      rangeMs: speed.get(spec.name) ?? Number.NaN,
      sheetMs: time(() => attempt(() => call(ctx, spec.name, ...args)), 3),
      rangeCalls,
      rangeDealReads,
      sheetCalls,
      sheetReads,
    });
  }
  return { rows };
}

/**
 * PIPELINE_FORECAST_RANGE on its different paths at 100k deals: a month (the normal
 * approximation certified by Berry–Esseen, or the bucketed distribution), a quarter, the whole
 * pipeline, the history basis; and PIPELINE_SUMMARY against the nine calls it replaces.
 */
function forecastPaths(): (string | number)[][] {
  const generated = generateWorkbook(Number(process.env.BENCH_DASHBOARD ?? 100_000), NOW);
  const local = realmLocal();
  const deals = local.adopt(generated.deals);
  const history = local.adopt(generated.history);
  const cases: [string, unknown[]][] = [
    ['month (2026-12)', [deals, '2026-12-01', '2026-12-31']],
    ['quarter (2026-Q4)', [deals, '2026-10-01', '2026-12-31']],
    ['whole pipeline (no dates)', [deals, '', '']],
    ['quarter, history basis', [deals, history, '2026-10-01', '2026-12-31', 'history']],
    // The Dashboard's form: the chance of reaching a quota (P(won ≥ quota)) as well.
    ['quarter, chance of a 278M quota (≈ Likely)', [deals, '2026-10-01', '2026-12-31', '', 278e6]],
  ];
  const rows: (string | number)[][] = cases.map(([label, args]) => {
    let cells = '';
    const ms = time(() => {
      cells = JSON.stringify(attempt(() => call(local.ctx, 'PIPELINE_FORECAST_RANGE', ...args)));
    }, 5);
    return [`FORECAST_RANGE ${label}`, ms.toFixed(1), cells.slice(0, 90)];
  });
  const nine = [
    'PIPELINE_COUNT',
    'PIPELINE_VALUE',
    'PIPELINE_WEIGHTED',
    'PIPELINE_WINRATE',
    'PIPELINE_AVG_DEAL',
    'PIPELINE_CYCLE_DAYS',
    'PIPELINE_VELOCITY',
    'PIPELINE_STALLED_COUNT',
    'PIPELINE_OVERDUE',
  ];
  const separate = time(() => {
    for (const name of nine) attempt(() => call(local.ctx, name, deals));
  }, 5);
  const summary = time(() => attempt(() => call(local.ctx, 'PIPELINE_SUMMARY', deals)), 5);
  rows.push([
    'SUMMARY (one parse)',
    summary.toFixed(1),
    `the nine functions it replaces, one after another: ${separate.toFixed(1)} ms`,
  ]);
  return rows;
}

function coldLoad(): { kb: string; ms: string } {
  const code = readFileSync(CODE_PATH, 'utf8');
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    vm.runInContext(code, vm.createContext({}), { filename: 'Code.js' });
    samples.push(performance.now() - start);
  }
  return { kb: (Buffer.byteLength(code) / 1024).toFixed(1), ms: median(samples).toFixed(2) };
}

function table(headers: string[], rows: (string | number)[][]): string {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

async function optional(file: string, fn: string): Promise<Record<string, unknown>[] | null> {
  const full = path.resolve('bench', file);
  if (!existsSync(full)) return null;
  const mod = (await import(full)) as Record<string, () => unknown>;
  const run = mod[fn];
  return typeof run === 'function' ? ((await run()) as Record<string, unknown>[]) : null;
}

async function main(): Promise<void> {
  const load = coldLoad();
  console.log(
    `## dist/Code.js\n\nsize ${load.kb} KB (target ≤ 100 KB), cold load in a fresh vm context ${load.ms} ms (median of 20)\n`,
  );
  if (process.env.BENCH_ONLY === 'columnar') {
    console.log(await columnarBench());
    return;
  }
  const all: Row[] = [];
  for (const size of SIZES) {
    const { rows } = benchFunctions(size);
    all.push(...rows);
  }
  console.log('## Custom functions\n');
  console.log(
    "Median node time per call; spreadsheet calls counted by the host (range form: deals passed as a range; sheet form: read from the sheets). Sheet-form time includes the fake's own copying of the sheet.\n",
  );
  console.log(
    table(
      [
        'function',
        'deals',
        'range form ms',
        `≤ ${TARGET_MS} ms`,
        'range calls',
        'Deals reads',
        'sheet form ms',
        'sheet calls',
        'sheet reads',
      ],
      all.map((r) => [
        r.name,
        r.size,
        r.rangeMs.toFixed(1),
        r.size < 100_000 || r.rangeMs <= TARGET_MS ? 'yes' : 'NO',
        r.rangeCalls,
        r.rangeDealReads,
        r.sheetMs.toFixed(1),
        r.sheetCalls,
        r.sheetReads,
      ]),
    ),
  );
  console.log(
    `\n## Forecast range paths and the summary at 100,000 deals\n\n${table(['call', 'ms (median of 5)', 'result'], forecastPaths())}\n`,
  );
  console.log(`\n${await columnarBench()}\n`);
  for (const [file, fn, title] of [
    ['sidebar.ts', 'sidebarBench', 'Sidebar: spreadsheet calls per move and per selection poll'],
    ['alerts.ts', 'alertsBench', 'Daily check: spreadsheet calls and time per run'],
    [
      'alerts.ts',
      'snapshotBench',
      'Weekly snapshot: the report-day check against its rerun (calls added by the snapshot, time)',
    ],
    [
      'board.ts',
      'boardBench',
      'Board: spreadsheet calls per load and per move (one read of the deals per load)',
    ],
    ['boardRender.ts', 'boardRenderBench', 'Board in Chromium: 2,000 open deals'],
  ] as const) {
    const rows = await optional(file, fn);
    if (rows && rows.length > 0) {
      const headers = Object.keys(rows[0] as object);
      console.log(
        `## ${title}\n\n${table(
          headers,
          rows.map((r) => headers.map((h) => String(r[h]))),
        )}\n`,
      );
    }
  }
}

void main();
