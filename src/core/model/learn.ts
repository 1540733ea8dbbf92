/**
 * The stages of a workbook without a `Stages` sheet, learned from its deals (SPEC §1 "Without a
 * `Stages` sheet"). Pure: custom functions call it on the rows they read, Set up's preview shows
 * the result and Set up writes it into a new `Stages` sheet.
 */
import { mapDealColumns } from './columns';
import { statusColumn, statusKey } from './deals';
import { historyColumns } from './history';
import { DEFAULT_STAGES, type Outcome, type Stage, StageSet } from './stages';
import { cellText, isBlank, normalizeKey } from './text';
import { readProbability } from './values';

/** One learned stage, as Set up's preview lists it and writes it into `Stages`. */
export interface LearnedStage {
  readonly name: string;
  readonly outcome: Outcome;
  /** Fraction 0–1. */
  readonly probability: number;
  /** Days; null for Won and Lost. */
  readonly stalledAfter: number | null;
  /** Deals now in this stage (a won or lost deal of a Status column counts in Won or Lost). */
  readonly deals: number;
}

/** Where the stages came from. */
export type StagesSource = 'defaults' | 'pipedrive' | 'hubspot' | 'salesforce' | 'learned';

export interface LearnedStages {
  readonly stages: StageSet;
  /** The same stages in pipeline order, each with its outcome and number of deals. */
  readonly list: readonly LearnedStage[];
  readonly source: StagesSource;
  /** Stage values left out as strays (one deal each, in a sheet that follows a known pipeline). */
  readonly unknown: readonly string[];
}

interface KnownPipeline {
  readonly source: Exclude<StagesSource, 'learned'>;
  /** Open stages in order: name, probability, Stalled After. */
  readonly open: readonly (readonly [string, number, number])[];
  readonly won: string;
  readonly lost: string;
}

/** The known pipelines, defaults first (a sheet of default stages reads as the defaults). */
export const KNOWN_PIPELINES: readonly KnownPipeline[] = [
  {
    source: 'defaults',
    open: DEFAULT_STAGES.filter((s) => s[3] === 'Open').map(([name, p, days]) => [name, p, days ?? 14]),
    won: 'Won',
    lost: 'Lost',
  },
  {
    source: 'pipedrive',
    // Pipedrive's default pipeline and the deal probabilities it suggests for it.
    open: [
      ['Lead In', 0.1, 14],
      ['Contact Made', 0.2, 14],
      ['Demo Scheduled', 0.4, 14],
      ['Proposal Made', 0.6, 14],
      ['Negotiations Started', 0.8, 14],
    ],
    won: 'Won',
    lost: 'Lost',
  },
  {
    source: 'hubspot',
    open: [
      ['Appointment Scheduled', 0.2, 14],
      ['Qualified To Buy', 0.4, 14],
      ['Presentation Scheduled', 0.6, 14],
      ['Decision Maker Bought-In', 0.8, 14],
      ['Contract Sent', 0.9, 14],
    ],
    won: 'Closed Won',
    lost: 'Closed Lost',
  },
  {
    source: 'salesforce',
    open: [
      ['Prospecting', 0.1, 14],
      ['Qualification', 0.1, 14],
      ['Needs Analysis', 0.2, 14],
      ['Value Proposition', 0.5, 14],
      ['Id. Decision Makers', 0.6, 14],
      ['Perception Analysis', 0.7, 14],
      ['Proposal/Price Quote', 0.75, 14],
      ['Negotiation/Review', 0.9, 14],
    ],
    won: 'Closed Won',
    lost: 'Closed Lost',
  },
];

const STALLED_AFTER = 14;

/** A Stage value that names an outcome: `Won`, `Closed Won`, `Deal Won`, `Lost`, `Closed Lost`… */
export function outcomeNamed(value: unknown): Outcome | null {
  const key = normalizeKey(value);
  if (/^(?:closed|deal)?won$|^won(?:closed|deal)$/.test(key)) return 'Won';
  if (/^(?:closed|deal)?lost$|^lost(?:closed|deal)$/.test(key)) return 'Lost';
  return null;
}

