import { NO_DAY, WON } from '../model/dealColumns';
import type { Pipeline, Table } from '../pipeline';
import { columnsOf } from './filters';

export const CHECK_HEADERS = ['Row', 'Deal', 'Problem'];

/**
 * PIPELINE_CHECK: every row the metrics had to skip or doubt — what parsing reported (unknown
 * stage, unreadable amount or date, lost without a reason) plus closed before created, won without
 * Closed, duplicate ID.
 */
export function checkTable(pipeline: Pipeline): Table {
  const found = pipeline.problems.map((p) => ({ ...p }));
  const firstRowOfId = new Map<string, number>();
  const c = columnsOf(pipeline);
  for (let i = 0; i < c.length; i++) {
    const row = c.row[i]!;
    const id = c.id(i);
    const label = c.name(i) || id;
    const created = c.created[i]!;
    const closed = c.closed[i]!;
    if (closed !== NO_DAY && created !== NO_DAY && closed < created) {
      found.push({ row, deal: label, problem: 'Closed is before Created' });
    }
    // A negative Amount is read (it is the team's data: a refund, a credit) but is doubtful.
    if (c.amount[i]! < 0) found.push({ row, deal: label, problem: 'Negative amount' });
    const s = c.stage[i]!;
    if (s >= 0 && c.outcome[s] === WON && closed === NO_DAY) {
      found.push({ row, deal: label, problem: 'Won without a Closed date' });
    }
    if (id !== '') {
      const first = firstRowOfId.get(id);
      if (first === undefined) firstRowOfId.set(id, row);
      else found.push({ row, deal: label, problem: `Duplicate ID ${id} (also row ${first})` });
    }
  }
  found.sort((a, b) => a.row - b.row);
  return [CHECK_HEADERS.slice(), ...found.map((p) => [p.row, p.deal, p.problem])];
}
