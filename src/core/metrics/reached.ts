import { type Deal, isLost, isWon } from '../model/deals';
import { type HistoryEntry, HistoryIndex } from '../model/history';
import type { Stage, StageSet } from '../model/stages';

/**
 * What each deal is known to have reached (SPEC §2 "reached"): open stages are passed in order,
 * so reaching an open stage means reaching every open stage before it; Won and Lost stages are
 * reached only by being in them or entering them in History.
 */
export class Reach {
  private readonly openOrder = new Map<Stage, number>();
  /** Per deal: the furthest open stage's order (-1: none known). */
  private readonly furthest: Int32Array;
  /** Per deal: closed stages (Won/Lost) it was in or entered, by stage index. */
  private readonly closedEntered: Map<number, Set<Stage>>;

  constructor(
    readonly deals: readonly Deal[],
    history: readonly HistoryEntry[],
    readonly stages: StageSet,
  ) {
    stages.open.forEach((stage, i) => {
      this.openOrder.set(stage, i);
    });
    const index = new HistoryIndex(history);
    const last = stages.open.length - 1;
    this.furthest = new Int32Array(deals.length);
    this.closedEntered = new Map();
    for (let i = 0; i < deals.length; i++) {
      const deal = deals[i]!;
      let furthest = isLost(deal) ? 0 : -1;
      const entered: Stage[] = [];
      if (deal.stage) {
        const order = this.openOrder.get(deal.stage);
        if (order !== undefined) furthest = Math.max(furthest, order);
        else entered.push(deal.stage);
      }
      if (isWon(deal)) furthest = last;
      for (const entry of index.of(deal.id, deal.name)) {
        if (entry.from) {
          const order = this.openOrder.get(entry.from);
          if (order !== undefined && order > furthest) furthest = order;
        }
        if (entry.to) {
          const order = this.openOrder.get(entry.to);
          if (order === undefined) entered.push(entry.to);
          else if (order > furthest) furthest = order;
        }
      }
      this.furthest[i] = furthest;
      if (entered.length > 0) this.closedEntered.set(i, new Set(entered));
    }
  }

  /** Did deal number i (index in `deals`) reach a stage? */
  reached(i: number, stage: Stage): boolean {
    const order = this.openOrder.get(stage);
    if (order !== undefined) return order <= (this.furthest[i] ?? -1);
    return this.closedEntered.get(i)?.has(stage) ?? false;
  }

  /** How many deals reached a stage. */
  count(stage: Stage): number {
    let n = 0;
    for (let i = 0; i < this.deals.length; i++) if (this.reached(i, stage)) n++;
    return n;
  }
}
