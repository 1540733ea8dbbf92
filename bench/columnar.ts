/**
 * The issue-11 figures of `npm run bench`: our hot functions against a plain single pass
 * (bench/singlePass.ts) and against arquero (table prebuilt, and with its build), from 10k to 300k
 * deals; the Dashboard's recalculation (each of its formulas in a fresh context, as Sheets runs
 * them); and the peak extra heap per call (bench/heap.ts, in a child node with --expose-gc).
 * Nothing is asserted: the figures go into the closing notes.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import vm from 'node:vm';
import * as aq from 'arquero';
import { build } from 'esbuild';
import { dashboardLayout } from '../src/core/dashboard/layout';
import { CODE_PATH } from '../test/support/code';
import { type GeneratedWorkbook, generateWorkbook } from '../test/support/generate';

export const NOW = new Date('2026-11-23T10:00:00Z');
const DAY = 86_400_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Median wall time of `runs` calls after one warm-up call. */
export function time(fn: () => unknown, runs: number): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

let singlePassCode: string | null = null;

/** bench/singlePass.ts as a classic script defining `SinglePass_` (same realm as the data). */
async function singlePass(): Promise<string> {
  if (singlePassCode !== null) return singlePassCode;
  const out = await build({
    entryPoints: ['bench/singlePass.ts'],
    bundle: true,
    format: 'iife',
    globalName: 'SinglePass_',
    target: 'es2019',
    write: false,
  });
  singlePassCode = out.outputFiles[0]!.text;
  return singlePassCode;
}

export interface Realm {
  readonly ctx: vm.Context;
  adopt(rows: unknown[][]): unknown[][];
  call(name: string, ...args: unknown[]): unknown;
}

/**
 * A fresh vm context holding `code` (Code.js by default) and the data adopted into it, as in
 * Apps Script where the values Sheets passes live in the script's own realm. Its SpreadsheetApp
 * answers only the time zone (no Stages sheet: the stages are learned from the deals, each call).
 */
export function realm(code: string = readFileSync(CODE_PATH, 'utf8')): Realm {
  const ctx = vm.createContext({});
  vm.runInContext(
    `var SpreadsheetApp = { getActiveSpreadsheet: function () { return {
       getRangeByName: function () { return null; }, getSheetByName: function () { return null; },
       getSpreadsheetTimeZone: function () { return 'Europe/London'; } }; } };
     function adopt_(rows) { return rows.map(function (r) { return r.map(function (v) {
       return v && typeof v === 'object' && typeof v.getTime === 'function' ? new Date(v.getTime()) : v; }); }); }`,
    ctx,
  );
  vm.runInContext(code, ctx, { filename: 'Code.js' });
  return {
    ctx,
    adopt: (rows) => (ctx.adopt_ as (r: unknown[][]) => unknown[][])(rows),
    call: (name, ...args) => {
      const fn = ctx[name] as ((...a: unknown[]) => unknown) | undefined;
      if (typeof fn !== 'function') throw new Error(`no function ${name}`);
      return fn(...args);
    },
  };
}

function attempt(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (error) {
    return error;
  }
}

/** One function, in a context of its own with its tables adopted: median ms and its result. */
export function timeFunction(
  g: GeneratedWorkbook,
  name: string,
  withHistory: boolean,
  runs: number,
  code?: string,
): { ms: number; result: unknown } {
  const r = realm(code);
  const args = withHistory ? [r.adopt(g.deals), r.adopt(g.history)] : [r.adopt(g.deals)];
  let result: unknown;
  const ms = time(() => {
    result = attempt(() => r.call(name, ...args));
  }, runs);
  return { ms, result };
}

/**
 * Median ms of each function, their calls interleaved round by round (after one warm-up call
 * each), so that a change in the machine's load weighs on all of them alike.
 */
export function interleaved(fns: Record<string, () => unknown>, runs: number): Record<string, number> {
  const names = Object.keys(fns);
  for (const name of names) fns[name]!();
  const samples: Record<string, number[]> = {};
  for (const name of names) samples[name] = [];
  for (let i = 0; i < runs; i++) {
    for (const name of names) {
      const start = performance.now();
      fns[name]!();
      samples[name]!.push(performance.now() - start);
    }
  }
  const out: Record<string, number> = {};
  for (const name of names) out[name] = median(samples[name]!);
  return out;
}

