/** Data validation: builder and rule (stored on cells; not enforced on writes). */
import { enumOf } from './enums';
import { gasError } from './errors';
import { type Bound, type Execution, instrument } from './exec';
import type { GridRef, SpreadsheetModel, ValidationSpec } from './model';
import { RangeFake } from './range';

export const DataValidationCriteria = enumOf([
  'CHECKBOX',
  'CUSTOM_FORMULA',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
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
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
]);

/** A range stored inside criteria values. */
interface RangeValue {
  kind: 'range';
  ref: GridRef;
}

function isRangeValue(v: unknown): v is RangeValue {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'range' && 'ref' in v;
}

function storeValue(v: unknown): unknown {
  if (v instanceof RangeFake) return { kind: 'range', ref: { ...v.ref } } satisfies RangeValue;
  if (Array.isArray(v)) return v.map(storeValue);
  return v;
}

function loadValue(exec: Execution, ss: SpreadsheetModel, v: unknown): unknown {
  if (isRangeValue(v)) return new RangeFake(exec, ss, { ...v.ref });
  if (Array.isArray(v)) return v.map((x) => loadValue(exec, ss, x));
  return v;
}

export class DataValidationFake implements Bound {
  constructor(
    readonly exec: Execution,
    readonly ss: SpreadsheetModel,
    private readonly stored: ValidationSpec,
  ) {}

  /** Internal: a copy of the stored rule. */
  _spec(): ValidationSpec {
    return { ...this.stored, values: [...this.stored.values] };
  }

  getCriteriaType(): string {
    return this.stored.criteria;
  }

  /** For VALUE_IN_RANGE: [Range, showDropdown]; for VALUE_IN_LIST: [string[], showDropdown]. */
  getCriteriaValues(): unknown[] {
    return this.stored.values.map((v) => loadValue(this.exec, this.ss, v));
  }

  getAllowInvalid(): boolean {
    return this.stored.allowInvalid;
  }

  getHelpText(): string | null {
    return this.stored.helpText === '' ? null : this.stored.helpText;
  }

  copy(): DataValidationBuilderFake {
    return new DataValidationBuilderFake(this.exec, this.ss, this._spec());
  }
}

instrument(DataValidationFake, 'DataValidation');

export class DataValidationBuilderFake implements Bound {
  private readonly draft: ValidationSpec;

  constructor(
    readonly exec: Execution,
    readonly ss: SpreadsheetModel,
    initial?: ValidationSpec,
  ) {
    this.draft = initial ?? { criteria: '', values: [], allowInvalid: true, helpText: '' };
  }

  _set(criteria: string, values: unknown[]): this {
    this.draft.criteria = criteria;
    this.draft.values = values.map(storeValue);
    return this;
  }

  requireValueInRange(range: RangeFake, showDropdown = true): this {
    if (!(range instanceof RangeFake)) throw gasError('Invalid argument: range');
    return this._set('VALUE_IN_RANGE', [range, showDropdown]);
  }

  requireValueInList(values: string[], showDropdown = true): this {
    if (!Array.isArray(values)) throw gasError('Invalid argument: values');
    return this._set('VALUE_IN_LIST', [[...values], showDropdown]);
  }

  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): this {
    const values =
      checkedValue === undefined
        ? []
        : uncheckedValue === undefined
          ? [checkedValue]
          : [checkedValue, uncheckedValue];
    return this._set('CHECKBOX', values);
  }

  requireNumberBetween(start: number, end: number): this {
    return this._set('NUMBER_BETWEEN', [start, end]);
  }

  requireNumberGreaterThan(number: number): this {
    return this._set('NUMBER_GREATER_THAN', [number]);
  }

  requireNumberGreaterThanOrEqualTo(number: number): this {
    return this._set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [number]);
  }

  requireNumberLessThan(number: number): this {
    return this._set('NUMBER_LESS_THAN', [number]);
  }

  requireNumberLessThanOrEqualTo(number: number): this {
    return this._set('NUMBER_LESS_THAN_OR_EQUAL_TO', [number]);
  }

  requireNumberEqualTo(number: number): this {
    return this._set('NUMBER_EQUAL_TO', [number]);
  }

  requireDate(): this {
    return this._set('DATE_IS_VALID_DATE', []);
  }

  requireDateAfter(date: Date): this {
    return this._set('DATE_AFTER', [date]);
  }

  requireDateBefore(date: Date): this {
    return this._set('DATE_BEFORE', [date]);
  }

  requireDateOnOrAfter(date: Date): this {
    return this._set('DATE_ON_OR_AFTER', [date]);
  }

  requireFormulaSatisfied(formula: string): this {
    return this._set('CUSTOM_FORMULA', [formula]);
  }

  requireTextIsEmail(): this {
    return this._set('TEXT_IS_VALID_EMAIL', []);
  }

  requireTextIsUrl(): this {
    return this._set('TEXT_IS_VALID_URL', []);
  }

  requireTextContains(text: string): this {
    return this._set('TEXT_CONTAINS', [text]);
  }

  requireTextEqualTo(text: string): this {
    return this._set('TEXT_EQUAL_TO', [text]);
  }

  withCriteria(criteria: string, args: unknown[]): this {
    return this._set(String(criteria), Array.isArray(args) ? args : []);
  }

  setAllowInvalid(allowInvalidData: boolean): this {
    this.draft.allowInvalid = allowInvalidData === true;
    return this;
  }

  setHelpText(helpText: string): this {
    this.draft.helpText = String(helpText);
    return this;
  }

  getCriteriaType(): string {
    return this.draft.criteria;
  }

  getCriteriaValues(): unknown[] {
    return this.draft.values.map((v) => loadValue(this.exec, this.ss, v));
  }

  getAllowInvalid(): boolean {
    return this.draft.allowInvalid;
  }

  getHelpText(): string | null {
    return this.draft.helpText === '' ? null : this.draft.helpText;
  }

  build(): DataValidationFake {
    if (!this.draft.criteria) throw gasError('The data validation rule has no criteria.');
    return new DataValidationFake(this.exec, this.ss, { ...this.draft, values: [...this.draft.values] });
  }
}

instrument(DataValidationBuilderFake, 'DataValidationBuilder');
