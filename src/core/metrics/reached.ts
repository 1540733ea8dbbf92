import { type Deal, isLost, isWon } from '../model/deals';
import { groupHistory, type HistoryEntry, historyKey } from '../model/history';
import type { Stage, StageSet } from '../model/stages';

/**
 * What each deal is known to have reached (SPEC §2 "reached"): open stages are passed in order,
 * so reaching an open stage means reaching every open stage before it; Won and Lost stages are
 * reached only by being in them or entering them in History.
 */
export class Reach {
  private readonly openOrder = new Map<Stage, number>();
  private readonly furthest: number[];
  private readonly entered: Set<Stage>[];

  constructor(
    readonly deals: readonly Deal[],
    history: readonly HistoryEntry[],
    readonly stages: StageSet,
  ) {
    stages.open.forEach((stage, i) => {
      this.openOrder.set(stage, i);
    });
    const groups = groupHistory(history);
    this.furthest = [];
    this.entered = [];
    for (const deal of deals) {
      const entries = [
        ...(deal.id !== '' ? (groups.get(historyKey(deal.id, '')) ?? []) : []),
        ...(groups.get(historyKey('', deal.name)) ?? []),
      ];
      const entered = new Set<Stage>();
      let furthest = isLost(deal) || deal.stage ? 0 : -1;
      if (deal.stage) {
        entered.add(deal.stage);
        const order = this.openOrder.get(deal.stage);
        if (order !== undefined) furthest = Math.max(furthest, order);
      }
      if (isWon(deal)) furthest = stages.open.length - 1;
      for (const entry of entries) {
        for (const stage of [entry.from, entry.to]) {
          if (!stage) continue;
          const order = this.openOrder.get(stage);
          if (order !== undefined) furthest = Math.max(furthest, order);
        }
        if (entry.to) entered.add(entry.to);
      }
      this.furthest.push(furthest);
      this.entered.push(entered);
    }
  }

  /** Did deal number i (index in `deals`) reach a stage? */
  reached(i: number, stage: Stage): boolean {
    const order = this.openOrder.get(stage);
    if (order !== undefined) return order <= (this.furthest[i] ?? -1);
    return this.entered[i]?.has(stage) ?? false;
  }

  /** How many deals reached a stage. */
  count(stage: Stage): number {
    let n = 0;
    for (let i = 0; i < this.deals.length; i++) if (this.reached(i, stage)) n++;
    return n;
  }
}