/** The hot functions at one size, and the single pass and arquero on the same data. */
async function atSize(size: number): Promise<{
  ours: Record<string, number>;
  single: Record<string, number>;
  arquero: { ours: number; prebuilt: number; withBuild: number };
  agree: string[];
  historyRows: number;
}> {
  const g = generateWorkbook(size, NOW);
  const runs = size >= 300_000 ? 7 : size >= 100_000 ? 11 : 15;
  const ours: Record<string, number> = {};
  const single: Record<string, number> = {};
  const results: Record<string, unknown> = {};
  /** One of our functions in a fresh context of its own, ready to call. */
  const ourCall = (name: string, withHistory: boolean): (() => unknown) => {
    const r = realm();
    const args = withHistory ? [r.adopt(g.deals), r.adopt(g.history)] : [r.adopt(g.deals)];
    return () => {
      results[name] = attempt(() => r.call(name, ...args));
      return results[name];
    };
  };
  // The single pass, in a context of its own holding only the data.
  const sr = realm(await singlePass());
  const sDeals = sr.adopt(g.deals);
  const sHistory = sr.adopt(g.history);
  const sp = sr.ctx.SinglePass_ as {
    winRateAndAverage(d: unknown[][]): [number, number];
    stalledCount(d: unknown[][], today: number): number;
    funnel(d: unknown[][], h: unknown[][]): unknown[][];
  };
  // Custom functions measure stalls from the real today (the clock), not the workbook's NOW.
  const today = Math.floor(Date.now() / DAY);
  let wa: [number, number] = [0, 0];
  let sc = 0;
  let fu: unknown[][] = [];
  Object.assign(
    ours,
    interleaved(
      {
        PIPELINE_WINRATE: ourCall('PIPELINE_WINRATE', false),
        PIPELINE_AVG_DEAL: ourCall('PIPELINE_AVG_DEAL', false),
        single: () => {
          wa = sp.winRateAndAverage(sDeals);
        },
      },
      runs,
    ),
  );
  single.winAvg = ours.single!;
  Object.assign(
    ours,
    interleaved(
      {
        PIPELINE_STALLED_COUNT: ourCall('PIPELINE_STALLED_COUNT', false),
        single: () => {
          sc = sp.stalledCount(sDeals, today);
        },
      },
      runs,
    ),
  );
  single.stalledCount = ours.single!;
  Object.assign(
    ours,
    interleaved(
      {
        PIPELINE_FUNNEL: ourCall('PIPELINE_FUNNEL', true),
        single: () => {
          fu = sp.funnel(sDeals, sHistory);
        },
      },
      runs,
    ),
  );
  single.funnel = ours.single!;
  for (const [name, history] of HOT) {
    if (ours[name] === undefined) ours[name] = time(ourCall(name, history), runs);
  }
  const agree: string[] = [];
  const same = (a: unknown, b: unknown) =>
    typeof a === 'number' && typeof b === 'number'
      ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a))
      : a === b;
  if (!same(wa[0], results.PIPELINE_WINRATE)) agree.push(`WINRATE ${wa[0]} vs ${results.PIPELINE_WINRATE}`);
  if (!same(wa[1], results.PIPELINE_AVG_DEAL))
    agree.push(`AVG_DEAL ${wa[1]} vs ${results.PIPELINE_AVG_DEAL}`);
  if (!same(sc, results.PIPELINE_STALLED_COUNT))
    agree.push(`STALLED_COUNT ${sc} vs ${results.PIPELINE_STALLED_COUNT}`);
  const ourFunnel = (results.PIPELINE_FUNNEL as unknown[][]).slice(1);
  if (!ourFunnel.every((row, i) => row.every((v, j) => same(v, fu[i]?.[j]))))
    agree.push(`FUNNEL ${JSON.stringify(fu[0])} vs ${JSON.stringify(ourFunnel[0])}`);
  // arquero, in node's own realm on the generated arrays; ours: WINRATE + AVG_DEAL + FUNNEL
  // without History, in one context (the same aggregations). Interleaved too.
  const r = realm();
  const deals = r.adopt(g.deals);
  const header = [g.history[0] as unknown[]];
  const table = arqueroTable(g.deals);
  const q = interleaved(
    {
      ours: () => {
        r.call('PIPELINE_WINRATE', deals);
        r.call('PIPELINE_AVG_DEAL', deals);
        r.call('PIPELINE_FUNNEL', deals, header);
      },
      prebuilt: () => arqueroAggregations(table),
      withBuild: () => arqueroAggregations(arqueroTable(g.deals)),
    },
    runs,
  );
  return {
    ours,
    single,
    arquero: { ours: q.ours!, prebuilt: q.prebuilt!, withBuild: q.withBuild! },
    agree,
    historyRows: g.history.length - 1,
  };
}

