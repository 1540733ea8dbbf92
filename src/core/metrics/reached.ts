import { type Deal, isLost, isWon } from '../model/deals';
import { HistoryIndex, StagesSeen } from '../model/history';
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
  /** Pipelines of more than 31 stages: per deal, the closed stages it is in or entered. */
  private readonly closedStages: (readonly Stage[])[] | null = null;
  readonly deals: readonly Deal[];
  readonly stages: StageSet;

  constructor(pipeline: Pipeline) {
    const { deals, stages } = pipeline;
    this.deals = deals;
    this.stages = stages;
    // Order among open stages by stage index; -1 for Won/Lost stages.
    this.openOrder = new Int32Array(stages.all.length).fill(-1);
    stages.open.forEach((stage, i) => {
      this.openOrder[stage.index] = i;
    });
    this.furthest = new Int32Array(deals.length);
    this.closed = new Int32Array(deals.length);
    if (stages.all.length > StagesSeen.MAX_STAGES) {
      // Too many stages for a 32-bit set: walk each deal's History entries instead.
      this.closedStages = this.fromEntries(pipeline);
      return;
    }
    const seen = pipeline.stagesSeen ?? StagesSeen.fromEntries(pipeline.history, stages);
    let closedMask = 0;
    for (const stage of stages.all) if (stage.outcome !== 'Open') closedMask |= 1 << stage.index;
    const last = stages.open.length - 1;
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
        // With a Status column, a lost deal's Stage cell is the stage it closed in: it reached it.
        if (deal.closedIn) furthest = Math.max(furthest, this.openOrder[deal.closedIn.index] ?? -1);
      }
      this.furthest[i] = furthest;
      this.closed[i] = bits & closedMask;
    }
  }

  /** The same as the bit sets, from History entries: the From of open stages and every To. */
  private fromEntries(pipeline: Pipeline): (readonly Stage[])[] {
    const history = new HistoryIndex(pipeline.history);
    const last = this.stages.open.length - 1;
    return this.deals.map((deal, i) => {
      const closed: Stage[] = [];
      let furthest = isWon(deal) ? last : isLost(deal) ? 0 : -1;
      const visit = (stage: Stage | null, entered: boolean): void => {
        if (!stage) return;
        if (stage.outcome === 'Open') furthest = Math.max(furthest, this.openOrder[stage.index] ?? -1);
        else if (entered && !closed.includes(stage)) closed.push(stage);
      };
      visit(deal.stage, true);
      visit(deal.closedIn, false);
      for (const entry of history.of(deal.id, deal.name)) {
        visit(entry.from, false);
        visit(entry.to, true);
      }
      this.furthest[i] = furthest;
      return closed;
    });
  }

  /** Did deal number i (index in `deals`) reach a stage? */
  reached(i: number, stage: Stage): boolean {
    const order = this.openOrder[stage.index] ?? -1;
    if (order >= 0) return order <= (this.furthest[i] ?? -1);
    if (this.closedStages) return this.closedStages[i]?.includes(stage) ?? false;
    return ((this.closed[i] ?? 0) & (1 << stage.index)) !== 0;
  }

  /** How many deals reached a stage. */
  count(stage: Stage): number {
    let n = 0;
    for (let i = 0; i < this.deals.length; i++) if (this.reached(i, stage)) n++;
    return n;
  }
}
