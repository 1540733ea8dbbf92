import { SpreadsheetSource } from '../adapters/workbook';
import { runCustomFunction } from '../functions/run';

/**
 * Runs a custom function: the build generates one top-level `PIPELINE_*` stub per catalog entry
 * (with its JSDoc) that calls this. The trailing underscore keeps it off `google.script.run`.
 */
export function pipelineRun_(name: string, args: unknown[]): number | (string | number)[][] {
  return runCustomFunction(
    name,
    args,
    new SpreadsheetSource(SpreadsheetApp.getActiveSpreadsheet()),
    new Date(),
  );
}
