import { checkItems, rowLink } from '../core/setup/checkReport';
import { setupSummary } from '../core/setup/summary';
import { aboutHtml } from './about';
import { checkReportHtml } from './checkReport';

const URL = 'https://docs.google.com/spreadsheets/d/abc/edit';

test('each problem links to its row of the deals sheet', () => {
  const items = checkItems(
    [
      ['Row', 'Deal', 'Problem'],
      [4, 'Acme', 'Amount "abc" is not a number'],
      [9, '<b>Evil</b> & co', 'Unknown stage "x"'],
    ],
    URL,
    123,
  );
  expect(items.map((i) => [i.row, i.link])).toEqual([
    [4, `${URL}#gid=123&range=A4`],
    [9, `${URL}#gid=123&range=A9`],
  ]);
  expect(rowLink(URL, 0, 2)).toBe(`${URL}#gid=0&range=A2`);
  const html = checkReportHtml(items, 'Opportunities <2026>');
  expect(html).toContain(`<a href="${URL}#gid=123&amp;range=A9" target="_top">Row 9</a>`);
  expect(html).toContain('&lt;b&gt;Evil&lt;/b&gt; &amp; co');
  expect(html).toContain('Unknown stage &quot;x&quot;');
  expect(html).toContain('2 rows of Opportunities &lt;2026&gt; need a look.');
  expect(html).not.toContain('<b>Evil</b>');
});

test('about: version, functions escaped, docs link when there is one', () => {
  const html = aboutHtml('1.2.3', [{ name: 'PIPELINE_X', description: 'a < b' }], '');
  expect(html).toContain('<b>Sheets Pipeline</b> 1.2.3');
  expect(html).toContain('<code>PIPELINE_X</code> — a &lt; b');
  expect(aboutHtml('1', [], 'https://example.com/docs?a=1&b=2')).toContain(
    'href="https://example.com/docs?a=1&amp;b=2"',
  );
});

test('set-up summary', () => {
  const base = { dealsSheet: 'Opps', addedColumns: [], idsAssigned: 0, createdSheets: [], changes: [] };
  expect(setupSummary({ ...base, how: 'remembered' })).toBe('Everything was already set up on "Opps".');
  expect(
    setupSummary({
      ...base,
      how: 'adopted',
      addedColumns: ['ID', 'Company'],
      idsAssigned: 1,
      createdSheets: ['Stages'],
      changes: ['DEALS'],
    }),
  ).toBe(
    'Adopted "Opps" as the deals sheet. Added 2 columns: ID, Company. Gave 1 deal an ID. Created Stages. Set DEALS.',
  );
});
