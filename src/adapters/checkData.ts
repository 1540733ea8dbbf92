/**
 * Pipeline › Check data, on the spreadsheet: runs PIPELINE_CHECK (the core `checkTable`) on the
 * deals sheet read once, and turns each problem into an item with a link to its row.
 */
import { PipelineError } from '../core/errors';
import { type CheckItem, checkItems } from '../core/setup/checkReport';
import { runCustomFunction } from '../functions/run';
import { NO_DEALS_SHEET } from './messages';
import { findDealsSheet, SpreadsheetSource } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function checkDeals(ss: Spreadsheet, now: Date): { sheetName: string; items: CheckItem[] } {
  const sheet = findDealsSheet(ss);
  if (!sheet) throw new PipelineError(NO_DEALS_SHEET);
  const table = runCustomFunction('PIPELINE_CHECK', [], new SpreadsheetSource(ss), now);
  if (!Array.isArray(table)) throw new PipelineError('PIPELINE_CHECK did not return a table.');
  return { sheetName: sheet.getName(), items: checkItems(table, ss.getUrl(), sheet.getSheetId()) };
}
