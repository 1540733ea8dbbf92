/** The `SpreadsheetApp` global for one execution. */
import { BooleanCriteria, ConditionalFormatRuleBuilderFake } from './conditional-format';
import { enumOf } from './enums';
import { gasError, permissionError, SCOPES } from './errors';
import { type Bound, type Execution, instrument } from './exec';
import type { RangeFake } from './range';
import type { SheetFake } from './sheet';
import { SpreadsheetFake } from './spreadsheet';
import { UiFake } from './ui';
import { DataValidationBuilderFake, DataValidationCriteria } from './validation';

export const UI_CONTEXT_ERROR = 'Cannot call SpreadsheetApp.getUi() from this context.';

export class SpreadsheetAppFake implements Bound {
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly BooleanCriteria = BooleanCriteria;
  readonly WrapStrategy = enumOf(['WRAP', 'OVERFLOW', 'CLIP']);
  readonly ProtectionType = enumOf(['RANGE', 'SHEET']);
  readonly Dimension = enumOf(['COLUMNS', 'ROWS']);
  readonly SheetType = enumOf(['GRID', 'OBJECT', 'DATASOURCE']);
  readonly BorderStyle = enumOf(['DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE']);
  readonly Direction = enumOf(['UP', 'DOWN', 'PREVIOUS', 'NEXT']);
  readonly CopyPasteType = enumOf([
    'PASTE_NORMAL',
    'PASTE_NO_BORDERS',
    'PASTE_FORMAT',
    'PASTE_FORMULA',
    'PASTE_DATA_VALIDATION',
    'PASTE_VALUES',
    'PASTE_CONDITIONAL_FORMATTING',
    'PASTE_COLUMN_WIDTHS',
  ]);

  constructor(readonly exec: Execution) {}

  _ss(): SpreadsheetFake {
    return new SpreadsheetFake(this.exec, this.exec.world.spreadsheet());
  }

  getActive(): SpreadsheetFake {
    return this._ss();
  }

  getActiveSpreadsheet(): SpreadsheetFake {
    return this._ss();
  }

  getActiveSheet(): SheetFake {
    return this._ss().getActiveSheet();
  }

  getActiveRange(): RangeFake {
    return this._ss().getActiveRange();
  }

  getCurrentCell(): RangeFake {
    return this._ss().getCurrentCell();
  }

  setActiveSheet(sheet: SheetFake): SheetFake {
    return this._ss().setActiveSheet(sheet);
  }

  setActiveRange(range: RangeFake): RangeFake {
    return this._ss().setActiveRange(range);
  }

  /** Throws from time-driven triggers and custom functions, like Apps Script. */
  getUi(): UiFake {
    if (this.exec.trigger === 'time' || this.exec.authMode === 'CUSTOM_FUNCTION')
      throw gasError(UI_CONTEXT_ERROR);
    return new UiFake(this.exec);
  }

  /** Writes are applied immediately; nothing to flush. */
  flush(): void {}

  newDataValidation(): DataValidationBuilderFake {
    return new DataValidationBuilderFake(this.exec, this.exec.world.spreadsheet());
  }

  newConditionalFormatRule(): ConditionalFormatRuleBuilderFake {
    return new ConditionalFormatRuleBuilderFake(this.exec, this.exec.world.spreadsheet());
  }

  /** Not available with the `spreadsheets.currentonly` scope. */
  openById(_id: string): never {
    throw permissionError('SpreadsheetApp.openById', 'https://www.googleapis.com/auth/spreadsheets');
  }

  openByUrl(_url: string): never {
    throw permissionError('SpreadsheetApp.openByUrl', 'https://www.googleapis.com/auth/spreadsheets');
  }

  create(_name: string): never {
    throw permissionError('SpreadsheetApp.create', 'https://www.googleapis.com/auth/spreadsheets');
  }
}

instrument(SpreadsheetAppFake, 'SpreadsheetApp', {
  fallback: 'read',
  scope: SCOPES.spreadsheet,
  messageStyle: 'qualified',
  access: {
    getUi: 'free',
    flush: 'free',
    newDataValidation: 'free',
    newConditionalFormatRule: 'free',
    openById: 'free',
    openByUrl: 'free',
    create: 'free',
    setActiveSheet: 'write',
    setActiveRange: 'write',
  },
});
