import { notFiniteMessage, PipelineError } from '../core/errors';
import { loadPipeline } from '../core/loadPipeline';
import { Calendar } from '../core/model/dates';
import { parseStages, StageSet } from '../core/model/stages';
import type { WorkbookSource } from '../core/source';
import { Arguments, splitArguments } from './args';
import { FUNCTIONS, type FunctionSpec } from './catalog';
import { IMPLEMENTATIONS } from './implementations';

const SPECS = new Map<string, FunctionSpec>(FUNCTIONS.map((f) => [f.name, f]));

/**
 * Runs one custom function as Sheets calls it: tables given as ranges are used as they are (no
 * read of Deals), missing ones are read from the workbook. Returns a number or a 2-D array. What
 * is read depends on the function and its arguments; the pipeline is assembled by `loadPipeline`.
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
  const deals = tables.deals
    ? { rows: tables.deals, sheet: 'the deals range' }
    : outcomes?.length === 0
      ? null
      : readDeals(source);
  const history =
    spec.tables.includes('history') && !impl.ignoresHistory?.(given)
      ? (tables.history ?? source.history() ?? [])
      : null;
  const argsWith = (stages: StageSet) => new Arguments(spec, rest, calendar, stages);
  const pipeline = loadPipeline(
    {
      deals,
      stages: sheetStages,
      history,
      snapshots: spec.tables.includes('snapshots')
        ? () => snapshotsTable(tables.snapshots, source)
        : undefined,
      team: () => source.team(),
      calendar,
      today: calendar.dayOf(now) ?? 0,
    },
    {
      outcomes,
      problems: !impl.ignoresProblems,
      historyTiming: impl.historyTiming === true,
      fieldsFor: (stages) => {
        const argv = argsWith(stages);
        return {
          fields: impl.fieldsFor ? impl.fieldsFor(argv) : impl.fields,
          required: [...impl.required, ...(impl.requiredBy?.(argv) ?? [])],
        };
      },
    },
  );
  const result = impl.run(pipeline, argsWith(pipeline.stages));
  if (impl.finiteByConstruction && Array.isArray(result)) return result;
  return finite(result, name);
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
function snapshotsTable(
  given: unknown[][] | undefined,
  source: WorkbookSource,
): { rows: unknown[][]; sheet?: string } {
  if (given) return { rows: given, sheet: 'the snapshots range' };
  const rows = source.snapshots ? source.snapshots() : null;
  if (!rows) {
    throw new PipelineError(
      'No Snapshots sheet: run Pipeline › Set up (the weekly snapshot then fills it), or pass the snapshots range (e.g. Snapshots!A:H).',
    );
  }
  return { rows };
}

/** Last line of defence: a metric is never NaN or Infinity. */
function finite<T extends number | (string | number)[][]>(result: T, name: string): T {
  const bad = (v: unknown) => typeof v === 'number' && !Number.isFinite(v);
  if (bad(result) || (Array.isArray(result) && result.some((row) => row.some(bad)))) {
    throw new PipelineError(notFiniteMessage(name));
  }
  return result;
}
