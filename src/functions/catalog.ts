/**
 * The one list of custom functions: names, arguments and descriptions. The build generates each
 * function's `@customfunction` JSDoc and top-level stub from it, the README's function reference
 * comes from it, and the tests walk it. Keep it free of imports so the build can load it alone.
 */

export type TableKind = 'deals' | 'history' | 'snapshots';
export type ParamType = 'text' | 'number' | 'date' | 'month';

export interface ParamSpec {
  readonly name: string;
  readonly type: ParamType;
  readonly description: string;
  /** A required argument may still be blank when the description says what blank means. */
  readonly optional: boolean;
}

export interface FunctionSpec {
  readonly name: string;
  readonly description: string;
  /** Tables taken (each optional) before the other arguments, in this order. */
  readonly tables: readonly TableKind[];
  readonly params: readonly ParamSpec[];
  readonly returns: { readonly kind: 'number' | 'table' | 'number or table'; readonly description: string };
  readonly example: string;
}

const DEALS = 'deals';
const TABLE_DOC: Record<TableKind, string> = {
  deals: 'The deals table with its header row, e.g. DEALS or Deals!A:Q. Leave out to read the Deals sheet.',
  history:
    'The History table with its header row, e.g. HISTORY or History!A:H. Leave out to read the History sheet.',
  snapshots:
    'The Snapshots table with its header row, e.g. SNAPSHOTS or Snapshots!A:H. Leave out to read the Snapshots sheet.',
};
export function tableDescription(kind: TableKind): string {
  return TABLE_DOC[kind];
}

const stage = (description: string, optional = true): ParamSpec => ({
  name: 'stage',
  type: 'text',
  description,
  optional,
});
const owner: ParamSpec = {
  name: 'owner',
  type: 'text',
  description: 'Only deals of this owner (a name or an email from Team); blank for everyone.',
  optional: true,
};
const start: ParamSpec = {
  name: 'start',
  type: 'date',
  description: 'First day of the period (a date or 2026-01-01), inclusive; blank for no start.',
  optional: true,
};
const end: ParamSpec = {
  name: 'end',
  type: 'date',
  description: 'Last day of the period, inclusive; blank for no end.',
  optional: true,
};
const quota = (what: string): ParamSpec => ({
  name: 'quota',
  type: 'number',
  description: `The quota to measure against; blank for ${what}.`,
  optional: false,
});

