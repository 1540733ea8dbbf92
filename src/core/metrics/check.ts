import { isWon } from '../model/deals';
import type { Pipeline, Table } from '../pipeline';

export const CHECK_HEADERS = ['Row', 'Deal', 'Problem'];

/**
 * PIPELINE_CHECK: every row the metrics had to skip or doubt — what parsing reported (unknown
 * stage, unreadable amount or date, lost without a reason) plus closed before created, won without
 * Closed, duplicate ID.
 */
export function checkTable(pipeline: Pipeline): Table {
  const found = pipeline.problems.map((p) => ({ ...p }));
  const firstRowOfId = new Map<string, number>();
  for (const deal of pipeline.deals) {
    const label = deal.name || deal.id;
    if (deal.closed !== null && deal.created !== null && deal.closed < deal.created) {
      found.push({ row: deal.row, deal: label, problem: 'Closed is before Created' });
    }
    // A negative Amount is read (it is the team's data: a refund, a credit) but is doubtful.
    if (deal.amount !== null && deal.amount < 0) {
      found.push({ row: deal.row, deal: label, problem: 'Negative amount' });
    }
    if (isWon(deal) && deal.closed === null) {
      found.push({ row: deal.row, deal: label, problem: 'Won without a Closed date' });
    }
    if (deal.id !== '') {
      const first = firstRowOfId.get(deal.id);
      if (first === undefined) firstRowOfId.set(deal.id, deal.row);
      else found.push({ row: deal.row, deal: label, problem: `Duplicate ID ${deal.id} (also row ${first})` });
    }
  }
  found.sort((a, b) => a.row - b.row);
  return [CHECK_HEADERS.slice(), ...found.map((p) => [p.row, p.deal, p.problem])];
}
