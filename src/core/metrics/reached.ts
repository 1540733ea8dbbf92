import { LOST, OPEN, WON } from '../model/dealColumns';
import { isLost, isWon } from '../model/deals';
import { HistoryIndex, StagesSeen } from '../model/history';
import type { Stage, StageSet } from '../model/stages';
import type { Pipeline } from '../pipeline';
import { columnsOf } from './filters';

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
  /** How many deals (the pipeline's, in order: `reached(i, …)` takes their index). */
  readonly length: number;
  readonly stages: StageSet;

  constructor(pipeline: Pipeline) {
    const { stages } = pipeline;
    const c = columnsOf(pipeline);
    const n = c.length;
    this.length = n;
    this.stages = stages;
    // Order among open stages by stage index; -1 for Won/Lost stages.
    this.openOrder = new Int32Array(stages.all.length).fill(-1);
    stages.open.forEach((stage, i) => {
      this.openOrder[stage.index] = i;
    });
    this.furthest = new Int32Array(n);
    this.closed = new Int32Array(n);
    if (stages.all.length > StagesSeen.MAX_STAGES) {
      // Too many stages for a 32-bit set: walk each deal's History entries instead.
      this.closedStages = this.fromEntries(pipeline);
      return;
    }
    const seen = pipeline.stagesSeen ?? StagesSeen.fromEntries(pipeline.history, stages);
    let closedMask = 0;
    for (const stage of stages.all) if (stage.outcome !== 'Open') closedMask |= 1 << stage.index;
    const last = stages.open.length - 1;
    // Per entry of the columns' stage list: its bit, its open order, whether Won / Lost.
    const list = c.stageList;
    const bit = new Int32Array(list.length);
    const order = new Int32Array(list.length);
    for (let s = 0; s < list.length; s++) {
      bit[s] = 1 << list[s]!.index;
      order[s] = this.openOrder[list[s]!.index] ?? -1;
    }
    /** The furthest open order of each bit set of open stages seen (a few distinct sets). */
    const furthestOf = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const s = c.stage[i]!;
      let bits = seen.of(c.id(i), c.name(i));
      if (s >= 0) bits |= bit[s]!;
      const outcome = s >= 0 ? c.outcome[s]! : OPEN;
      let furthest = outcome === LOST ? 0 : -1;
      if (outcome === WON) furthest = last;
      else {
        const open = bits & ~closedMask;
        let known = furthestOf.get(open);
        if (known === undefined) {
          known = -1;
          for (let rest = open, index = 0; rest !== 0; rest >>>= 1, index++) {
            if (rest & 1) known = Math.max(known, this.openOrder[index] ?? -1);
          }
          furthestOf.set(open, known);
        }
        furthest = Math.max(furthest, known);
        // With a Status column, a lost deal's Stage cell is the stage it closed in: it reached it.
        const k = c.closedIn ? c.closedIn[i]! : -1;
        if (k >= 0) furthest = Math.max(furthest, order[k]!);
      }
      this.furthest[i] = furthest;
      this.closed[i] = bits & closedMask;
    }
  }

  /** The same as the bit sets, from History entries: the From of open stages and every To. */
  private fromEntries(pipeline: Pipeline): (readonly Stage[])[] {
    const history = new HistoryIndex(pipeline.history);
    const last = this.stages.open.length - 1;
    return pipeline.deals.map((deal, i) => {
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
    for (let i = 0; i < this.length; i++) if (this.reached(i, stage)) n++;
    return n;
  }
}