interface Seen {
  /** The first spelling seen. */
  readonly name: string;
  readonly key: string;
  /** Order of first appearance. */
  readonly first: number;
  deals: number;
  probabilitySum: number;
  probabilityCount: number;
}

export interface LearnOptions {
  /**
   * The History table (header row first), used to order the stages when the deals' Probability
   * does not; null or absent: not consulted.
   */
  readonly history?: readonly (readonly unknown[])[] | null;
}

/**
 * The stages a deals table (header row first) implies, SPEC §1:
 * - a value naming an outcome is that outcome's stage (with a Status column every Stage value is
 *   open, and Status says won or lost);
 * - when every open value belongs to one known pipeline (defaults, Pipedrive, HubSpot,
 *   Salesforce), that whole pipeline in its order with its probabilities — a sheet of default
 *   stages gets exactly the defaults. A value held by one deal only, in a sheet whose other open
 *   deals (at least four for each such value) all follow one known pipeline, is taken for a typo
 *   and stays an unknown stage that PIPELINE_CHECK lists;
 * - otherwise the open stages in the order of their deals' mean Probability (when every stage
 *   has one), else of History, else of first appearance; each stage's probability is its deals'
 *   mean Probability, else its known pipeline's, else spread evenly from 10 % to 90 %; Stalled
 *   After is 14 days.
 */
export function learnStages(
  dealRows: readonly (readonly unknown[])[],
  options: LearnOptions = {},
): LearnedStages {
  const header = dealRows[0] ?? [];
  const map = mapDealColumns(header);
  const stageCol = map.index.stage;
  if (stageCol === undefined) return known(KNOWN_PIPELINES[0]!, new Map(), 0, 0, []);
  const status = statusColumn(dealRows, map.index);
  const probCol = map.index.probability;
  const values = new Map<string, Seen>();
  /** By the exact text of the cell: a column of 100k stage names normalises each name once. */
  const byText = new Map<string, Seen>();
  const note = (text: string, counts: boolean): Seen => {
    let seen = byText.get(text);
    if (!seen) {
      const key = normalizeKey(text);
      seen = values.get(key);
      if (!seen) {
        seen = { name: text, key, first: values.size, deals: 0, probabilitySum: 0, probabilityCount: 0 };
        values.set(key, seen);
      }
      byText.set(text, seen);
    }
    if (counts) seen.deals++;
    return seen;
  };
  let wonByStatus = 0;
  let lostByStatus = 0;
  for (let r = 1; r < dealRows.length; r++) {
    const row = dealRows[r];
    if (!row) continue;
    if (status >= 0) {
      const s = statusKey(row[status]);
      if (s === 'won' || s === 'lost') {
        if (s === 'won') wonByStatus++;
        else lostByStatus++;
        // Where it closed names a stage of the pipeline, but the deal is in Won or Lost.
        const closedIn = cellText(row[stageCol]);
        if (closedIn !== '') note(closedIn, false);
        continue;
      }
    }
    const text = cellText(row[stageCol]);
    if (text === '') continue;
    note(text, true);
  }

  const open: Seen[] = [];
  const won: Seen[] = [];
  const lost: Seen[] = [];
  for (const seen of values.values()) {
    // With a Status column every Stage value is open, but one that names an outcome cannot be.
    const outcome = outcomeNamed(seen.name) ?? 'Open';
    (outcome === 'Won' ? won : outcome === 'Lost' ? lost : open).push(seen);
  }
  const openDeals = open.reduce((n, s) => n + s.deals, 0);
  for (const pipeline of KNOWN_PIPELINES) {
    const keys = new Set(pipeline.open.map(([name]) => normalizeKey(name)));
    const strays = open.filter((s) => !keys.has(s.key));
    const inPipeline = openDeals - strays.reduce((n, s) => n + s.deals, 0);
    const typos = strays.length > 0 && strays.every((s) => s.deals === 1) && inPipeline >= 4 * strays.length;
    if (strays.length === 0 || typos) {
      return known(
        pipeline,
        values,
        status >= 0 ? wonByStatus : 0,
        status >= 0 ? lostByStatus : 0,
        strays.map((s) => s.name),
        won,
        lost,
      );
    }
  }
  // Only a pipeline of the team's own needs the deals' Probability: read it now.
  if (probCol !== undefined) {
    for (let r = 1; r < dealRows.length; r++) {
      const row = dealRows[r];
      if (!row || isBlank(row[probCol])) continue;
      if (status >= 0 && statusKey(row[status]) !== 'open' && statusKey(row[status]) !== '') continue;
      const seen = byText.get(cellText(row[stageCol]));
      if (!seen) continue;
      const read = readProbability(row[probCol], map.probabilityPercent);
      if (read.kind === 'number') {
        seen.probabilitySum += read.value;
        seen.probabilityCount++;
      }
    }
  }
  return learned(open, won, lost, wonByStatus, lostByStatus, options.history ?? null);
}

