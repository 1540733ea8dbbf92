/**
 * The weekly snapshot's rows and the weekly report's content (SPEC §4), as plain data from a
 * pipeline already read: the email views (src/views/weeklyReportEmail.ts) only lay it out.
 */
import { type ChangeKind, waterfall } from '../metrics/changes';
import { velocity, winRate } from '../metrics/closed';
import { forecastRange } from '../metrics/forecastRange';
import { overdueRows } from '../metrics/overdue';
import { daysInStage, isStalled } from '../metrics/stalled';
import { totalValue, weightedValue } from '../metrics/totals';
import type { Calendar, Day } from '../model/dates';
import { type Deal, isOpen, probabilityOf } from '../model/deals';
import type { Pipeline } from '../pipeline';
import { monthBounds, quarterBounds } from './schedule';

/** One Snapshots row (SPEC §1): Taken, Deal ID, Deal, Owner, Stage, Amount, Probability, Expected Close. */
export type SnapshotCell = string | number | Date;

/**
 * The snapshot of `day`: one row per open deal, in sheet order, Probability the effective one
 * (the deal's own, else its stage's). A blank or unreadable Amount or Expected Close is blank.
 */
export function snapshotRows(deals: readonly Deal[], day: Day, calendar: Calendar): SnapshotCell[][] {
  const taken = calendar.startOf(day);
  const rows: SnapshotCell[][] = [];
  for (const d of deals) {
    if (!isOpen(d)) continue;
    rows.push([
      taken,
      d.id,
      d.name,
      d.owner,
      d.stage!.name,
      d.amount === null ? '' : d.amount,
      probabilityOf(d),
      d.expectedClose === null ? '' : calendar.startOf(d.expectedClose),
    ]);
  }
  return rows;
}

/** The headline figures the report compares week on week (null: could not be measured). */
export interface Headline {
  readonly openValue: number | null;
  readonly weightedValue: number | null;
  readonly winRate: number | null;
  readonly velocity: number | null;
}

export const HEADLINE_KEYS = ['openValue', 'weightedValue', 'winRate', 'velocity'] as const;

/** A deal listed in the report: enough to show it and link to its row. */
export interface ListedDeal {
  readonly deal: string;
  readonly owner: string;
  readonly stage: string;
  readonly amount: number | null;
  /** Row in the deals sheet now; null when it is gone (then `snapshotRow` is its Snapshots row). */
  readonly row: number | null;
  readonly snapshotRow?: number | null;
  /** `Close date passed (5 days)`, `Stalled 12 days`… */
  readonly note: string;
}

export interface WaterfallLine {
  readonly change: ChangeKind;
  readonly deals: number;
  readonly amount: number;
  readonly listed: readonly ListedDeal[];
}

export interface ForecastWindow {
  readonly label: string;
  readonly start: Day;
  readonly end: Day;
  /** null with `error` when it could not be measured. */
  readonly low: number | null;
  readonly likely: number | null;
  readonly high: number | null;
  readonly expected: number | null;
  readonly won: number | null;
  /** Open deals expected to close in the window (linked). */
  readonly listed: readonly ListedDeal[];
  readonly error?: string;
}

export interface WeeklyReport {
  readonly today: Day;
  readonly headline: Headline;
  /** Why a headline figure is missing, by key. */
  readonly headlineNotes: Partial<Record<(typeof HEADLINE_KEYS)[number], string>>;
  /** The figures as of the previous snapshot (null: none recorded). */
  readonly previous: { readonly day: Day; readonly headline: Headline } | null;
  /** Open deals (rows, for the headline links). */
  readonly openRows: readonly number[];
  readonly closedRows: readonly number[];
  /** The waterfall since the previous snapshot; null with `waterfallNote` when there is none yet. */
  readonly waterfall: {
    readonly startDay: Day;
    readonly lines: readonly WaterfallLine[];
    /** Snapshots rows of the Start snapshot. */
    readonly startRows: readonly number[];
  } | null;
  readonly waterfallNote: string;
  readonly won: readonly ListedDeal[];
  readonly lost: readonly ListedDeal[];
  readonly slipped: readonly ListedDeal[];
  readonly stalled: readonly ListedDeal[];
  readonly overdue: readonly ListedDeal[];
  readonly forecasts: readonly ForecastWindow[];
}

function attempt<T>(fn: () => T): { value: T | null; error: string } {
  try {
    const value = fn();
    return typeof value === 'number' && !Number.isFinite(value)
      ? { value: null, error: 'not a finite number' }
      : { value, error: '' };
  } catch (error) {
    return { value: null, error: error instanceof Error ? error.message : String(error) };
  }
}

const listedOf = (d: Deal, note: string): ListedDeal => ({
  deal: d.name || d.id || `Row ${d.row}`,
  owner: d.owner,
  stage: d.stage ? d.stage.name : d.stageText,
  amount: d.amount,
  row: d.row,
  note,
});