const HOT: readonly (readonly [string, boolean])[] = [
  ['PIPELINE_COUNT', false],
  ['PIPELINE_WINRATE', false],
  ['PIPELINE_AVG_DEAL', false],
  ['PIPELINE_STALLED_COUNT', false],
  ['PIPELINE_STALLED', false],
  ['PIPELINE_FORECAST', false],
  ['PIPELINE_SUMMARY', false],
  ['PIPELINE_FUNNEL', true],
];

const OPEN_STAGES = ['Lead', 'Qualified', 'Contacted', 'Needs Assessment', 'Proposal', 'Negotiation'];

/** arquero's table of the deals (numbers only: it does not read "$7,500"). */
export function arqueroTable(rows: unknown[][]): ReturnType<typeof aq.table> {
  const header = rows[0] as string[];
  const columns: Record<string, unknown[]> = {};
  header.forEach((h, i) => {
    columns[h] = rows.slice(1).map((r) => r[i]);
  });
  return aq
    .table(columns)
    .params({ open: OPEN_STAGES })
    .derive({ amount: 'op.is_finite(d.Amount) ? d.Amount : null' });
}

/** Win rate, average won deal, open count and value by stage. */
export function arqueroAggregations(table: ReturnType<typeof aq.table>): unknown {
  const winRate = table
    .filter("d.Stage === 'Won' || d.Stage === 'Lost'")
    .rollup({ won: "op.sum(d.Stage === 'Won' ? 1 : 0)", n: 'op.count()' })
    .objects();
  const avgWon = table.filter("d.Stage === 'Won'").rollup({ avg: 'op.mean(d.amount)' }).objects();
  const byStage = table
    .filter('op.includes($.open, d.Stage)')
    .groupby('Stage')
    .rollup({ value: 'op.sum(d.amount)', n: 'op.count()' })
    .objects();
  return [winRate, avgWon, byStage];
}

/**
 * The Dashboard's formulas (from its layout), each timed in a fresh context with its tables, as
 * Sheets runs every custom-function cell: the recalculation's total is their sum. With a baseline
 * build, each formula's two contexts are timed interleaved.
 */
export function dashboardRecalculation(
  g: GeneratedWorkbook,
  baseline?: string,
): { total: number; baselineTotal: number; rows: [string, number, number][] } {
  const layout = dashboardLayout({ deals: 'DEALS', history: 'HISTORY', snapshots: 'SNAPSHOTS' });
  // Every custom-function formula of the layout: the headline (one PIPELINE_SUMMARY), the long
  // tables, and the month and quarter ranges. The ranges' window cells (plain dates the add-on writes) are given as this
  // month's and this quarter's dates, and their "team" quota left out (the bench has no Team sheet).
  const now = new Date();
  const y = now.getUTCFullYear();
  const mo = now.getUTCMonth();
  const q = mo - (mo % 3);
  const windows: [Date, Date][] = [
    [new Date(Date.UTC(y, mo, 1)), new Date(Date.UTC(y, mo + 1, 0))],
    [new Date(Date.UTC(y, q, 1)), new Date(Date.UTC(y, q + 3, 0))],
  ];
  const calls: { label: string; name: string; history: boolean; extra: unknown[] }[] = [
    layout.headline.formula,
    ...Object.values(layout.tables).map((t) => t.formula),
  ].map((formula) => {
    const m = /^=(\w+)\(([^)]*)\)$/.exec(formula);
    if (!m) throw new Error(`unexpected formula ${formula}`);
    const history = (m[2] ?? '').split(',').some((a) => a.trim() === 'HISTORY');
    return { label: formula, name: m[1]!, history, extra: [] };
  });
  layout.ranges.forEach((r, i) => {
    const [start, end] = windows[i]!;
    calls.push({
      label: `${r.label}: PIPELINE_FORECAST_RANGE`,
      name: 'PIPELINE_FORECAST_RANGE',
      history: true,
      extra: [start, end],
    });
  });
  const rows: [string, number, number][] = [];
  for (const { label, name, history, extra } of calls) {
    const prepare = (code?: string) => {
      const r = realm(code);
      const args = history ? [r.adopt(g.deals), r.adopt(g.history)] : [r.adopt(g.deals)];
      return () => attempt(() => r.call(name, ...args, ...extra));
    };
    const fns: Record<string, () => unknown> = { now: prepare() };
    if (baseline) fns.before = prepare(baseline);
    const t = interleaved(fns, 7);
    rows.push([label, t.now!, t.before ?? Number.NaN]);
  }
  return {
    total: rows.reduce((a, [, ms]) => a + ms, 0),
    baselineTotal: rows.reduce((a, [, , ms]) => a + ms, 0),
    rows,
  };
}

