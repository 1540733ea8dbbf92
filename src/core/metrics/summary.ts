import { notFiniteMessage, PipelineError } from '../errors';
import { DEAL_COLUMNS, type DealField, requireColumns } from '../model/columns';
import { ALL_TIME, type Pipeline, type Table } from '../pipeline';
import { averageWon, cycleDays, velocity, winRate } from './closed';
import { overdueCount } from './overdue';
import { stalledCount } from './stalledTable';
import { countDeals, totalValue, weightedValue } from './totals';

export const SUMMARY_HEADERS = ['Metric', 'Value', 'Note'];

export interface SummaryLine {
  /** The row's label in the table. */
  readonly metric: string;
  /** The custom function whose value the row shows (with no filter). */
  readonly fn: string;
  /** The Deals columns that function requires (as its catalog implementation does). */
  readonly required: readonly DealField[];
  readonly compute: (pipeline: Pipeline) => number;
}

const NO_FILTER = { stage: null, owner: '' };
const EVERYONE = { owner: '', window: ALL_TIME };

/** SPEC §2 PIPELINE_SUMMARY's rows, in order. */
export const SUMMARY_LINES: readonly SummaryLine[] = [
  { metric: 'Open Deals', fn: 'PIPELINE_COUNT', required: [], compute: (p) => countDeals(p, NO_FILTER) },
  {
    metric: 'Open Value',
    fn: 'PIPELINE_VALUE',
    required: ['amount'],
    compute: (p) => totalValue(p, NO_FILTER),
  },
  {
    metric: 'Weighted Value',
    fn: 'PIPELINE_WEIGHTED',
    required: ['amount'],
    compute: (p) => weightedValue(p, NO_FILTER),
  },
  { metric: 'Win Rate', fn: 'PIPELINE_WINRATE', required: [], compute: (p) => winRate(p, EVERYONE) },
  {
    metric: 'Average Deal',
    fn: 'PIPELINE_AVG_DEAL',
    required: ['amount'],
    compute: (p) => averageWon(p, EVERYONE),
  },
  {
    metric: 'Cycle Days',
    fn: 'PIPELINE_CYCLE_DAYS',
    required: ['created', 'closed'],
    compute: (p) => cycleDays(p, EVERYONE),
  },
  {
    metric: 'Velocity',
    fn: 'PIPELINE_VELOCITY',
    required: ['amount', 'created', 'closed'],
    compute: (p) => velocity(p, ''),
  },
  {
    metric: 'Stalled Deals',
    fn: 'PIPELINE_STALLED_COUNT',
    required: [],
    compute: (p) => stalledCount(p, ''),
  },
  { metric: 'Overdue Deals', fn: 'PIPELINE_OVERDUE', required: [], compute: (p) => overdueCount(p, '') },
];

/**
 * PIPELINE_SUMMARY: the headline figures from one parse of the deals. Each row's Value is what its
 * function returns with no filter; where that function would raise an error (a missing column,
 * nothing to measure, a result that is not finite), Value is blank and Note holds the message.
 */
export function summaryTable(pipeline: Pipeline): Table {
  const rows: Table = [SUMMARY_HEADERS.slice()];
  for (const line of SUMMARY_LINES) {
    try {
      checkColumns(pipeline, line.required);
      const value = line.compute(pipeline);
      if (!Number.isFinite(value)) throw new PipelineError(notFiniteMessage(line.fn));
      rows.push([line.metric, value, '']);
    } catch (error) {
      if (!(error instanceof PipelineError)) throw error;
      rows.push([line.metric, '', error.message]);
    }
  }
  return rows;
}

/** The error the function's own parse would raise for a missing required column. */
function checkColumns(pipeline: Pipeline, required: readonly DealField[]): void {
  const table = pipeline.dealTable;
  if (!table || required.length === 0) return;
  requireColumns(
    { index: table.columns, headers: table.headers.slice() },
    required,
    DEAL_COLUMNS,
    table.sheet,
  );
}