/** A known pipeline, whole, in its order: the sheet's own spelling where it has one. */
function known(
  pipeline: KnownPipeline,
  values: ReadonlyMap<string, Seen>,
  wonByStatus: number,
  lostByStatus: number,
  unknown: string[],
  won: readonly Seen[] = [],
  lost: readonly Seen[] = [],
): LearnedStages {
  const defaults = pipeline.source === 'defaults';
  const canonical = (s: Seen): Seen =>
    defaults && (s.key === 'won' || s.key === 'lost') ? { ...s, name: s.key === 'won' ? 'Won' : 'Lost' } : s;
  const list: LearnedStage[] = pipeline.open.map(([name, probability, stalledAfter]) => {
    const seen = values.get(normalizeKey(name));
    return {
      name: defaults ? name : (seen?.name ?? name),
      outcome: 'Open',
      probability,
      stalledAfter,
      deals: seen?.deals ?? 0,
    };
  });
  list.push(
    ...closedStages(
      won.map(canonical),
      lost.map(canonical),
      wonByStatus,
      lostByStatus,
      defaults ? null : pipeline,
    ),
  );
  return finish(list, pipeline.source, [...unknown, ...won.slice(1).map((s) => s.name)]);
}

/** Won, then the Lost stages: the sheet's own outcome values, else the pipeline's names. */
function closedStages(
  won: readonly Seen[],
  lost: readonly Seen[],
  wonByStatus: number,
  lostByStatus: number,
  pipeline: KnownPipeline | null,
): LearnedStage[] {
  // Exactly one Won stage: the first outcome value naming it (others stay unknown stages).
  const wonSeen = won[0];
  const out: LearnedStage[] = [
    {
      name: wonSeen?.name ?? pipeline?.won ?? 'Won',
      outcome: 'Won',
      probability: 1,
      stalledAfter: null,
      deals: (wonSeen?.deals ?? 0) + wonByStatus,
    },
  ];
  if (lost.length === 0) {
    out.push({
      name: pipeline?.lost ?? 'Lost',
      outcome: 'Lost',
      probability: 0,
      stalledAfter: null,
      deals: lostByStatus,
    });
  }
  lost.forEach((seen, i) => {
    out.push({
      name: seen.name,
      outcome: 'Lost',
      probability: 0,
      stalledAfter: null,
      // A lost deal of a Status column is in the first Lost stage.
      deals: seen.deals + (i === 0 ? lostByStatus : 0),
    });
  });
  return out;
}