/** Peak extra heap per call, from bench/heap.ts in a child node process (see there how). */
export function heapTable(): string {
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-semi-space-size=1',
      '--trace-gc',
      '--max-old-space-size=8192',
      '--import',
      'tsx',
      'bench/heap.ts',
    ],
    { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env } },
  );
  if (child.status !== 0) return `(heap measurement failed: ${child.stderr.slice(0, 400)})`;
  const peaks = new Map<string, number[]>();
  let size = '';
  let current: { name: string; heap: number; buffers: number; peak: number } | null = null;
  for (const line of child.stdout.split('\n')) {
    const mark = /^MARK (start|end|size) (\S+) ?(\d+)? ?(\d+)?/.exec(line);
    if (mark) {
      if (mark[1] === 'size') size = line.slice('MARK size '.length);
      else if (mark[1] === 'start')
        current = { name: mark[2]!, heap: Number(mark[3]), buffers: Number(mark[4]), peak: Number(mark[3]) };
      else if (current) {
        const peak = Math.max(current.peak, Number(mark[3]));
        const extra = peak - current.heap + Math.max(0, Number(mark[4]) - current.buffers);
        peaks.set(current.name, [...(peaks.get(current.name) ?? []), extra]);
        current = null;
      }
      continue;
    }
    // `Scavenge 270.1 (290.2) -> 269.8 (290.2) MB`: the heap's size before this collection.
    const gcLine = /(?:Scavenge|Mark-Compact|Mark-sweep)[^\d]*([\d.]+) \([\d.]+\) -> /.exec(line);
    if (gcLine && current) current.peak = Math.max(current.peak, Number(gcLine[1]) * 1024 * 1024);
  }
  const rows = [...peaks].map(([name, values]) => {
    const mb = median(values) / 1e6;
    return `| ${name} | ${mb.toFixed(1)} | ${mb <= 20 ? 'yes' : 'NO'} |`;
  });
  return [
    `${size}. Peak extra heap of one call: the largest heap size V8 printed before a collection during the call (1 MB young generation, --trace-gc) less its size at the start after a full gc, plus the typed arrays' bytes; median of 3.\n`,
    '| function | peak extra MB | ≤ 20 MB |',
    '| --- | --- | --- |',
    ...rows,
  ].join('\n');
}

const fmt = (ms: number) => ms.toFixed(1);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

