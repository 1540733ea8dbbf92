/** Deals, stages and History as the sidebar shows them (plain data, days as ISO text). */
import { daysInStage } from '../metrics/stalled';
import type { DealField } from '../model/columns';
import { type Day, formatDay } from '../model/dates';
import { type Deal, probabilityOf } from '../model/deals';
import type { HistoryEntry } from '../model/history';
import type { StageSet } from '../model/stages';
import { cellText } from '../model/text';
import type { DealView, HistoryItemView, StageView } from './types';

const iso = (day: Day | null): string | null => (day === null ? null : formatDay(day));

/** Cells of the deal's row as read, where the view wants them exactly. */
export interface RawCells {
  /** Shown as text when it is not a number. */
  readonly amount?: unknown;
  /** Free text, shown exactly as in the cell (not trimmed). */
  readonly nextStep?: unknown;
  readonly lostReason?: unknown;
}

const rawText = (value: unknown, parsed: string): string =>
  typeof value === 'string' && value.trim() === parsed && parsed !== '' ? value : parsed;

export function dealView(deal: Deal, today: Day, raw: RawCells = {}): DealView {
  const days = daysInStage(deal, today);
  return {
    id: deal.id,
    row: deal.row,
    name: deal.name,
    company: deal.company,
    owner: deal.owner,
    amount: deal.amount,
    amountText: deal.amount === null ? cellText(raw.amount) : '',
    stage: deal.stageText,
    stageName: deal.stage?.name ?? null,
    outcome: deal.stage?.outcome ?? null,
    probability: deal.probability,
    effectiveProbability: deal.stage || deal.probability !== null ? probabilityOf(deal) : null,
    daysInStage: days !== null && days >= 0 ? days : null,
    stageEntered: iso(deal.stageEntered),
    expectedClose: iso(deal.expectedClose),
    closed: iso(deal.closed),
    lastActivity: iso(deal.lastActivity),
    snoozedUntil: iso(deal.snoozedUntil),
    stalledSince: iso(deal.stalledSince),
    nextStep: rawText(raw.nextStep, deal.nextStep),
    nextStepDate: iso(deal.nextStepDate),
    lostReason: rawText(raw.lostReason, deal.lostReason),
  };
}

export function stageViews(stages: StageSet): StageView[] {
  return stages.all.map((s) => ({ name: s.name, outcome: s.outcome, probability: s.probability }));
}

/** The fields that have a column, in a stable order. */
export function presentFields(columns: Partial<Record<DealField, number>>): DealField[] {
  return (Object.keys(columns) as DealField[]).sort();
}

/** A deal's History entries, newest first, at most `limit`. */
export function historyItems(entries: readonly HistoryEntry[], limit = 50): HistoryItemView[] {
  const out: HistoryItemView[] = [];
  for (let i = entries.length - 1; i >= 0 && out.length < limit; i--) {
    const e = entries[i]!;
    out.push({
      when: iso(e.when),
      from: e.from?.name ?? e.fromText,
      to: e.to?.name ?? e.toText,
      days: e.daysInStage,
      by: e.changedBy,
      via: e.via,
    });
  }
  return out;
}
