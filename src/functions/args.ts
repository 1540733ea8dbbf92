import { PipelineError } from '../core/errors';
import { type Calendar, type Day, readDate, readMonth } from '../core/model/dates';
import type { Stage, StageSet } from '../core/model/stages';
import { cellText, isBlank, quote } from '../core/model/text';
import { readAmount } from '../core/model/values';
import type { Window } from '../core/pipeline';
import type { FunctionSpec, ParamSpec, TableKind } from './catalog';

/** A 2-D range as Sheets passes it to a custom function (a single cell arrives as a scalar). */
export function isTable(value: unknown): value is unknown[][] {
  return Array.isArray(value) && value.length > 0 && Array.isArray(value[0]);
}

/**
 * Splits a call's arguments: leading 2-D ranges are the tables the function takes (deals, then
 * history), in order; the remaining arguments keep their order.
 */
export function splitArguments(
  spec: FunctionSpec,
  args: readonly unknown[],
): { tables: Partial<Record<TableKind, unknown[][]>>; rest: unknown[] } {
  const tables: Partial<Record<TableKind, unknown[][]>> = {};
  let i = 0;
  spec.tables.forEach((kind, k) => {
    if (i < args.length && isTable(args[i])) {
      tables[kind] = args[i] as unknown[][];
      i++;
    } else if (k < spec.tables.length - 1 && isBlank(args[i]) && isTable(args[i + 1])) {
      // `=PIPELINE_FUNNEL(, HISTORY)`: this table is left out, a later one is given.
      i++;
    }
  });
  const rest = args.slice(i);
  const extra = rest.slice(spec.params.length).filter((v) => !isBlank(v));
  if (extra.length > 0 || rest.slice(0, spec.params.length).some(isTable)) {
    const expected = [...spec.tables.map((t) => `[${t}]`), ...spec.params.map((p) => p.name)].join(', ');
    throw new PipelineError(`${spec.name} takes (${expected}): got an extra or misplaced range or value.`);
  }
  return { tables, rest };
}

/** Typed access to the non-table arguments by name, with errors naming the argument and value. */
export class Arguments {
  constructor(
    private readonly spec: FunctionSpec,
    private readonly values: readonly unknown[],
    private readonly calendar: Calendar,
    private readonly stages: StageSet,
  ) {}

  private param(name: string): { spec: ParamSpec; value: unknown } {
    const index = this.spec.params.findIndex((p) => p.name === name);
    if (index < 0) throw new Error(`${this.spec.name} has no argument ${name}`);
    return { spec: this.spec.params[index]!, value: this.values[index] };
  }

  /** Whether the function has an argument of this name at all. */
  takes(name: string): boolean {
    return this.spec.params.some((p) => p.name === name);
  }

  has(name: string): boolean {
    return !isBlank(this.param(name).value);
  }

  text(name: string): string {
    const { value } = this.param(name);
    if (isTable(value) || Array.isArray(value))
      throw new PipelineError(`${name} must be a single value, not a range.`);
    return cellText(value);
  }

  stage(name: string): Stage | null {
    const { spec, value } = this.param(name);
    if (isBlank(value)) {
      if (!spec.optional)
        throw new PipelineError(`${this.spec.name} needs a ${name}. Stages are: ${this.stages.names()}.`);
      return null;
    }
    return this.stages.require(this.text(name));
  }

  requiredStage(name: string): Stage {
    const stage = this.stage(name);
    if (!stage)
      throw new PipelineError(`${this.spec.name} needs a ${name}. Stages are: ${this.stages.names()}.`);
    return stage;
  }

  date(name: string): Day | null {
    const { value } = this.param(name);
    const read = readDate(value, this.calendar);
    if (read.kind === 'bad')
      throw new PipelineError(`${name} ${quote(read.text)} is not a date (use a date or 2026-01-31).`);
    return read.kind === 'day' ? read.day : null;
  }

  window(): Window {
    const start = this.date('start');
    const end = this.date('end');
    if (start !== null && end !== null && start > end) throw new PipelineError('start is after end.');
    return { start, end };
  }

  number(name: string): number | null {
    const { value } = this.param(name);
    const read = readAmount(value);
    if (read.kind === 'bad') throw new PipelineError(`${name} ${quote(read.text)} is not a number.`);
    return read.kind === 'number' ? read.value : null;
  }

  month(name: string): string | null {
    const { value } = this.param(name);
    if (isBlank(value)) return null;
    const month = readMonth(value, this.calendar);
    if (month === null)
      throw new PipelineError(`${name} ${quote(cellText(value))} is not a month (use 2026-12 or a date).`);
    return month;
  }
}
