import { notFiniteMessage, PipelineError } from '../core/errors';
import { Calendar } from '../core/model/dates';
import { type DealColumns, dealsOf } from '../core/model/dealColumns';
import { type Deal, parseDealColumns } from '../core/model/deals';
import { type HistoryEntry, historyColumns, parseHistory, StagesSeen } from '../core/model/history';
import { learnStages } from '../core/model/learn';
import { parseSnapshots, type SnapshotRow } from '../core/model/snapshots';
import { parseStages, StageSet } from '../core/model/stages';
import { parseTeam, type Team } from '../core/model/team';
import type { Pipeline } from '../core/pipeline';
import type { WorkbookSource } from '../core/source';
import { Arguments, splitArguments } from './args';
import { FUNCTIONS, type FunctionSpec } from './catalog';
import { IMPLEMENTATIONS } from './implementations';

const SPECS = new Map<string, FunctionSpec>(FUNCTIONS.map((f) => [f.name, f]));

/**
 * Runs one custom function as Sheets calls it: tables given as ranges are used as they are (no
 * read of Deals), missing ones are read from the workbook. Returns a number or a 2-D array.
 */
export function runCustomFunction(
  name: string,
  args: readonly unknown[],
  source: WorkbookSource,
  now: Date,
): number | (string | number)[][] {
  const spec = SPECS.get(name);
  const impl = IMPLEMENTATIONS[name];
  if (!spec || !impl) throw new PipelineError(`Unknown function ${name}.`);
  const { tables, rest } = splitArguments(spec, args);
  const calendar = source.calendar ? source.calendar() : new Calendar(source.timeZone());
  const stageRows = source.stages();
  const sheetStages = stageRows ? parseStages(stageRows) : null;

  // Which deals and tables a metric needs depends on which arguments are given, not on the stages.
  const given = new Arguments(spec, rest, calendar, StageSet.defaults());
  const outcomes = impl.outcomes?.(given) ?? undefined;
  // A metric that uses no deal at all (STAGE_DAYS: History alone) does not read the deals sheet.
  const dealRows = tables.deals
    ? { rows: tables.deals, sheet: 'the deals range' }
    : outcomes?.length === 0
      ? null
      : readDeals(source);
  const historyRows =
    spec.tables.includes('history') && !impl.ignoresHistory?.(given)
      ? (tables.history ?? source.history() ?? [])
      : null;
  // Without a Stages sheet the stages are learned from the deals (SPEC §1), alike in both forms,
  // ordered by History only for the functions that take it. A metric of History alone learns
  // them from History's stages (it reads no deals, whether or not a range is given).
  const learnFrom = outcomes?.length === 0 || !dealRows ? historyStageRows(historyRows ?? []) : dealRows.rows;
  const stages = sheetStages ?? learnStages(learnFrom, { history: historyRows }).stages;
  const argv = new Arguments(spec, rest, calendar, stages);
  const sheet = dealRows ? dealRows.sheet : 'Deals';
  const table = dealRows
    ? parseDealColumns(dealRows.rows, stages, calendar, {
        fields: impl.fieldsFor ? impl.fieldsFor(argv) : impl.fields,
        problems: !impl.ignoresProblems,
        required: [...impl.required, ...(impl.requiredBy?.(argv) ?? [])],
        sheet: dealRows.sheet,
        outcomes,
      })
    : null;

  let history: HistoryEntry[] = [];
  let stagesSeen: StagesSeen | undefined;
  if (historyRows) {
    const rows = historyRows;
    if (impl.historyTiming) history = parseHistory(rows, stages, calendar);
    else {
      // Who went where is all "reached" needs: read it without an entry per History row.
      const seen = StagesSeen.fromRows(rows, stages);
      if (seen) stagesSeen = seen;
      else history = parseHistory(rows, stages, calendar, { timing: false });
    }
  }
  let snapshots: SnapshotRow[] | undefined;
  if (spec.tables.includes('snapshots'))
    snapshots = readSnapshots(tables.snapshots, source, stages, calendar);
  let team: Team | null = null;
  const today = calendar.dayOf(now) ?? 0;
  const columns: DealColumns | undefined = table ? table.columns : undefined;
  // Deal objects only for the metrics that still read them, built once on first use.
  let deals: Deal[] | null = columns ? null : [];
  const pipeline: Pipeline = {
    get deals(): Deal[] {
      deals ??= dealsOf(columns!);
      return deals;
    },
    columns,
    problems: table ? table.problems : [],
    stages,
    history,
    stagesSeen,
    today,
    dealTable: { columns: table ? table.map : {}, headers: table ? table.headers : [], sheet },
    snapshots,
    get team(): Team {
      team ??= parseTeam(source.team() ?? []);
      return team;
    },
  };
  const result = impl.run(pipeline, argv);
  if (impl.finiteByConstruction && Array.isArray(result)) return result;
  return finite(result, name);
}

/** History's From and To values as a one-column Stage table: what STAGE_DAYS learns stages from. */
function historyStageRows(rows: readonly (readonly unknown[])[]): unknown[][] {
  const col = historyColumns(rows[0] ?? []);
  const out: unknown[][] = [['Stage']];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (col.from !== undefined) out.push([row[col.from]]);
    if (col.to !== undefined) out.push([row[col.to]]);
  }
  return out;
}

function readDeals(source: WorkbookSource): { rows: unknown[][]; sheet: string } {
  const read = source.deals();
  if (!read) {
    throw new PipelineError(
      'No Deals sheet: run Pipeline › Set up, or pass the deals range (e.g. Deals!A:Q).',
    );
  }
  return read;
}

/** The snapshots table given as a range, else the `Snapshots` sheet; an error naming what is missing. */
function readSnapshots(
  given: unknown[][] | undefined,
  source: WorkbookSource,
  stages: StageSet,
  calendar: Calendar,
): SnapshotRow[] {
  if (given) return parseSnapshots(given, stages, calendar, 'the snapshots range');
  const rows = source.snapshots ? source.snapshots() : null;
  if (!rows) {
    throw new PipelineError(
      'No Snapshots sheet: run Pipeline › Set up (the weekly snapshot then fills it), or pass the snapshots range (e.g. Snapshots!A:H).',
    );
  }
  return parseSnapshots(rows, stages, calendar);
}

/** Last line of defence: a metric is never NaN or Infinity. */
function finite<T extends number | (string | number)[][]>(result: T, name: string): T {
  const bad = (v: unknown) => typeof v === 'number' && !Number.isFinite(v);
  if (bad(result) || (Array.isArray(result) && result.some((row) => row.some(bad)))) {
    throw new PipelineError(notFiniteMessage(name));
  }
  return result;
}
