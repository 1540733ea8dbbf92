import { PipelineError } from '../core/errors';
import { calibrationTable } from '../core/metrics/calibration';
import { changesTable } from '../core/metrics/changes';
import { checkTable } from '../core/metrics/check';
import { averageWon, cycleDays, velocity, winRate } from '../core/metrics/closed';
import { forecastMonth, forecastTable } from '../core/metrics/forecast';
import { forecastAccuracyTable, monthsArgument } from '../core/metrics/forecastAccuracy';
import { type Basis, forecastRangeTable, type QuotaArgument } from '../core/metrics/forecastRange';
import { conversion, funnel, stageDays, stageProbability } from '../core/metrics/funnel';
import { overdueTable } from '../core/metrics/overdue';
import { attainment, coverage } from '../core/metrics/quota';
import { stalledCount, stalledTable } from '../core/metrics/stalledTable';
import { summaryTable } from '../core/metrics/summary';
import { countDeals, totalValue, weightedValue } from '../core/metrics/totals';
import type { DealField } from '../core/model/columns';
import type { Outcome } from '../core/model/stages';
import { quote } from '../core/model/text';
import type { Pipeline, Table } from '../core/pipeline';
import type { Arguments } from './args';

export interface Implementation {
  /** Deal fields the function reads (others are not parsed: speed on 100k rows). */
  readonly fields: readonly DealField[];
  /**
   * The fields these arguments read, when fewer than `fields`: a metric does not pay for parsing
   * columns its result cannot depend on (a blank owner filter reads no Owner, no window no Closed).
   * Problems are not reported from these parses (PIPELINE_CHECK reads every field).
   */
  readonly fieldsFor?: (args: Arguments) => readonly DealField[];
  /** Deal columns that must exist. */
  readonly required: readonly DealField[];
  /**
   * Columns the arguments make necessary: a period is measured on a date column, and without
   * that column no deal could fall in it (a silent 0 or a misleading "nothing in this period").
   */
  readonly requiredBy?: (args: Arguments) => readonly DealField[];
  /**
   * Which deals the metric can use, by outcome; rows of other stages are not even parsed.
   * Absent: every row (CHECK, the funnel, anything that must see all deals).
   */
  readonly outcomes?: (args: Arguments) => readonly Outcome[] | null;
  /** The function takes a history argument but these arguments use none of it: History is not read. */
  readonly ignoresHistory?: (args: Arguments) => boolean;
  /** Whether History's When and Days In Stage are needed (default: only who went where). */
  readonly historyTiming?: boolean;
  readonly run: (pipeline: Pipeline, args: Arguments) => number | Table;
  /**
   * The table's numbers are copied from parsed cells (finite by parsing) or are differences of
   * day numbers, never sums or ratios: no per-cell finiteness check is needed on the way out.
   */
  readonly finiteByConstruction?: boolean;
  /** The metric never reads `pipeline.problems`: the parse collects none (nor their labels). */
  readonly ignoresProblems?: boolean;
}

/** Open deals, unless a stage filter asks for the deals in one stage (of any outcome). */
const openUnlessStage = (a: Arguments): Outcome[] | null => (a.has('stage') ? null : ['Open']);
const CLOSED_DEALS = (): Outcome[] => ['Won', 'Lost'];
const WON = (): Outcome[] => ['Won'];

const BASE: DealField[] = ['id', 'deal', 'owner', 'stage'];
const VALUE: DealField[] = [...BASE, 'amount', 'probability'];
const CLOSED: DealField[] = [...BASE, 'amount', 'created', 'closed'];
const WIN: DealField[] = [...BASE, 'closed'];
const STALL: DealField[] = [...BASE, 'amount', 'created', 'stageEntered', 'lastActivity', 'snoozedUntil'];

const OVERDUE: DealField[] = [...BASE, 'amount', 'expectedClose', 'nextStep', 'nextStepDate', 'snoozedUntil'];

const hasWindow = (a: Arguments): boolean => a.has('start') || a.has('end');
/** The fields named, plus Owner with an owner filter and Closed with a window. */
const reads =
  (...fields: DealField[]) =>
  (a: Arguments): DealField[] => [
    'stage',
    ...fields,
    ...(a.has('owner') ? (['owner'] as const) : []),
    ...(a.takes('start') && hasWindow(a) ? (['closed'] as const) : []),
  ];
