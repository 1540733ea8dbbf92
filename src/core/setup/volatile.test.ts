import { refusedCall } from './volatile';

describe('refusedCall', () => {
  test.each([
    ['=NOW()-H2', 'NOW'],
    ['=now() - h2', 'NOW'],
    ['=ROUND(RAND()*10, 0)', 'RAND'],
    ['=IF(A2="", "", RANDBETWEEN(1, 6))', 'RANDBETWEEN'],
    ['=SUM(RANDARRAY(2))', 'RANDARRAY'],
    ['=INT( NOW ())', 'NOW'],
  ])('%s calls %s', (formula, name) => {
    expect(refusedCall(formula)).toBe(name);
  });

  test.each([
    // TODAY() is not in the error Sheets gives (see the module comment)
    '=TODAY()-H2',
    // text, not a call; an escaped quote inside the text does not end it early
    '="NOW()"',
    '="say ""NOW()"" please"&A2',
    // names that only end or start like one
    '=MYNOW(1)',
    '=NOWISH(1)',
    '=RANDOMIZE(2)',
    // a plain value is not a formula
    'NOW()',
    '',
    '=H2-G2',
  ])('%s calls none', (formula) => {
    expect(refusedCall(formula)).toBeNull();
  });
});
