/** Embedded charts (builder + chart) and the `Charts` global's enums. */
import { enumOf } from './enums';
import { gasError } from './errors';
import { type Bound, type Execution, instrument } from './exec';
import type { ChartSpec, SheetModel, SpreadsheetModel } from './model';
import { RangeFake } from './range';

export const ChartType = enumOf([
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TIMELINE',
  'TREEMAP',
  'WATERFALL',
]);

/** The `Charts` global (enums only). */
export const Charts = Object.freeze({
  ChartType,
  ChartMergeStrategy: enumOf(['MERGE_COLUMNS', 'MERGE_ROWS']),
  ChartHiddenDimensionStrategy: enumOf(['IGNORE_BOTH', 'IGNORE_ROWS', 'IGNORE_COLUMNS', 'SHOW_BOTH']),
  Position: enumOf(['TOP', 'RIGHT', 'BOTTOM', 'NONE']),
  CurveStyle: enumOf(['NORMAL', 'SMOOTH']),
  PointStyle: enumOf(['NONE', 'TINY', 'MEDIUM', 'LARGE', 'HUGE']),
  Orientation: enumOf(['HORIZONTAL', 'VERTICAL']),
});

function copyChart(spec: ChartSpec): ChartSpec {
  return {
    ...spec,
    ranges: spec.ranges.map((r) => ({ ...r })),
    options: { ...spec.options },
    position: { ...spec.position },
  };
}

export class ChartOptionsFake implements Bound {
  constructor(
    readonly exec: Execution,
    private readonly options: Record<string, unknown>,
  ) {}

  get(option: string): unknown {
    return this.options[option] ?? null;
  }

  getOrDefault(option: string): unknown {
    return this.options[option] ?? null;
  }
}

instrument(ChartOptionsFake, 'ChartOptions');

export class ContainerInfoFake implements Bound {
  constructor(
    readonly exec: Execution,
    private readonly position: ChartSpec['position'],
  ) {}

  getAnchorRow(): number {
    return this.position.row;
  }

  getAnchorColumn(): number {
    return this.position.col;
  }

  getOffsetX(): number {
    return this.position.offsetX;
  }

  getOffsetY(): number {
    return this.position.offsetY;
  }
}

instrument(ContainerInfoFake, 'ContainerInfo');

export class EmbeddedChartFake implements Bound {
  constructor(
    readonly exec: Execution,
    readonly ss: SpreadsheetModel,
    private stored: ChartSpec,
  ) {}

  /** Internal: copy of the chart's spec. */
  _spec(): ChartSpec {
    return copyChart(this.stored);
  }

  /** Internal: called by insertChart with the id assigned. */
  _attach(spec: ChartSpec): void {
    this.stored = copyChart(spec);
  }

  /** Numeric id, or null when the chart is not inserted in a sheet. */
  getChartId(): number | null {
    return this.stored.chartId === 0 ? null : this.stored.chartId;
  }

  getId(): string {
    return `u${this.stored.chartId}`;
  }

  getRanges(): RangeFake[] {
    return this.stored.ranges.map((r) => new RangeFake(this.exec, this.ss, { ...r }));
  }

  getOptions(): ChartOptionsFake {
    return new ChartOptionsFake(this.exec, { ...this.stored.options });
  }

  getContainerInfo(): ContainerInfoFake {
    return new ContainerInfoFake(this.exec, { ...this.stored.position });
  }

  getNumHeaders(): number {
    return this.stored.numHeaders;
  }

  getTransposeRowsAndColumns(): boolean {
    return this.stored.transpose;
  }

  getMergeStrategy(): string {
    return this.stored.mergeStrategy;
  }

  getHiddenDimensionStrategy(): string {
    return this.stored.hiddenDimensionStrategy;
  }

  /** A builder pre-filled with this chart (keeps the id for Sheet.updateChart). */
  modify(): EmbeddedChartBuilderFake {
    return new EmbeddedChartBuilderFake(this.exec, this.ss, undefined, copyChart(this.stored));
  }
}

instrument(EmbeddedChartFake, 'EmbeddedChart');

export class EmbeddedChartBuilderFake implements Bound {
  private readonly draft: ChartSpec;

