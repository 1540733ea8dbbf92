import {
  checkHour,
  checkManager,
  checkWeekday,
  describeConfig,
  describeSummary,
  parseConfig,
  parseSummary,
  settingsView,
} from './settings';

test('hours 0–23 as typed', () => {
  expect(checkHour('8')).toEqual({ ok: true, value: 8 });
  expect(checkHour(0)).toEqual({ ok: true, value: 0 });
  expect(checkHour('23:00')).toEqual({ ok: true, value: 23 });
  expect(checkHour('24').ok).toBe(false);
  expect(checkHour('-1').ok).toBe(false);
  expect(checkHour('8.5').ok).toBe(false);
  expect(checkHour('').ok).toBe(false);
});

test('manager address optional', () => {
  expect(checkManager(' ')).toEqual({ ok: true, value: '' });
  expect(checkManager(' boss@x.com ')).toEqual({ ok: true, value: 'boss@x.com' });
  expect(checkManager('boss').ok).toBe(false);
});

test('config and summary parse defensively', () => {
  expect(parseConfig(null)).toBeNull();
  expect(parseConfig('{')).toBeNull();
  expect(parseConfig('{"owner":"a@x.com","hour":99}')).toMatchObject({
    owner: 'a@x.com',
    hour: 8,
    manager: '',
  });
  expect(parseSummary('{"at":"2026-11-23T09:00:00.000Z","emailsSent":2}')).toMatchObject({
    emailsSent: 2,
    errors: [],
  });
});

test('describe', () => {
  const config = {
    owner: 'ana@x.com',
    hour: 7,
    manager: 'boss@x.com',
    since: '',
    reportDay: 1,
    reportToOwners: false,
  };
  expect(describeConfig(config, 'ANA@x.com', 'Europe/London')).toBe(
    'Alerts are on: the daily check runs at about 07:00 (Europe/London) as you. The manager summary goes to boss@x.com. The weekly report goes out on Monday to boss@x.com.',
  );
  expect(describeConfig({ ...config, manager: '', reportDay: 5 }, 'ana@x.com', 'UTC')).toContain(
    'The weekly snapshot is taken on Friday.',
  );
  expect(describeConfig({ ...config, reportToOwners: true }, 'ana@x.com', 'UTC')).toContain(
    'on Monday to boss@x.com and every owner.',
  );
  expect(describeConfig(config, 'bob@x.com', 'UTC')).toContain('as ana@x.com.');
  expect(describeConfig(null, 'bob@x.com', 'UTC')).toBe('Alerts are off.');
  const summary = parseSummary(
    JSON.stringify({
      at: 'T',
      via: 'trigger',
      deals: 3,
      stalled: 2,
      newlyStalled: 1,
      emailsSent: 1,
      finished: false,
      errors: ['x'],
    }),
  );
  expect(describeSummary(summary, (iso) => `<${iso}>`)).toBe(
    'Last run <T> (daily check): 3 deals checked, 2 stalled (1 newly); 0 flagged, 0 cleared; 1 email sent, 0 deferred to the next run. It stopped at its time limit; the next run continues. Errors: x',
  );
  expect(describeSummary(null, String)).toBe('The check has not run yet.');
});

test("the dialog's view: someone else's alerts, their values as they are (the page escapes them)", () => {
  const view = settingsView(
    {
      owner: '"><script>x</script>@x.com',
      hour: 9,
      manager: 'a"b@x.com',
      since: '',
      reportDay: 3,
      reportToOwners: true,
    },
    null,
    'bob@x.com',
    'Europe/<London>',
    String,
  );
  expect(view).toEqual({
    on: true,
    mine: false,
    owner: '"><script>x</script>@x.com',
    hour: 9,
    manager: 'a"b@x.com',
    reportDay: 3,
    reportToOwners: true,
    status:
      'Alerts are on: the daily check runs at about 09:00 (Europe/<London>) as "><script>x</script>@x.com. The manager summary goes to a"b@x.com. The weekly report goes out on Wednesday to a"b@x.com and every owner.',
    lastRun: 'The check has not run yet.',
    timeZone: 'Europe/<London>',
  });
  // Off: the defaults the dialog offers (08:00, Monday, owners unchecked).
  expect(settingsView(null, null, 'bob@x.com', 'UTC', String)).toMatchObject({
    on: false,
    mine: false,
    hour: 8,
    manager: '',
    reportDay: 1,
    reportToOwners: false,
    status: 'Alerts are off.',
  });
});

test('report weekday as typed; Monday by default; anything else is refused with the value', () => {
  expect(checkWeekday('')).toEqual({ ok: true, value: 1 });
  expect(checkWeekday('0')).toEqual({ ok: true, value: 0 });
  expect(checkWeekday(6)).toEqual({ ok: true, value: 6 });
  expect(checkWeekday('friday')).toEqual({ ok: true, value: 5 });
  expect(checkWeekday(' Tue ')).toEqual({ ok: true, value: 2 });
  expect(checkWeekday('7')).toEqual({
    ok: false,
    message: 'The report day must be a weekday, Sunday to Saturday (got "7").',
  });
  expect(checkWeekday('Mo').ok).toBe(false);
  expect(checkWeekday('<b>').ok).toBe(false);
  expect(parseConfig('{"owner":"a@x.com","hour":8}')).toMatchObject({ reportDay: 1, reportToOwners: false });
  expect(parseConfig('{"owner":"a@x.com","hour":8,"reportDay":9,"reportToOwners":"yes"}')).toMatchObject({
    reportDay: 1,
    reportToOwners: false,
  });
  expect(parseConfig('{"owner":"a@x.com","hour":8,"reportDay":0,"reportToOwners":true}')).toMatchObject({
    reportDay: 0,
    reportToOwners: true,
  });
});
