import { type Deal, isLost, isWon } from '../model/deals';
import { StagesSeen } from '../model/history';
import type { Stage, StageSet } from '../model/stages';
import type { Pipeline } from '../pipeline';

/**
 * What each deal is known to have reached (SPEC §2 "reached"): open stages are passed in order,
 * so reaching an open stage means reaching every open stage before it; Won and Lost stages are
 * reached only by being in them or entering them in History.
 */
export class Reach {
  private readonly openOrder: Int32Array;
  /** Per deal: the furthest open stage's order (-1: none known). */
  private readonly furthest: Int32Array;
  /** Per deal: bit set (by stage index) of the closed stages it is in or entered. */
  private readonly closed: Int32Array;
  readonly deals: readonly Deal[];
  readonly stages: StageSet;

  constructor(pipeline: Pipeline) {
    const { deals, stages } = pipeline;
    this.deals = deals;
    this.stages = stages;
    const seen = pipeline.stagesSeen ?? StagesSeen.fromEntries(pipeline.history, stages);
    // Order among open stages by stage index; -1 for Won/Lost stages.
    this.openOrder = new Int32Array(stages.all.length).fill(-1);
    stages.open.forEach((stage, i) => {
      this.openOrder[stage.index] = i;
    });
    let closedMask = 0;
    for (const stage of stages.all) if (stage.outcome !== 'Open') closedMask |= 1 << stage.index;
    const last = stages.open.length - 1;
    this.furthest = new Int32Array(deals.length);
    this.closed = new Int32Array(deals.length);
    for (let i = 0; i < deals.length; i++) {
      const deal = deals[i]!;
      let bits = seen.of(deal.id, deal.name);
      if (deal.stage) bits |= 1 << deal.stage.index;
      let furthest = isLost(deal) ? 0 : -1;
      if (isWon(deal)) furthest = last;
      else {
        for (let open = bits & ~closedMask, index = 0; open !== 0; open >>>= 1, index++) {
          if (open & 1) furthest = Math.max(furthest, this.openOrder[index] ?? -1);
        }
      }
      this.furthest[i] = furthest;
      this.closed[i] = bits & closedMask;
    }
  }

  /** Did deal number i (index in `deals`) reach a stage? */
  reached(i: number, stage: Stage): boolean {
    const order = this.openOrder[stage.index] ?? -1;
    if (order >= 0) return order <= (this.furthest[i] ?? -1);
    return ((this.closed[i] ?? 0) & (1 << stage.index)) !== 0;
  }

  /** How many deals reached a stage. */
  count(stage: Stage): number {
    let n = 0;
    for (let i = 0; i < this.deals.length; i++) if (this.reached(i, stage)) n++;
    return n;
  }
}
