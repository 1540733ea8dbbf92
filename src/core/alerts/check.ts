/**
 * The daily check's decisions, from tables already read: the flags to write, the stalls nobody
 * was told about, the digests to queue and the remembered state after this run.
 */
import { loadPipeline } from '../loadPipeline';
import type { Calendar, Day } from '../model/dates';
import type { DealTable } from '../model/deals';
import type { StageSet } from '../model/stages';
import type { Team } from '../model/team';
import type { Pipeline } from '../pipeline';
import { groupNewStalls } from './digest';
import { type BlockLayout, type FlagPlan, flagDay, planFlags } from './flags';
import { dueFollowUps, type FollowUpInfo, newFollowUps, pruneFollowUps, splitAlerted } from './followups';
import {
  type Alerted,
  capAlerted,
  dealKeys,
  enqueue,
  MAX_ALERTED_BYTES,
  newStalls,
  type PendingDigest,
  pruneAlerted,
  readdress,
  type StallInfo,
} from './state';

export interface CheckInput {
  /** The deals table as read (header first). */
  readonly rows: readonly (readonly unknown[])[];
  readonly sheet: string;
  /** The workbook's stages (the context's: the Stages sheet, else the defaults). */
  readonly stages: StageSet;
  readonly team: readonly (readonly unknown[])[] | null;
  readonly calendar: Calendar;
  readonly today: Day;
  readonly alerted: Alerted;
  readonly pending: readonly PendingDigest[];
  /** Manager address ('' or null: no summary). */
  readonly manager: string | null;
  readonly maxAlertedBytes?: number;
}

export interface CheckPlan {
  /** The deals as the one loader assembled them (no History): the weekly report reads it too. */
  readonly pipeline: Pipeline;
  readonly table: DealTable;
  readonly team: Team;
  readonly flags: FlagPlan;
  /** Every stalled deal today. */
  readonly stalls: readonly StallInfo[];
  /** Stalled deals and due follow-ups by key (to resolve queued digests). */
  readonly current: ReadonlyMap<string, StallInfo>;
  /** Stalls nobody was told about before this run. */
  readonly fresh: readonly StallInfo[];
  /** Every follow-up due today (next step due or past, close date passed), snoozed left out. */
  readonly followUps: readonly FollowUpInfo[];
  /** Follow-ups nobody was told about with their current date. */
  readonly freshFollowUps: readonly FollowUpInfo[];
  readonly alerted: Alerted;
  readonly pending: PendingDigest[];
  readonly unaddressed: number;
  /** Where ID, Deal and Stalled Since sit (null without a Stalled Since column). */
  readonly block: { readonly first: number; readonly width: number; readonly layout: BlockLayout } | null;
}

export function planCheck(input: CheckInput): CheckPlan {
  // Assembled as the custom functions are (every field read, problems collected).
  const pipeline = loadPipeline({
    deals: { rows: input.rows, sheet: input.sheet },
    stages: input.stages,
    history: null,
    team: () => input.team,
    calendar: input.calendar,
    today: input.today,
  });
  const shape = pipeline.dealTable;
  const table: DealTable = {
    deals: pipeline.deals,
    problems: pipeline.problems,
    columns: shape.columns,
    headers: shape.headers,
    usesStatus: shape.usesStatus,
  };
  const team = pipeline.team;
  const stalledCol = table.columns.stalledSince ?? -1;
  const flags = planFlags(table.deals, input.rows, stalledCol, input.today, input.calendar);
  const keys = dealKeys(table.deals);
  const stalls: StallInfo[] = [];
  const current = new Map<string, StallInfo>();
  flags.entries.forEach((entry, i) => {
    if (entry.since === null) return;
    const deal = table.deals[i]!;
    const info = { key: keys.get(deal)!, deal, since: entry.since };
    stalls.push(info);
    current.set(info.key, info);
  });
  const prior = (row: number): Day | null =>
    stalledCol < 0 ? null : flagDay(input.rows[row - 1]?.[stalledCol], input.calendar);
  const memory = splitAlerted(input.alerted);
  const fresh = newStalls(stalls, memory.stalls, (deal) => prior(deal.row));
  const followUps = dueFollowUps(table.deals, keys, input.today);
  const freshFollowUps = newFollowUps(followUps, memory.followUps);
  for (const f of followUps) current.set(f.key, f);
  // One digest per owner: the stalls first (they are listed before follow-ups when over the cap).
  const grouped = groupNewStalls([...fresh, ...freshFollowUps], team, input.manager || null);
  // Owners who had no address and have one now: their waiting digests are addressed.
  const pending = enqueue(
    readdress(input.pending, (owner) => team.emailOf(owner)),
    grouped.digests,
  );
  const stallsKept = pruneAlerted(
    new Map([...memory.stalls, ...fresh.map((s) => [s.key, s.since] as const)]),
    table.deals,
    keys,
    input.today,
    Number.POSITIVE_INFINITY,
  );
  const followKept = pruneFollowUps(
    new Map([...memory.followUps, ...freshFollowUps.map((f) => [f.key, f.since] as const)]),
    table.deals,
    keys,
  );
  const alerted = capAlerted([...stallsKept, ...followKept], input.maxAlertedBytes ?? MAX_ALERTED_BYTES);
  return {
    pipeline,
    table,
    team,
    flags,
    stalls,
    current,
    fresh,
    followUps,
    freshFollowUps,
    alerted,
    pending,
    unaddressed: waitingForAddress(pending),
    block: blockOf(table, stalledCol),
  };
}

function blockOf(table: DealTable, stalledCol: number): CheckPlan['block'] {
  if (stalledCol < 0) return null;
  const id = table.columns.id ?? -1;
  const name = table.columns.deal ?? -1;
  const used = [id, name, stalledCol].filter((c) => c >= 0);
  const first = Math.min(...used);
  const last = Math.max(...used);
  const rel = (c: number) => (c < 0 ? -1 : c - first);
  const header = (c: number) => (c < 0 ? '' : (table.headers[c] ?? ''));
  return {
    first,
    width: last - first + 1,
    layout: {
      id: rel(id),
      name: rel(name),
      stalled: rel(stalledCol),
      headers: { id: header(id), name: header(name), stalled: header(stalledCol) },
    },
  };
}

/** Stalled deals whose digest waits for their owner's address. */
export function waitingForAddress(queue: readonly PendingDigest[]): number {
  let n = 0;
  for (const d of queue) if (!d.manager && d.to === '') n += d.items.length + d.more;
  return n;
}
