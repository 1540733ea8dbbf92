import { SpreadsheetSource } from '../adapters/workbook';
import type { WorkbookSource } from '../core/source';
import { runCustomFunction } from '../functions/run';

/**
 * Runs a custom function: the build generates one top-level `PIPELINE_*` stub per catalog entry
 * (with its JSDoc) that calls this. The trailing underscore keeps it off `google.script.run`.
 */
export function pipelineRun_(name: string, args: ArrayLike<unknown>): number | (string | number)[][] {
  return runCustomFunction(name, Array.prototype.slice.call(args), workbookSource(), new Date());
}

/**
 * Outside a spreadsheet (Code.js loaded in a bare V8 context, e.g. by a formula engine) there is
 * no SpreadsheetApp: the range form still works with the default stages, in UTC.
 */
function workbookSource(): WorkbookSource {
  if (typeof SpreadsheetApp !== 'undefined')
    return new SpreadsheetSource(SpreadsheetApp.getActiveSpreadsheet());
  return DETACHED;
}

const DETACHED: WorkbookSource = {
  deals: () => null,
  stages: () => null,
  team: () => null,
  history: () => null,
  snapshots: () => null,
  timeZone: () => 'Etc/UTC',
};
