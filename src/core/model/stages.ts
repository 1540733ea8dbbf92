import { PipelineError } from '../errors';
import { columnLetter, mapColumns, requireColumns } from './columns';
import { cellText, isBlank, normalizeKey, quote } from './text';
import { readDays, readProbability } from './values';

export type Outcome = 'Open' | 'Won' | 'Lost';

export interface Stage {
  readonly name: string;
  /** Position in the pipeline (0-based, the row order of `Stages`). */
  readonly index: number;
  /** Fraction 0–1. */
  readonly probability: number;
  /** Days in stage before an open deal is stalled; null = never. */
  readonly stalledAfter: number | null;
  readonly outcome: Outcome;
}

export const DEFAULT_STAGES: readonly (readonly [string, number, number | null, Outcome])[] = [
  ['Lead', 0.1, 14, 'Open'],
  ['Qualified', 0.2, 14, 'Open'],
  ['Contacted', 0.3, 10, 'Open'],
  ['Needs Assessment', 0.4, 14, 'Open'],
  ['Proposal', 0.6, 10, 'Open'],
  ['Negotiation', 0.8, 7, 'Open'],
  ['Won', 1, null, 'Won'],
  ['Lost', 0, null, 'Lost'],
];

/** One stage as Set up writes it to the `Stages` sheet. */
export interface StageSheetRow {
  readonly name: string;
  readonly probability: number;
  readonly stalledAfter: number | null;
  readonly outcome: Outcome;
}

/**
 * Stages as rows of a `Stages` sheet, header first (what Set up writes). Stalled After is left
 * blank on Won and Lost stages: a closed deal never stalls, and a number there would suggest it.
 */
export function stageSheetRows(list: readonly StageSheetRow[]): (string | number)[][] {
  return [
    ['Stage', 'Probability', 'Stalled After (days)', 'Outcome'],
    ...list.map((s) => [
      s.name,
      s.probability,
      s.outcome === 'Open' ? (s.stalledAfter ?? '') : '',
      s.outcome,
    ]),
  ];
}

/** The default `Stages` sheet as rows, header included. */
export function defaultStageRows(): (string | number)[][] {
  return stageSheetRows(
    DEFAULT_STAGES.map(([name, probability, stalledAfter, outcome]) => ({
      name,
      probability,
      stalledAfter,
      outcome,
    })),
  );
}

/** The pipeline's stages in order, with lookups by name (case-, space- and punctuation-insensitive). */
export class StageSet {
  readonly all: readonly Stage[];
  readonly open: readonly Stage[];
  readonly won: Stage;
  readonly lost: readonly Stage[];
  private readonly byKey: Map<string, Stage>;
  /** Lookups by the exact text seen, so a column of 100k stage names normalises each name once. */
  private readonly byText = new Map<string, Stage | null>();

  constructor(stages: readonly Stage[]) {
    this.all = stages;
    this.open = stages.filter((s) => s.outcome === 'Open');
    const won = stages.filter((s) => s.outcome === 'Won');
    this.lost = stages.filter((s) => s.outcome === 'Lost');
    if (won.length !== 1) {
      throw new PipelineError(`Stages needs exactly one stage with Outcome "Won" (found ${won.length}).`);
    }
    if (this.lost.length === 0)
      throw new PipelineError('Stages needs at least one stage with Outcome "Lost".');
    if (this.open.length === 0)
      throw new PipelineError('Stages needs at least one stage with Outcome "Open".');
    this.won = won[0]!;
    this.byKey = new Map();
    for (const stage of stages) {
      const key = normalizeKey(stage.name);
      if (this.byKey.has(key)) throw new PipelineError(`Stages lists ${quote(stage.name)} twice.`);
      this.byKey.set(key, stage);
    }
  }

  static defaults(): StageSet {
    return new StageSet(
      DEFAULT_STAGES.map(([name, probability, stalledAfter, outcome], index) => ({
        name,
        index,
        probability,
        stalledAfter,
        outcome,
      })),
    );
  }

  find(name: unknown): Stage | undefined {
    const text = cellText(name);
    let hit = this.byText.get(text);
    if (hit === undefined) {
      hit = this.byKey.get(normalizeKey(text)) ?? null;
      this.byText.set(text, hit);
    }
    return hit ?? undefined;
  }

  /** The stage named, or an error listing the stages. */
  require(name: unknown): Stage {
    const stage = this.find(name);
    if (!stage) {
      throw new PipelineError(`Unknown stage ${quote(cellText(name))}. Stages are: ${this.names()}.`);
    }
    return stage;
  }

  names(): string {
    return this.all.map((s) => s.name).join(', ');
  }
}

const STAGE_COLUMNS = {
  stage: ['Stage', 'Name'],
  probability: ['Probability', 'Win Probability'],
  stalledAfter: ['Stalled After (days)', 'Stalled After', 'Stalled After Days', 'Rotting Days'],
  outcome: ['Outcome', 'Type'],
} as const;

/** Stages' columns by header name (aliases, any order), 0-based. */
export function stageColumns(headerRow: readonly unknown[]) {
  return mapColumns(headerRow, STAGE_COLUMNS).index;
}

/** Reads the `Stages` sheet (header row first). Errors name the cell at fault. */
export function parseStages(rows: readonly (readonly unknown[])[], sheet = 'Stages'): StageSet {
  if (rows.length === 0) return StageSet.defaults();
  const map = mapColumns(rows[0] ?? [], STAGE_COLUMNS);
  requireColumns(map, ['stage'], STAGE_COLUMNS, sheet);
  const col = map.index;
  const stages: Stage[] = [];
  const cell = (column: number, row: number) => `${sheet}!${columnLetter(column)}${row + 1}`;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const name = cellText(row[col.stage!]);
    if (name === '') continue;
    let outcome: Outcome = 'Open';
    if (col.outcome !== undefined && !isBlank(row[col.outcome])) {
      const text = normalizeKey(row[col.outcome]);
      if (text === 'open') outcome = 'Open';
      else if (text === 'won' || text === 'closedwon') outcome = 'Won';
      else if (text === 'lost' || text === 'closedlost') outcome = 'Lost';
      else {
        throw new PipelineError(
          `${cell(col.outcome, r)}: Outcome ${quote(row[col.outcome])} must be Open, Won or Lost.`,
        );
      }
    }
    let probability = outcome === 'Won' ? 1 : 0;
    if (col.probability !== undefined) {
      const read = readProbability(row[col.probability]);
      if (read.kind === 'number') probability = read.value;
      else if (read.kind === 'bad') {
        throw new PipelineError(
          `${cell(col.probability, r)}: probability ${quote(read.text)} is not a percentage (use 40% or 0.4).`,
        );
      } else if (outcome === 'Open') {
        throw new PipelineError(`${cell(col.probability, r)}: stage ${quote(name)} needs a probability.`);
      }
    }
    let stalledAfter: number | null = null;
    if (col.stalledAfter !== undefined && outcome === 'Open') {
      const read = readDays(row[col.stalledAfter]);
      if (read.kind === 'number') stalledAfter = read.value;
      else if (read.kind === 'bad') {
        throw new PipelineError(
          `${cell(col.stalledAfter, r)}: Stalled After ${quote(read.text)} is not a whole number of days.`,
        );
      }
    }
    stages.push({ name, index: stages.length, probability, stalledAfter, outcome });
  }
  if (stages.length === 0) return StageSet.defaults();
  return new StageSet(stages);
}