function learned(
  open: Seen[],
  won: readonly Seen[],
  lost: readonly Seen[],
  wonByStatus: number,
  lostByStatus: number,
  history: readonly (readonly unknown[])[] | null,
): LearnedStages {
  const mean = (s: Seen) => s.probabilitySum / s.probabilityCount;
  let ordered: Seen[];
  if (open.every((s) => s.probabilityCount > 0)) {
    ordered = [...open].sort((a, b) => mean(a) - mean(b) || a.first - b.first);
  } else {
    ordered = historyOrder(open, history) ?? [...open].sort((a, b) => a.first - b.first);
  }
  const n = ordered.length;
  const knownProbability = new Map<string, number>();
  for (const pipeline of KNOWN_PIPELINES) {
    for (const [name, p] of pipeline.open) {
      const key = normalizeKey(name);
      if (!knownProbability.has(key)) knownProbability.set(key, p);
    }
  }
  const list: LearnedStage[] = ordered.map((s, i) => {
    const spread = n === 1 ? 0.5 : 0.1 + (0.8 * i) / (n - 1);
    const probability =
      s.probabilityCount > 0 ? mean(s) : (knownProbability.get(s.key) ?? Math.round(spread * 1e4) / 1e4);
    return { name: s.name, outcome: 'Open', probability, stalledAfter: STALLED_AFTER, deals: s.deals };
  });
  list.push(...closedStages(won, lost, wonByStatus, lostByStatus, null));
  return finish(
    list,
    'learned',
    won.slice(1).map((s) => s.name),
  );
}

/**
 * Orders stages as History shows deals moving through them: stage A comes before B when more
 * deals went from A to B (directly or later) than the other way; stages History never shows
 * follow, in order of first appearance. Null when History shows no deal moving between them.
 */
function historyOrder(open: Seen[], history: readonly (readonly unknown[])[] | null): Seen[] | null {
  if (!history || history.length < 2) return null;
  const col = historyColumns(history[0] ?? []);
  if (col.to === undefined) return null;
  const byKey = new Map(open.map((s) => [s.key, s]));
  // Each deal's path through the open stages, in History's row order.
  const paths = new Map<string, string[]>();
  for (let r = 1; r < history.length; r++) {
    const row = history[r] ?? [];
    const deal = cellText(col.dealId !== undefined ? row[col.dealId] : '') || cellText(row[col.deal ?? -1]);
    if (deal === '') continue;
    let path = paths.get(deal);
    if (!path) {
      path = [];
      paths.set(deal, path);
    }
    for (const value of [col.from === undefined ? '' : row[col.from], row[col.to]]) {
      const key = normalizeKey(value);
      if (byKey.has(key) && path[path.length - 1] !== key) path.push(key);
    }
  }
  // before[a][b]: how many deals were in a before b.
  const before = new Map<string, Map<string, number>>();
  let any = false;
  for (const path of paths.values()) {
    for (let i = 0; i < path.length; i++) {
      for (let j = i + 1; j < path.length; j++) {
        if (path[i] === path[j]) continue;
        any = true;
        const row = before.get(path[i]!) ?? new Map<string, number>();
        row.set(path[j]!, (row.get(path[j]!) ?? 0) + 1);
        before.set(path[i]!, row);
      }
    }
  }
  if (!any) return null;
  const count = (a: string, b: string) => before.get(a)?.get(b) ?? 0;
  // Copeland score: how many stages a comes before, minus how many come before it.
  const score = new Map<string, number>();
  for (const a of open) {
    let s = 0;
    for (const b of open) {
      if (a === b) continue;
      s += Math.sign(count(a.key, b.key) - count(b.key, a.key));
    }
    score.set(a.key, s);
  }
  const seenInHistory = (s: Seen) => [...paths.values()].some((p) => p.includes(s.key));
  const shown = open.filter(seenInHistory);
  const rest = open.filter((s) => !seenInHistory(s)).sort((a, b) => a.first - b.first);
  shown.sort((a, b) => (score.get(b.key) ?? 0) - (score.get(a.key) ?? 0) || a.first - b.first);
  return [...shown, ...rest];
}

function finish(list: LearnedStage[], source: StagesSource, unknown: string[]): LearnedStages {
  const stages: Stage[] = list.map((s, index) => ({
    name: s.name,
    index,
    probability: s.probability,
    stalledAfter: s.stalledAfter,
    outcome: s.outcome,
  }));
  return { stages: new StageSet(stages), list, source, unknown };
}