export async function columnarBench(): Promise<string> {
  const out: string[] = [];
  const load = os.loadavg().map((l) => l.toFixed(1));
  out.push(
    `## Against a single pass and arquero (issue 11)\n\nWall-clock medians on a 2-core machine shared with other work (load average ${load.join(' / ')} at the start): absolute figures swing with the load; ratios taken in the same run are steadier.\n`,
  );
  const sizes = (process.env.BENCH_SIZES ?? '10000,100000,300000').split(',').map(Number);
  const all = new Map<number, Awaited<ReturnType<typeof atSize>>>();
  for (const size of sizes) all.set(size, await atSize(size));
  const head = (cols: string[]) => `| ${cols.join(' | ')} |\n| ${cols.map(() => '---').join(' | ')} |`;
  out.push(
    `### Hot functions, ms per call (fresh context each)\n\n${head(['function', ...sizes.map((s) => `${s / 1000}k`), 'µs per deal 10k → 100k → 300k'])}`,
  );
  for (const [name] of HOT) {
    const ms = sizes.map((s) => all.get(s)!.ours[name]!);
    out.push(
      `| ${name} | ${ms.map(fmt).join(' | ')} | ${ms.map((m, i) => ((m * 1000) / sizes[i]!).toFixed(2)).join(' → ')} |`,
    );
  }
  out.push(
    `\n### Ours ÷ a plain single pass (bench/singlePass.ts; targets: deals-only ≤ 1.5×, History ≤ 1.2×)\n`,
  );
  out.push(head(['deals', 'WINRATE + AVG_DEAL', 'STALLED_COUNT', 'FUNNEL (with History)', 'results agree']));
  for (const size of sizes) {
    const a = all.get(size)!;
    const o = a.ours;
    const s = a.single;
    const winAvg = o.PIPELINE_WINRATE! + o.PIPELINE_AVG_DEAL!;
    out.push(
      `| ${size.toLocaleString('en-US')} (${a.historyRows.toLocaleString('en-US')} History rows) | ${ratio(winAvg, s.winAvg!)} (${fmt(winAvg)} vs ${fmt(s.winAvg!)} ms) | ${ratio(o.PIPELINE_STALLED_COUNT!, s.stalledCount!)} (${fmt(o.PIPELINE_STALLED_COUNT!)} vs ${fmt(s.stalledCount!)}) | ${ratio(o.PIPELINE_FUNNEL!, s.funnel!)} (${fmt(o.PIPELINE_FUNNEL!)} vs ${fmt(s.funnel!)}) | ${a.agree.length === 0 ? 'yes' : a.agree.join('; ')} |`,
    );
  }
  out.push(
    `\n### Ours ÷ arquero (WINRATE + AVG_DEAL + FUNNEL without History vs the same aggregations; target ≤ 0.7× prebuilt)\n`,
  );
  out.push(
    head([
      'deals',
      'ours ms',
      'arquero prebuilt ms',
      'ours ÷ prebuilt',
      'arquero with build ms',
      'ours ÷ with build',
    ]),
  );
  for (const size of sizes) {
    const q = all.get(size)!.arquero;
    out.push(
      `| ${size.toLocaleString('en-US')} | ${fmt(q.ours)} | ${fmt(q.prebuilt)} | ${ratio(q.ours, q.prebuilt)} | ${fmt(q.withBuild)} | ${ratio(q.ours, q.withBuild)} |`,
    );
  }
  all.clear();

  // The Dashboard at 100k deals: this build, and a baseline build when BENCH_BASELINE names one.
  const g = generateWorkbook(Number(process.env.BENCH_DASHBOARD ?? 100_000), NOW);
  const baselinePath = process.env.BENCH_BASELINE;
  const now = dashboardRecalculation(g, baselinePath ? readFileSync(baselinePath, 'utf8') : undefined);
  const before = baselinePath ? now.baselineTotal : null;
  out.push(
    `\n### Dashboard recalculation at 100,000 deals (every formula of its layout, each in a fresh context)\n`,
  );
  out.push(head(['formula', 'ms', ...(before !== null ? ['baseline ms'] : [])]));
  for (const [formula, ms, was] of now.rows) {
    out.push(`| \`${formula}\` | ${fmt(ms)} |${before !== null ? ` ${fmt(was)} |` : ''}`);
  }
  out.push(
    `| **total** | **${fmt(now.total)}** |${before !== null ? ` **${fmt(before)}** (this build ÷ baseline ${ratio(now.total, before)}; baseline ${baselinePath}) |` : ''}`,
  );
  {
    const summary = timeFunction(g, 'PIPELINE_SUMMARY', false, 7).ms;
    const funnel = now.rows.find(([f]) => f.includes('PIPELINE_FUNNEL'))?.[1] ?? 0;
    const forecast = now.rows.find(([f]) => f.includes('PIPELINE_FORECAST'))?.[1] ?? 0;
    out.push(
      `\nWith the headline block as one \`PIPELINE_SUMMARY\` (summary + funnel + forecast, three calls): ${fmt(summary + funnel + forecast)} ms.`,
    );
  }
  out.push(
    `\n### Peak extra heap per call (100,000 deals, their History; target ≤ 20 MB)\n\n${heapTable()}\n`,
  );
  return out.join('\n');
}
