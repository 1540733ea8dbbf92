/** Conditional format rules: builder, rule and boolean condition. */
import { enumOf } from './enums';
import { gasError } from './errors';
import { type Bound, type Execution, instrument } from './exec';
import type { CondFormatSpec, SpreadsheetModel } from './model';
import { RangeFake } from './range';

export const BooleanCriteria = enumOf([
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_EQUAL_TO',
  'DATE_NOT_EQUAL_TO',
  'DATE_AFTER_RELATIVE',
  'DATE_BEFORE_RELATIVE',
  'DATE_EQUAL_TO_RELATIVE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_NOT_EQUAL_TO',
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
  'CUSTOM_FORMULA',
]);

function copySpec(spec: CondFormatSpec): CondFormatSpec {
  return {
    ranges: spec.ranges.map((r) => ({ ...r })),
    criteria: spec.criteria,
    values: [...spec.values],
    format: { ...spec.format },
  };
}

export class BooleanConditionFake implements Bound {
  constructor(
    readonly exec: Execution,
    private readonly stored: CondFormatSpec,
  ) {}

  getCriteriaType(): string {
    return this.stored.criteria;
  }

  getCriteriaValues(): unknown[] {
    return [...this.stored.values];
  }

  getBackground(): string | null {
    return this.stored.format.background ?? null;
  }

  getFontColor(): string | null {
    return this.stored.format.fontColor ?? null;
  }

  getBold(): boolean | null {
    return this.stored.format.bold ?? null;
  }

  getItalic(): boolean | null {
    return this.stored.format.italic ?? null;
  }

  getStrikethrough(): boolean | null {
    return this.stored.format.strikethrough ?? null;
  }
}

instrument(BooleanConditionFake, 'BooleanCondition');

export class ConditionalFormatRuleFake implements Bound {
  constructor(
    readonly exec: Execution,
    readonly ss: SpreadsheetModel,
    private readonly stored: CondFormatSpec,
  ) {}

  /** Internal: a copy of the stored rule. */
  _spec(): CondFormatSpec {
    return copySpec(this.stored);
  }

  getRanges(): RangeFake[] {
    return this.stored.ranges.map((r) => new RangeFake(this.exec, this.ss, { ...r }));
  }

  getBooleanCondition(): BooleanConditionFake {
    return new BooleanConditionFake(this.exec, this.stored);
  }

  getGradientCondition(): null {
    return null;
  }

  copy(): ConditionalFormatRuleBuilderFake {
    return new ConditionalFormatRuleBuilderFake(this.exec, this.ss, copySpec(this.stored));
  }
}

instrument(ConditionalFormatRuleFake, 'ConditionalFormatRule');

export class ConditionalFormatRuleBuilderFake implements Bound {
  private readonly draft: CondFormatSpec;

  constructor(
    readonly exec: Execution,
    readonly ss: SpreadsheetModel,
    initial?: CondFormatSpec,
  ) {
    this.draft = initial ?? { ranges: [], criteria: '', values: [], format: {} };
  }

  _when(criteria: string, values: unknown[]): this {
    this.draft.criteria = criteria;
    this.draft.values = values;
    return this;
  }

  whenFormulaSatisfied(formula: string): this {
    return this._when('CUSTOM_FORMULA', [String(formula)]);
  }

  whenCellEmpty(): this {
    return this._when('CELL_EMPTY', []);
  }

  whenCellNotEmpty(): this {
    return this._when('CELL_NOT_EMPTY', []);
  }

  whenTextContains(text: string): this {
    return this._when('TEXT_CONTAINS', [text]);
  }

  whenTextDoesNotContain(text: string): this {
    return this._when('TEXT_DOES_NOT_CONTAIN', [text]);
  }

  whenTextEqualTo(text: string): this {
    return this._when('TEXT_EQUAL_TO', [text]);
  }

  whenTextStartsWith(text: string): this {
    return this._when('TEXT_STARTS_WITH', [text]);
  }

  whenTextEndsWith(text: string): this {
    return this._when('TEXT_ENDS_WITH', [text]);
  }

  whenNumberGreaterThan(number: number): this {
    return this._when('NUMBER_GREATER_THAN', [number]);
  }

  whenNumberLessThan(number: number): this {
    return this._when('NUMBER_LESS_THAN', [number]);
  }

  whenNumberBetween(start: number, end: number): this {
    return this._when('NUMBER_BETWEEN', [start, end]);
  }

  whenNumberEqualTo(number: number): this {
    return this._when('NUMBER_EQUAL_TO', [number]);
  }

  setBackground(color: string | null): this {
    if (color === null) delete this.draft.format.background;
    else this.draft.format.background = String(color);
    return this;
  }

  setFontColor(color: string | null): this {
    if (color === null) delete this.draft.format.fontColor;
    else this.draft.format.fontColor = String(color);
    return this;
  }

  setBold(bold: boolean | null): this {
    if (bold === null) delete this.draft.format.bold;
    else this.draft.format.bold = bold;
    return this;
  }

  setItalic(italic: boolean | null): this {
    if (italic === null) delete this.draft.format.italic;
    else this.draft.format.italic = italic;
    return this;
  }

  setStrikethrough(strikethrough: boolean | null): this {
    if (strikethrough === null) delete this.draft.format.strikethrough;
    else this.draft.format.strikethrough = strikethrough;
    return this;
  }

  setRanges(ranges: RangeFake[]): this {
    if (!Array.isArray(ranges) || !ranges.every((r) => r instanceof RangeFake))
      throw gasError('Invalid argument: ranges');
    this.draft.ranges = ranges.map((r) => ({ ...r.ref }));
    return this;
  }

  getRanges(): RangeFake[] {
    return this.draft.ranges.map((r) => new RangeFake(this.exec, this.ss, { ...r }));
  }

  getBooleanCondition(): BooleanConditionFake | null {
    return this.draft.criteria ? new BooleanConditionFake(this.exec, copySpec(this.draft)) : null;
  }

  build(): ConditionalFormatRuleFake {
    if (!this.draft.criteria) throw gasError('The conditional format rule has no condition.');
    if (this.draft.ranges.length === 0) throw gasError('The conditional format rule has no ranges.');
    return new ConditionalFormatRuleFake(this.exec, this.ss, copySpec(this.draft));
  }
}

instrument(ConditionalFormatRuleBuilderFake, 'ConditionalFormatRuleBuilder');