  constructor(
    readonly exec: Execution,
    readonly ss: SpreadsheetModel,
    _sheet?: SheetModel,
    initial?: ChartSpec,
  ) {
    this.draft = initial ?? {
      chartId: 0,
      type: 'COLUMN',
      ranges: [],
      options: {},
      position: { row: 1, col: 1, offsetX: 0, offsetY: 0 },
      numHeaders: -1,
      transpose: false,
      mergeStrategy: 'MERGE_COLUMNS',
      hiddenDimensionStrategy: 'IGNORE_BOTH',
    };
  }

  _type(type: string): this {
    this.draft.type = type;
    return this;
  }

  addRange(range: RangeFake): this {
    if (!(range instanceof RangeFake)) throw gasError('Invalid argument: range');
    this.draft.ranges.push({ ...range.ref });
    return this;
  }

  removeRange(range: RangeFake): this {
    if (!(range instanceof RangeFake)) throw gasError('Invalid argument: range');
    const r = range.ref;
    this.draft.ranges = this.draft.ranges.filter(
      (x) =>
        !(
          x.sheetId === r.sheetId &&
          x.row === r.row &&
          x.col === r.col &&
          x.numRows === r.numRows &&
          x.numCols === r.numCols
        ),
    );
    return this;
  }

  clearRanges(): this {
    this.draft.ranges = [];
    return this;
  }

  getRanges(): RangeFake[] {
    return this.draft.ranges.map((r) => new RangeFake(this.exec, this.ss, { ...r }));
  }

  setChartType(type: string): this {
    if (!(String(type) in ChartType)) throw gasError('Invalid argument: type');
    return this._type(String(type));
  }

  getChartType(): string {
    return this.draft.type;
  }

  asAreaChart(): this {
    return this._type('AREA');
  }

  asBarChart(): this {
    return this._type('BAR');
  }

  asColumnChart(): this {
    return this._type('COLUMN');
  }

  asComboChart(): this {
    return this._type('COMBO');
  }

  asHistogramChart(): this {
    return this._type('HISTOGRAM');
  }

  asLineChart(): this {
    return this._type('LINE');
  }

  asPieChart(): this {
    return this._type('PIE');
  }

  asScatterChart(): this {
    return this._type('SCATTER');
  }

  asSteppedAreaChart(): this {
    return this._type('STEPPED_AREA');
  }

  asTableChart(): this {
    return this._type('TABLE');
  }

  setOption(option: string, value: unknown): this {
    this.draft.options[String(option)] = value;
    return this;
  }

  /** Convenience setters of the typed builders, stored as the matching options. */
  setTitle(title: string): this {
    return this.setOption('title', title);
  }

  setLegendPosition(position: string): this {
    return this.setOption('legend.position', String(position).toLowerCase());
  }

  setStacked(): this {
    return this.setOption('isStacked', true);
  }

  setColors(cssValues: string[]): this {
    return this.setOption('colors', [...cssValues]);
  }

  setXAxisTitle(title: string): this {
    return this.setOption('hAxis.title', title);
  }

  setYAxisTitle(title: string): this {
    return this.setOption('vAxis.title', title);
  }

  set3D(): this {
    return this.setOption('is3D', true);
  }

  /** Where the chart will sit (the `setPosition` anchor and offsets), as `EmbeddedChart.getContainerInfo()`. */
  getContainer(): ContainerInfoFake {
    return new ContainerInfoFake(this.exec, { ...this.draft.position });
  }

  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    this.draft.position = { row: anchorRowPos, col: anchorColPos, offsetX, offsetY };
    return this;
  }

  setNumHeaders(headers: number): this {
    this.draft.numHeaders = headers;
    return this;
  }

  setTransposeRowsAndColumns(transpose: boolean): this {
    this.draft.transpose = transpose;
    return this;
  }

  setMergeStrategy(mergeStrategy: string): this {
    this.draft.mergeStrategy = String(mergeStrategy);
    return this;
  }

  setHiddenDimensionStrategy(strategy: string): this {
    this.draft.hiddenDimensionStrategy = String(strategy);
    return this;
  }

  build(): EmbeddedChartFake {
    return new EmbeddedChartFake(this.exec, this.ss, copyChart(this.draft));
  }
}

instrument(EmbeddedChartBuilderFake, 'EmbeddedChartBuilder');
