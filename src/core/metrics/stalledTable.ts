import type { Pipeline, Table } from '../pipeline';
import { byOwner } from './filters';
import { daysInStage, isStalled } from './stalled';

export const STALLED_HEADERS = ['Deal', 'Owner', 'Stage', 'Days In Stage', 'Amount'];

/** PIPELINE_STALLED: stalled open deals, most days in stage first (ties: sheet order). */
export function stalledTable(pipeline: Pipeline, owner: string): Table {
  const today = pipeline.today;
  const rows = byOwner(pipeline, owner)
    .filter((d) => isStalled(d, today))
    .map((d) => ({ deal: d, days: daysInStage(d, today) }))
    .sort((a, b) => (b.days ?? -1) - (a.days ?? -1) || a.deal.row - b.deal.row)
    .map(({ deal, days }) => [deal.name, deal.owner, deal.stage!.name, days ?? '', deal.amount ?? '']);
  return [STALLED_HEADERS.slice(), ...rows];
}

/** PIPELINE_STALLED_COUNT */
export function stalledCount(pipeline: Pipeline, owner: string): number {
  return byOwner(pipeline, owner).filter((d) => isStalled(d, pipeline.today)).length;
}