/** Closed deals are placed in a period by their Closed date. */
const CLOSED_IN_WINDOW = (a: Arguments): DealField[] => (hasWindow(a) ? ['closed'] : []);

/** FORECAST_RANGE's basis: blank for each deal's own (else its stage's) probability, or `history`. */
function basisOf(a: Arguments): Basis {
  const text = a.text('basis').trim();
  if (text === '') return 'set';
  if (text.toLowerCase() === 'history') return 'history';
  throw new PipelineError(
    `basis ${quote(text)} is not known: leave it blank for each deal's own probability (else its stage's), or use "history" for the stages' historical win rates.`,
  );
}

/** FORECAST_RANGE's quota: blank for none (the table keeps its four columns), an amount, or "team". */
function quotaOf(a: Arguments): QuotaArgument | null {
  if (!a.has('quota')) return null;
  const text = a.text('quota').trim();
  if (text.toLowerCase() === 'team') return { kind: 'team' };
  const amount = a.number('quota');
  return amount === null ? null : { kind: 'amount', amount };
}

const stageOwner = (a: Arguments) => ({ stage: a.stage('stage'), owner: a.text('owner') });
const ownerWindow = (a: Arguments) => ({ owner: a.text('owner'), window: a.window() });

export const IMPLEMENTATIONS: Record<string, Implementation> = {
  PIPELINE_COUNT: {
    ignoresProblems: true,
    fieldsFor: reads(),
    fields: BASE,
    required: [],
    outcomes: openUnlessStage,
    run: (p, a) => countDeals(p, stageOwner(a)),
  },
  PIPELINE_VALUE: {
    ignoresProblems: true,
    fieldsFor: reads('amount'),
    fields: VALUE,
    required: ['amount'],
    outcomes: openUnlessStage,
    run: (p, a) => totalValue(p, stageOwner(a)),
  },
  PIPELINE_WEIGHTED: {
    ignoresProblems: true,
    fieldsFor: reads('amount', 'probability'),
    fields: VALUE,
    required: ['amount'],
    outcomes: openUnlessStage,
    run: (p, a) => weightedValue(p, stageOwner(a)),
  },
  PIPELINE_WINRATE: {
    ignoresProblems: true,
    fieldsFor: reads(),
    fields: WIN,
    required: [],
    outcomes: CLOSED_DEALS,
    requiredBy: CLOSED_IN_WINDOW,
    run: (p, a) => winRate(p, ownerWindow(a)),
  },
  PIPELINE_AVG_DEAL: {
    ignoresProblems: true,
    fieldsFor: reads('amount'),
    fields: CLOSED,
    required: ['amount'],
    outcomes: WON,
    requiredBy: CLOSED_IN_WINDOW,
    run: (p, a) => averageWon(p, ownerWindow(a)),
  },
  PIPELINE_CYCLE_DAYS: {
    ignoresProblems: true,
    fieldsFor: reads('created', 'closed'),
    fields: CLOSED,
    outcomes: WON,
    required: ['created', 'closed'],
    run: (p, a) => cycleDays(p, ownerWindow(a)),
  },
  PIPELINE_VELOCITY: {
    ignoresProblems: true,
    fields: CLOSED,
    required: ['amount', 'created', 'closed'],
    run: (p, a) => velocity(p, a.text('owner')),
  },
  PIPELINE_STALLED: {
    ignoresProblems: true,
    fields: STALL,
    required: [],
    outcomes: () => ['Open'],
    run: (p, a) => stalledTable(p, a.text('owner')),
    finiteByConstruction: true,
  },
  PIPELINE_STALLED_COUNT: {
    ignoresProblems: true,
    fieldsFor: reads('created', 'stageEntered', 'lastActivity', 'snoozedUntil'),
    fields: STALL,
    required: [],
    outcomes: () => ['Open'],
    run: (p, a) => stalledCount(p, a.text('owner')),
  },
  PIPELINE_FUNNEL: { fields: VALUE, required: [], ignoresProblems: true, run: (p) => funnel(p) },
  PIPELINE_CONVERSION: {
    ignoresProblems: true,
    fields: BASE,
    required: [],
    run: (p, a) => conversion(p, a.requiredStage('from'), a.requiredStage('to')),
  },
  PIPELINE_STAGE_DAYS: {
    fields: BASE,
    required: [],
    // Measured from History alone: no deal needs parsing.
    outcomes: () => [],
    historyTiming: true,
    run: (p, a) => stageDays(p, a.requiredStage('stage')),
  },
  PIPELINE_FORECAST: {
    ignoresProblems: true,
    fields: [...VALUE, 'expectedClose', 'closed'],
    outcomes: () => ['Open', 'Won'],
    required: ['amount'],
    // A month is measured on Expected Close; the table puts deals without one under No date.
    requiredBy: (a) => (a.has('month') ? ['expectedClose'] : []),
    run: (p, a) => {
      const month = a.month('month');
      return month === null ? forecastTable(p) : forecastMonth(p, month);
    },
  },
  PIPELINE_ATTAINMENT: {
    fields: [...BASE, 'amount', 'closed'],
    outcomes: WON,
    required: ['amount'],
    requiredBy: CLOSED_IN_WINDOW,
    run: (p, a) => attainment(p, a.number('quota'), ownerWindow(a)),
  },
  PIPELINE_COVERAGE: {
    fields: [...BASE, 'amount', 'closed', 'expectedClose'],
    outcomes: () => ['Open', 'Won'],
    required: ['amount'],
    requiredBy: (a) => (hasWindow(a) ? ['expectedClose', 'closed'] : []),
    run: (p, a) => coverage(p, a.number('quota'), ownerWindow(a)),
  },
  PIPELINE_STAGE_PROBABILITY: {
    ignoresProblems: true,
    fields: BASE,
    required: [],
    run: (p, a) => stageProbability(p, a.requiredStage('stage')),
  },
  PIPELINE_SUMMARY: {
    fields: [...new Set<DealField>([...VALUE, ...CLOSED, ...STALL, ...OVERDUE])],
    // Every figure is measured (and every missing column reported per row) from this one parse.
    required: [],
    ignoresHistory: () => true,
    run: (p) => summaryTable(p),
  },
  PIPELINE_OVERDUE: {
    fields: OVERDUE,
    required: [],
    outcomes: () => ['Open'],
    run: (p, a) => overdueTable(p, a.text('owner')),
    finiteByConstruction: true,
  },
  PIPELINE_FORECAST_RANGE: {
    fields: [...VALUE, 'expectedClose', 'closed'],
    required: ['amount'],
    // The set basis needs the open deals and the won ones; the history basis every closed deal too.
    outcomes: (a) => (basisOf(a) === 'history' ? null : ['Open', 'Won']),
    requiredBy: (a) => (hasWindow(a) ? ['expectedClose', 'closed'] : []),
    ignoresHistory: (a) => basisOf(a) !== 'history',
    run: (p, a) => forecastRangeTable(p, a.window(), basisOf(a), quotaOf(a)),
  },
  PIPELINE_CALIBRATION: { fields: BASE, required: [], run: (p) => calibrationTable(p) },
  PIPELINE_CHANGES: {
    fields: [...BASE, 'amount', 'expectedClose'],
    // Ending now measures the deals' Amount; ending at a snapshot needs only their outcome.
    required: [],
    requiredBy: (a) => (a.has('to') ? [] : ['amount']),
    run: (p, a) => {
      const from = a.date('from');
      const to = a.date('to');
      return changesTable(p, from, to);
    },
  },
  PIPELINE_FORECAST_ACCURACY: {
    fields: [...BASE, 'amount', 'closed'],
    required: ['amount', 'closed'],
    outcomes: WON,
    run: (p, a) => forecastAccuracyTable(p, monthsArgument(a.number('months'))),
  },
  PIPELINE_CHECK: {
    fields: [
      'id',
      'deal',
      'owner',
      'stage',
      'amount',
      'probability',
      'created',
      'stageEntered',
      'expectedClose',
      'closed',
      'lastActivity',
      'snoozedUntil',
      'stalledSince',
      'lostReason',
    ],
    required: [],
    run: (p) => checkTable(p),
    finiteByConstruction: true,
  },
};
