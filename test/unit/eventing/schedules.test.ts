import { strict as assert } from 'node:assert';
import { parseSchedule, ScheduleError } from '../../../src/core/eventing/schedules';

/** The next `count` fire times after `from`, as ISO strings. */
function fires(expression: string, from: string, count = 3, options = {}): string[] {
  const schedule = parseSchedule(expression, options);
  const out: string[] = [];
  let at: Date | undefined = new Date(from);
  for (let i = 0; i < count; i++) {
    at = schedule.next(at);
    if (!at) break;
    out.push(at.toISOString().replace('.000Z', 'Z'));
  }
  return out;
}

function scheduleError(expression: string): ScheduleError {
  try {
    parseSchedule(expression);
  } catch (err) {
    if (err instanceof ScheduleError) return err;
    throw err;
  }
  assert.fail(`expected ${expression} to be rejected`);
}

// Friday 27 November 2026, 10:07 UTC.
const now = '2026-11-27T10:07:00Z';

describe('schedules: cron (AWS six fields)', () => {
  it('computes the AWS documentation examples', () => {
    assert.deepEqual(fires('cron(0 10 * * ? *)', now), ['2026-11-28T10:00:00Z', '2026-11-29T10:00:00Z', '2026-11-30T10:00:00Z']);
    assert.deepEqual(fires('cron(15 12 * * ? *)', now, 1), ['2026-11-27T12:15:00Z']);
    assert.deepEqual(fires('cron(0 18 ? * MON-FRI *)', now), ['2026-11-27T18:00:00Z', '2026-11-30T18:00:00Z', '2026-12-01T18:00:00Z']);
    assert.deepEqual(fires('cron(0 8 1 * ? *)', now, 2), ['2026-12-01T08:00:00Z', '2027-01-01T08:00:00Z']);
    assert.deepEqual(fires('cron(0/15 * * * ? *)', now, 2), ['2026-11-27T10:15:00Z', '2026-11-27T10:30:00Z']);
    assert.deepEqual(fires('cron(0/5 8-17 ? * MON-FRI *)', '2026-11-27T17:56:00Z', 2), ['2026-11-30T08:00:00Z', '2026-11-30T08:05:00Z']);
    assert.deepEqual(fires('cron(1/10 * * * ? *)', now, 2), ['2026-11-27T10:11:00Z', '2026-11-27T10:21:00Z']);
  });

  it('supports L, W and # with AWS day numbers (1 = Sunday)', () => {
    assert.deepEqual(fires('cron(0 8 L * ? *)', now, 2), ['2026-11-30T08:00:00Z', '2026-12-31T08:00:00Z']);
    assert.deepEqual(fires('cron(0 8 3W * ? *)', '2026-12-31T00:00:00Z', 1), ['2027-01-04T08:00:00Z']);
    assert.deepEqual(fires('cron(0 9 ? * 2#1 *)', now, 1), ['2026-12-07T09:00:00Z']);
    assert.deepEqual(fires('cron(0 8 ? * 6L *)', now, 1), ['2026-12-25T08:00:00Z']);
    assert.deepEqual(fires('cron(0 8 ? * 1 *)', now, 1), ['2026-11-29T08:00:00Z']);
  });

  it('stops after the last year and honours a time zone', () => {
    assert.deepEqual(fires('cron(0 8 1 1 ? 2027)', now), ['2027-01-01T08:00:00Z']);
    assert.deepEqual(fires('cron(0 9 * * ? *)', now, 1, { timezone: 'Europe/Paris' }), ['2026-11-28T08:00:00Z']);
  });

  it('rejects invalid expressions with the position of the problem', () => {
    const cases: [string, RegExp, number][] = [
      ['cron(0 25 * * ? *)', /hours: 25 is out of range 0-23/, 7],
      ['cron(0 10 * * * *)', /"\?" in exactly one of day-of-month and day-of-week/, 10],
      ['cron(0 10 * *)', /needs 6 fields/, 5],
      ['cron(0 8 ? * MON/2 *)', /day-of-week: "\/" is not allowed/, 16],
      ['cron(0 8 ? * 3#1,6#3 *)', /single expression/, 14],
      ['cron(0 8 ? * 2#6 *)', /occurrence after "#" must be 1-5/, 15],
      ['cron(0 8 * * ? 1969)', /year: 1969 is out of range 1970-2199/, 15],
      ['cron(0 8 5-1 * ? *)', /range 5-1 starts after it ends/, 9],
      ['cron(0 8 ? FOO * *)', /month: "FOO" is not a value/, 11],
      ['cron(0 8 1L * ? *)', /"L" cannot be used/, 10],
    ];
    for (const [expression, reason, position] of cases) {
      const err = scheduleError(expression);
      assert.match(err.reason, reason, expression);
      assert.equal(err.position, position, expression);
    }
  });
});

describe('schedules: rate and at', () => {
  it('fires a rate at whole periods from its start (epoch-aligned by default)', () => {
    assert.deepEqual(fires('rate(5 minutes)', now), ['2026-11-27T10:10:00Z', '2026-11-27T10:15:00Z', '2026-11-27T10:20:00Z']);
    assert.deepEqual(fires('rate(1 hour)', now, 2, { start: new Date('2026-11-27T09:30:00Z') }), ['2026-11-27T10:30:00Z', '2026-11-27T11:30:00Z']);
    assert.equal(parseSchedule('rate(2 days)').periodMs, 2 * 86_400_000);
  });

  it('insists on singular for 1 and plural otherwise, and a positive whole value', () => {
    assert.match(scheduleError('rate(1 hours)').reason, /write "1 hour"/);
    assert.match(scheduleError('rate(5 hour)').reason, /write "5 hours"/);
    assert.match(scheduleError('rate(0 minutes)').reason, /positive whole number/);
    assert.match(scheduleError('rate(5 weeks)').reason, /unknown rate unit "weeks"/);
  });

  it('fires at() once, in the given time zone', () => {
    assert.deepEqual(fires('at(2026-12-01T09:00:00)', now), ['2026-12-01T09:00:00Z']);
    assert.deepEqual(fires('at(2026-12-01T09:00:00)', now, 1, { timezone: 'America/New_York' }), ['2026-12-01T14:00:00Z']);
    assert.deepEqual(fires('at(2026-01-01T00:00:00)', now), []);
    assert.match(scheduleError('at(2026-02-30T00:00:00)').reason, /not a valid date/);
    assert.match(scheduleError('at(2026-12-01 09:00)').reason, /yyyy-mm-ddThh:mm:ss/);
  });

  it('explains what a schedule expression looks like', () => {
    assert.match(scheduleError('every 5 minutes').message, /rate\(value unit\), cron\(6 fields\) or at/);
    assert.throws(() => parseSchedule('rate(5 minutes)', { timezone: 'Mars/Olympus' }), /unknown time zone/);
  });
});