/** The headline figures now, and why any is missing. */
export function headlineOf(pipeline: Pipeline): { headline: Headline; notes: WeeklyReport['headlineNotes'] } {
  const all = { owner: '', window: { start: null, end: null } };
  const figures = {
    openValue: attempt(() => totalValue(pipeline, { stage: null, owner: '' })),
    weightedValue: attempt(() => weightedValue(pipeline, { stage: null, owner: '' })),
    winRate: attempt(() => winRate(pipeline, all)),
    velocity: attempt(() => velocity(pipeline, '')),
  };
  const headline: Headline = {
    openValue: figures.openValue.value,
    weightedValue: figures.weightedValue.value,
    winRate: figures.winRate.value,
    velocity: figures.velocity.value,
  };
  const notes: WeeklyReport['headlineNotes'] = {};
  for (const key of HEADLINE_KEYS) if (figures[key].error) notes[key] = figures[key].error;
  return { headline, notes };
}

/**
 * The report's content for `pipeline` (its snapshots include this week's). `previous` is the
 * headline as of the previous snapshot (the change is measured against it).
 */
export function weeklyReport(
  pipeline: Pipeline,
  previous: { readonly day: Day; readonly headline: Headline } | null,
): WeeklyReport {
  const today = pipeline.today;
  const { headline, notes: headlineNotes } = headlineOf(pipeline);

  const byRow = new Map<number, Deal>();
  for (const d of pipeline.deals) byRow.set(d.row, d);
  const snapshots = pipeline.snapshots ?? [];
  const w = attempt(() => waterfall(pipeline, null, null));
  let report: WeeklyReport['waterfall'] = null;
  const lineDeals = (kind: ChangeKind): ListedDeal[] => {
    const line = w.value ? w.value.lines.find((l) => l.change === kind) : undefined;
    if (!line) return [];
    return line.deals.map((c) => {
      const d = c.row === null ? undefined : byRow.get(c.row);
      return d
        ? { ...listedOf(d, ''), amount: c.amount }
        : {
            deal: c.deal || c.id,
            owner: '',
            stage: '',
            amount: c.amount,
            row: null,
            note: 'no longer in the sheet',
          };
    });
  };
  if (w.value) {
    const startDay = w.value.startDay;
    const startRows = snapshots.filter((r) => r.taken === startDay).map((r) => r.row);
    const snapshotRowOf = new Map<string, number>();
    for (const r of snapshots) if (r.taken === startDay) snapshotRowOf.set(r.dealId || r.deal, r.row);
    report = {
      startDay,
      startRows,
      lines: w.value.lines.map((l) => ({
        change: l.change,
        deals: l.deals.length,
        amount: l.amount,
        listed: lineDeals(l.change).map((x, i) =>
          x.row === null
            ? { ...x, snapshotRow: snapshotRowOf.get(l.deals[i]!.id || l.deals[i]!.deal) ?? null }
            : x,
        ),
      })),
    };
  }
  const find = (kind: ChangeKind) => (report ? report.lines.find((l) => l.change === kind)!.listed : []);

  const stalled = pipeline.deals
    .filter((d) => isOpen(d) && isStalled(d, today))
    .map((d) => ({ d, days: daysInStage(d, today) ?? 0 }))
    .sort((a, b) => b.days - a.days || a.d.row - b.d.row)
    .map(({ d, days }) => listedOf(d, `${days} days in ${d.stage!.name}`));
  const overdue = overdueRows(pipeline, '').map((r) =>
    listedOf(r.deal, r.days === null ? r.problem : `${r.problem} (${r.days} days)`),
  );
  const forecasts: ForecastWindow[] = [
    { label: 'This month', ...monthBounds(today) },
    { label: 'This quarter', ...quarterBounds(today) },
  ].map((win) => {
    const r = attempt(() => forecastRange(pipeline, { start: win.start, end: win.end }));
    const listed = pipeline.deals
      .filter(
        (d) =>
          isOpen(d) && d.expectedClose !== null && d.expectedClose >= win.start && d.expectedClose <= win.end,
      )
      .map((d) => listedOf(d, `${Math.round(probabilityOf(d) * 100)}%`));
    return {
      ...win,
      low: r.value ? r.value.low : null,
      likely: r.value ? r.value.likely : null,
      high: r.value ? r.value.high : null,
      expected: r.value ? r.value.expected : null,
      won: r.value ? r.value.won : null,
      listed,
      ...(r.error ? { error: r.error } : {}),
    };
  });
  const openRows: number[] = [];
  const closedRows: number[] = [];
  for (const d of pipeline.deals) {
    if (isOpen(d)) openRows.push(d.row);
    else if (d.stage) closedRows.push(d.row);
  }
  return {
    today,
    headline,
    headlineNotes,
    previous,
    openRows,
    closedRows,
    waterfall: report,
    waterfallNote: w.error,
    won: find('Won'),
    lost: find('Lost'),
    slipped: find('Slipped'),
    stalled,
    overdue,
    forecasts,
  };
}

/** The headline as stored between reports (document properties). */
export function parseHeadline(text: string | null | undefined): Headline | null {
  if (!text) return null;
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    const n = (k: string): number | null => (typeof raw[k] === 'number' ? (raw[k] as number) : null);
    return {
      openValue: n('openValue'),
      weightedValue: n('weightedValue'),
      winRate: n('winRate'),
      velocity: n('velocity'),
    };
  } catch {
    return null;
  }
}
