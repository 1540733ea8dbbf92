/** The chart record the playground draws from: what EmbeddedChartBuilder calls leave behind. */
import { createGlobals } from './globals';
import { World } from './world';

describe('EmbeddedChartBuilder record', () => {
  test('setPosition, typed setters and setOption are kept as the documented getters read them', () => {
    const world = new World();
    world.setSheet('Dashboard', [
      ['Stage', 'Reached'],
      ['Lead', 3],
    ]);
    const g = createGlobals(world);
    const sheet = g.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Dashboard')!;
    const builder = sheet
      .newChart()
      .asColumnChart()
      .addRange(sheet.getRange('A1:B2'))
      .setPosition(19, 14, 5, 7)
      .setLegendPosition(g.Charts.Position.BOTTOM)
      .setXAxisTitle('Stage')
      .setOption('width', 800);
    // getContainer() reads the builder's pending position (ContainerInfo: 1-based anchor, px offsets).
    const info = builder.getContainer();
    expect([info.getAnchorRow(), info.getAnchorColumn(), info.getOffsetX(), info.getOffsetY()]).toEqual([
      19, 14, 5, 7,
    ]);
    sheet.insertChart(builder.build());
    const chart = sheet.getCharts()[0]!;
    expect(chart.getContainerInfo().getAnchorColumn()).toBe(14);
    expect(chart.getOptions().get('legend.position')).toBe('bottom');
    expect(chart.getOptions().get('hAxis.title')).toBe('Stage');
    expect(chart.getOptions().get('width')).toBe(800);
    expect(chart.getRanges()[0]!.getA1Notation()).toBe('A1:B2');
    expect(world.charts('Dashboard')[0]).toMatchObject({
      type: 'COLUMN',
      position: { row: 19, col: 14, offsetX: 5, offsetY: 7 },
    });
  });
});
