/**
 * The one pipeline loader (issue 10): the tables as read (rows, header first) → the `Pipeline`
 * every metric reads. Custom functions (src/functions/run.ts), the daily check
 * (core/alerts/check.ts) and the core tests' `pipelineOf` (core/testing.ts) all assemble through
 * it, so the unit tests exercise the production assembly: deals as typed columns (objects only
 * when a metric asks), stages from the Stages sheet or learned (SPEC §1), History as who went where
 * or as timed entries, snapshots, and Team read on first use.
 */
import type { DealField } from './model/columns';
import type { Calendar, Day } from './model/dates';
import { type DealColumns, dealsOf } from './model/dealColumns';
import { type Deal, type Problem, parseDealColumns } from './model/deals';
import { type HistoryEntry, historyColumns, parseHistory, StagesSeen } from './model/history';
import { learnStages } from './model/learn';
import { parseSnapshots, type SnapshotRow } from './model/snapshots';
import type { Outcome, StageSet } from './model/stages';
import { parseTeam, type Team } from './model/team';
import type { DealTableShape, Pipeline } from './pipeline';

type Rows = readonly (readonly unknown[])[];

/** What was read: each table as rows, header row first. */
export interface PipelineTables {
  /** The deals table and its name in messages; null: no deals are read (a metric of History alone). */
  readonly deals: { readonly rows: Rows; readonly sheet: string } | null;
  /**
   * The Stages sheet, parsed; null without one: the stages are learned (SPEC §1) from the deals,
   * ordered by History when it was read, or from History's stages when no deals are read.
   */
  readonly stages: StageSet | null;
  /** History; null: not read. */
  readonly history: Rows | null;
  /**
   * The snapshots table and its name in messages (default `Snapshots`), asked for once the deals
   * and History are parsed (so their errors come first); absent: the metric takes no snapshots.
   */
  readonly snapshots?: () => { readonly rows: Rows; readonly sheet?: string };
  /** The Team table (null: none), read on the first use of `pipeline.team`. */
  readonly team: () => Rows | null;
  readonly calendar: Calendar;
  /** Today in the spreadsheet's time zone. */
  readonly today: Day;
}

/** Which deal columns to parse, and which must exist (Stage always is and must). */
export interface DealFields {
  /** Default: every field. */
  readonly fields?: readonly DealField[];
  readonly required?: readonly DealField[];
}

export interface LoadOptions extends DealFields {
  /**
   * Only deals of these outcomes are parsed (default: every deal). None at all (`[]`): a metric of
   * History alone, whose stages are learned from History when there is no Stages sheet.
   */
  readonly outcomes?: readonly Outcome[];
  /** False: no problems are collected (the metric never reads them). Default true. */
  readonly problems?: boolean;
  /**
   * True (default): History entries with their When and Days In Stage. False: only who went where
   * (`StagesSeen`, no entry per row), entries without timing when there are too many stages.
   */
  readonly historyTiming?: boolean;
  /**
   * The deal fields once the stages are known (a function's arguments may name a stage), in
   * place of `fields` and `required`; called once, just before the deals are parsed.
   */
  readonly fieldsFor?: (stages: StageSet) => DealFields;
}

/** A loaded pipeline: its deals table's shape is always known (what `parseDeals` also tells). */
export interface LoadedPipeline extends Pipeline {
  readonly deals: Deal[];
  readonly problems: Problem[];
  readonly dealTable: DealTableShape & { readonly headers: string[]; readonly usesStatus: boolean };
}

export function loadPipeline(tables: PipelineTables, options: LoadOptions = {}): LoadedPipeline {
  const { calendar } = tables;
  const dealRows = tables.deals;
  const historyRows = tables.history;
  const outcomes = options.outcomes;
  // Without a Stages sheet the stages are learned from the deals (SPEC §1), ordered by History
  // when it was read. A metric of History alone learns them from History's stages.
  const learnFrom = outcomes?.length === 0 || !dealRows ? historyStageRows(historyRows ?? []) : dealRows.rows;
  const stages = tables.stages ?? learnStages(learnFrom, { history: historyRows }).stages;
  const sheet = dealRows ? dealRows.sheet : 'Deals';
  let table: ReturnType<typeof parseDealColumns> | null = null;
  if (dealRows) {
    const chosen: DealFields = options.fieldsFor ? options.fieldsFor(stages) : options;
    table = parseDealColumns(dealRows.rows, stages, calendar, {
      fields: chosen.fields,
      problems: options.problems !== false,
      required: chosen.required,
      sheet,
      outcomes,
    });
  }

  let history: HistoryEntry[] = [];
  let stagesSeen: StagesSeen | undefined;
  if (historyRows) {
    if (options.historyTiming !== false) history = parseHistory(historyRows, stages, calendar);
    else {
      // Who went where is all "reached" needs: read it without an entry per History row.
      const seen = StagesSeen.fromRows(historyRows, stages);
      if (seen) stagesSeen = seen;
      else history = parseHistory(historyRows, stages, calendar, { timing: false });
    }
  }
  let snapshots: SnapshotRow[] | undefined;
  if (tables.snapshots) {
    const read = tables.snapshots();
    snapshots = parseSnapshots(read.rows, stages, calendar, read.sheet);
  }
  const columns: DealColumns | undefined = table ? table.columns : undefined;
  // Deal objects only for the metrics that still read them, built once on first use.
  let deals: Deal[] | null = columns ? null : [];
  let team: Team | null = null;
  const readTeam = tables.team;
  return {
    get deals(): Deal[] {
      deals ??= dealsOf(columns!);
      return deals;
    },
    columns,
    problems: table ? table.problems : [],
    stages,
    history,
    stagesSeen,
    today: tables.today,
    dealTable: {
      columns: table ? table.map : {},
      headers: table ? table.headers : [],
      sheet,
      usesStatus: table ? table.usesStatus : false,
    },
    snapshots,
    get team(): Team {
      team ??= parseTeam(readTeam() ?? []);
      return team;
    },
  };
}

/** History's From and To values as a one-column Stage table: what a metric of History alone learns stages from. */
function historyStageRows(rows: Rows): unknown[][] {
  const col = historyColumns(rows[0] ?? []);
  const out: unknown[][] = [['Stage']];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (col.from !== undefined) out.push([row[col.from]]);
    if (col.to !== undefined) out.push([row[col.to]]);
  }
  return out;
}