export const FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: 'PIPELINE_COUNT',
    description: 'Number of open deals; with a stage, the number of deals now in that stage.',
    tables: [DEALS],
    params: [stage('Count only deals now in this stage; blank for all open deals.'), owner],
    returns: { kind: 'number', description: 'A count of deals.' },
    example: '=PIPELINE_COUNT(DEALS, "Proposal")',
  },
  {
    name: 'PIPELINE_VALUE',
    description: 'Total Amount of the open deals (or of the deals now in a stage).',
    tables: [DEALS],
    params: [stage('Only deals now in this stage; blank for all open deals.'), owner],
    returns: { kind: 'number', description: 'A sum of Amounts.' },
    example: '=PIPELINE_VALUE(DEALS, "", "Ana")',
  },
  {
    name: 'PIPELINE_WEIGHTED',
    description:
      "Sum of Amount × probability over open deals; a deal's own Probability wins over its stage's.",
    tables: [DEALS],
    params: [stage('Only deals now in this stage; blank for all open deals.'), owner],
    returns: { kind: 'number', description: 'The probability-weighted value.' },
    example: '=PIPELINE_WEIGHTED(DEALS)',
  },
  {
    name: 'PIPELINE_WINRATE',
    description: 'Won ÷ (won + lost) by count, over deals whose Closed date is in the period.',
    tables: [DEALS],
    params: [owner, start, end],
    returns: { kind: 'number', description: 'A fraction from 0 to 1 (format the cell as %).' },
    example: '=PIPELINE_WINRATE(DEALS, "", DATE(2026,1,1), DATE(2026,12,31))',
  },
  {
    name: 'PIPELINE_AVG_DEAL',
    description: 'Mean Amount of the won deals closed in the period.',
    tables: [DEALS],
    params: [owner, start, end],
    returns: { kind: 'number', description: 'The average won Amount.' },
    example: '=PIPELINE_AVG_DEAL(DEALS)',
  },
  {
    name: 'PIPELINE_CYCLE_DAYS',
    description: 'Mean days from Created to Closed over the won deals closed in the period.',
    tables: [DEALS],
    params: [owner, start, end],
    returns: { kind: 'number', description: 'Days.' },
    example: '=PIPELINE_CYCLE_DAYS(DEALS, "Ana")',
  },
  {
    name: 'PIPELINE_VELOCITY',
    description: 'Pipeline velocity: open deals × average won Amount × win rate ÷ average cycle days.',
    tables: [DEALS],
    params: [owner],
    returns: { kind: 'number', description: 'Money per day.' },
    example: '=PIPELINE_VELOCITY(DEALS)',
  },
  {
    name: 'PIPELINE_STALLED',
    description: 'Table of stalled open deals (Deal, Owner, Stage, Days In Stage, Amount), most days first.',
    tables: [DEALS],
    params: [owner],
    returns: { kind: 'table', description: 'A table with a header row.' },
    example: '=PIPELINE_STALLED(DEALS)',
  },
  {
    name: 'PIPELINE_STALLED_COUNT',
    description: "Number of stalled open deals: past their stage's Stalled After days and not snoozed.",
    tables: [DEALS],
    params: [owner],
    returns: { kind: 'number', description: 'A count of deals.' },
    example: '=PIPELINE_STALLED_COUNT(DEALS, "Ana")',
  },
  {
    name: 'PIPELINE_FUNNEL',
    description:
      'Table per open stage: Open Deals, Open Value, Weighted Value, Reached, and Conversion to the next stage.',
    tables: [DEALS, 'history'],
    params: [],
    returns: { kind: 'table', description: 'A table with a header row.' },
    example: '=PIPELINE_FUNNEL(DEALS, HISTORY)',
  },
  {
    name: 'PIPELINE_CONVERSION',
    description: 'Of the deals that ever entered one stage, the share that later entered another.',
    tables: [DEALS, 'history'],
    params: [
      { name: 'from', type: 'text', description: 'The stage deals entered.', optional: false },
      { name: 'to', type: 'text', description: 'The later stage (e.g. Won).', optional: false },
    ],
    returns: { kind: 'number', description: 'A fraction from 0 to 1.' },
    example: '=PIPELINE_CONVERSION(DEALS, HISTORY, "Proposal", "Won")',
  },
  {
    name: 'PIPELINE_STAGE_DAYS',
    description: 'Mean days of completed stays in a stage, from History.',
    tables: [DEALS, 'history'],
    params: [stage('The stage.', false)],
    returns: { kind: 'number', description: 'Days.' },
    example: '=PIPELINE_STAGE_DAYS(DEALS, HISTORY, "Proposal")',
  },
  {
    name: 'PIPELINE_FORECAST',
    description:
      'With a month: Σ Amount × probability of open deals expected to close then. Without: a table by month.',
    tables: [DEALS],
    params: [
      {
        name: 'month',
        type: 'month',
        description: 'A date in the month, or text like 2026-12; blank for the table by month.',
        optional: true,
      },
    ],
    returns: {
      kind: 'number or table',
      description: 'The weighted forecast, or a table Month, Open Deals, Value, Weighted, Won.',
    },
    example: '=PIPELINE_FORECAST(DEALS, "2026-12")',
  },
  {
    name: 'PIPELINE_ATTAINMENT',
    description: 'Amount won in the period ÷ quota.',
    tables: [DEALS],
    params: [quota("the owner's (or the whole team's) quota from Team"), owner, start, end],
    returns: { kind: 'number', description: 'A fraction (1 = quota met).' },
    example: '=PIPELINE_ATTAINMENT(DEALS, 50000, "Ana", DATE(2026,10,1), DATE(2026,12,31))',
  },
  {
    name: 'PIPELINE_COVERAGE',
    description: 'Open Amount expected to close in the period ÷ (quota − Amount won in it).',
    tables: [DEALS],
    params: [quota("the owner's (or the whole team's) quota from Team"), owner, start, end],
    returns: { kind: 'number', description: 'Pipeline coverage (e.g. 3 = three times the gap).' },
    example: '=PIPELINE_COVERAGE(DEALS, 50000, "", DATE(2026,10,1), DATE(2026,12,31))',
  },
  {
    name: 'PIPELINE_STAGE_PROBABILITY',
    description: 'Historical chance that a deal in a stage is won: won ÷ (won + lost deals that reached it).',
    tables: [DEALS, 'history'],
    params: [stage('The stage.', false)],
    returns: { kind: 'number', description: 'A fraction from 0 to 1.' },
    example: '=PIPELINE_STAGE_PROBABILITY(DEALS, HISTORY, "Proposal")',
  },
  {
    name: 'PIPELINE_SUMMARY',
    description:
      'The headline figures in one call: open deals, open and weighted value, win rate, average deal, cycle days, velocity, stalled and overdue deals.',
    tables: [DEALS, 'history'],
    params: [],
    returns: {
      kind: 'table',
      description:
        'A table Metric, Value, Note; where a figure cannot be measured its Value is blank and Note says why.',
    },
    example: '=PIPELINE_SUMMARY(DEALS, HISTORY)',
  },
  {
    name: 'PIPELINE_OVERDUE',
    description:
      'Table of open, not snoozed deals whose close date passed, whose next step is overdue, or that have no next step; one row per problem.',
    tables: [DEALS],
    params: [owner],
    returns: {
      kind: 'table',
      description:
        'A table Deal, Owner, Stage, Problem, Days, Amount: close dates passed first, then overdue next steps, then missing ones; most days first.',
    },
    example: '=PIPELINE_OVERDUE(DEALS, "Ana")',
  },
  {
    name: 'PIPELINE_FORECAST_RANGE',
    description:
      'The Amount a period will have won, as a range: already won, plus each open deal expected to close in it won with its probability.',
    tables: [DEALS, 'history'],
    params: [
      {
        name: 'start',
        type: 'date',
        description: 'First day of the period (a date or 2026-12-01), inclusive; blank for no start.',
        optional: false,
      },
      {
        name: 'end',
        type: 'date',
        description: 'Last day of the period, inclusive; blank for no end.',
        optional: false,
      },
      {
        name: 'basis',
        type: 'text',
        description:
          "Blank: each deal's own Probability, else its stage's. \"history\": each stage's historical win rate (its set one where no closed deal reached it).",
        optional: true,
      },
      {
        name: 'quota',
        type: 'number',
        description:
          'An amount to reach in the period, or "team" for the Team sheet\'s Quota (the whole team\'s); adds the columns Quota and Chance Of Quota. Blank: no quota.',
        optional: true,
      },
    ],
    returns: {
      kind: 'table',
      description:
        'A header Low (P10), Likely (P50), High (P90), Expected and one row: 10 % of outcomes win at most Low, half at most Likely, 90 % at most High. With a quota, then Quota and Chance Of Quota, the chance that the period wins at least the quota.',
    },
    example: '=PIPELINE_FORECAST_RANGE(DEALS, HISTORY, DATE(2026,12,1), DATE(2026,12,31))',
  },
  {
    name: 'PIPELINE_CALIBRATION',
    description:
      'Per open stage: the probability set in Stages against the one History shows (won ÷ closed deals that reached it).',
    tables: [DEALS, 'history'],
    params: [],
    returns: {
      kind: 'table',
      description:
        'A table Stage, Set Probability, Historical, Closed Deals, Difference (Historical − Set; blank where no closed deal reached the stage).',
    },
    example: '=PIPELINE_CALIBRATION(DEALS, HISTORY)',
  },
  {
    name: 'PIPELINE_CHANGES',
    description:
      'What changed in the pipeline between two snapshots (or a snapshot and now): the waterfall from Start to End, then what slipped or was pulled in.',
    tables: [DEALS, 'snapshots'],
    params: [
      {
        name: 'from',
        type: 'date',
        description:
          'Start at the last snapshot on or before this date; blank for the snapshot before the newest one.',
        optional: true,
      },
      {
        name: 'to',
        type: 'date',
        description: 'End at the last snapshot on or before this date; blank for the deals as they are now.',
        optional: true,
      },
    ],
    returns: {
      kind: 'table',
      description:
        'A table Change, Deals, Amount: Start, New, Increased, Decreased, Won, Lost, Removed, End (Start + New + Increased − Decreased − Won − Lost − Removed = End), then Slipped and Pulled In.',
    },
    example: '=PIPELINE_CHANGES(DEALS, SNAPSHOTS)',
  },
  {
    name: 'PIPELINE_FORECAST_ACCURACY',
    description:
      'Month by month, what the snapshot before the month forecast (Σ Amount × probability expected to close in it) against the Amount won.',
    tables: [DEALS, 'snapshots'],
    params: [
      {
        name: 'months',
        type: 'number',
        description: 'How many whole months before this one to look back; blank for 6.',
        optional: true,
      },
    ],
    returns: {
      kind: 'table',
      description:
        'A table Month, Forecast, Won, Error, oldest month first; Error = (Won − Forecast) ÷ Forecast, blank when Forecast is 0.',
    },
    example: '=PIPELINE_FORECAST_ACCURACY(DEALS, SNAPSHOTS, 6)',
  },
  {
    name: 'PIPELINE_CHECK',
    description:
      'Table of every row the metrics skipped or doubted: unknown stage, unreadable amount or date, and more.',
    tables: [DEALS],
    params: [],
    returns: { kind: 'table', description: 'A table Row, Deal, Problem with a header row.' },
    example: '=PIPELINE_CHECK(DEALS)',
  },
];
