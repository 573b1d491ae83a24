// Schedule expressions of EventBridge rules and EventBridge Scheduler: rate(…), cron(…) and the
// Scheduler's one-time at(…), with next fire times. Time compression is not here: the engine's
// clock scales time (issue 13 §2), this module only answers "when next, after this instant".
// Sources (read 2026-11-27): https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
// and https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
import { Cron } from 'croner';
import { awsCronToCroner, CronFieldError } from './cron';

/** An invalid schedule expression; `position` is the 0-based index of the offending character. */
export class ScheduleError extends Error {
  constructor(readonly expression: string, readonly position: number, readonly reason: string) {
    super(`${reason}\n  ${expression}\n  ${' '.repeat(Math.max(0, position))}^`);
    this.name = 'ScheduleError';
  }
}

/** A parsed schedule expression. */
export interface Schedule {
  kind: 'rate' | 'cron' | 'at';
  expression: string;
  /** For rate(): the period in milliseconds. */
  periodMs?: number;
  /** The first fire time strictly after `after`, or undefined when the schedule has no more. */
  next(after: Date): Date | undefined;
}

/** Options: a rate's first fire time (default: aligned to the Unix epoch) and the time zone of cron/at (default UTC). */
export interface ScheduleOptions {
  start?: Date;
  timezone?: string;
}

const units: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

function parseRate(expression: string, body: string, offset: number, options: ScheduleOptions): Schedule {
  const m = /^(\s*)(\S+)(\s+)(\S+)\s*$/.exec(body);
  if (!m) throw new ScheduleError(expression, offset, 'rate needs a value and a unit, e.g. rate(5 minutes)');
  const [, lead = '', valueText = '', gap = '', unit = ''] = m;
  const valueAt = offset + lead.length;
  const unitAt = valueAt + valueText.length + gap.length;
  if (!/^\d+$/.test(valueText) || Number(valueText) < 1) throw new ScheduleError(expression, valueAt, `rate value must be a positive whole number, not "${valueText}"`);
  const value = Number(valueText);
  const singular = unit.replace(/s$/, '');
  const size = units[singular];
  if (!size) throw new ScheduleError(expression, unitAt, `unknown rate unit "${unit}": use minute(s), hour(s) or day(s)`);
  const expected = value === 1 ? singular : `${singular}s`;
  if (unit !== expected) throw new ScheduleError(expression, unitAt, `write "${value} ${expected}": the unit is singular for 1 and plural otherwise`);
  const periodMs = value * size;
  const start = options.start?.getTime() ?? 0;
  return {
    kind: 'rate',
    expression,
    periodMs,
    next: (after) => {
      const t = after.getTime();
      if (t < start) return new Date(start);
      return new Date(start + (Math.floor((t - start) / periodMs) + 1) * periodMs);
    },
  };
}

function parseCron(expression: string, body: string, offset: number, options: ScheduleOptions): Schedule {
  let pattern: string;
  try {
    pattern = awsCronToCroner(body);
  } catch (err) {
    if (err instanceof CronFieldError) throw new ScheduleError(expression, offset + err.position, err.message);
    throw err;
  }
  // No callback: croner computes times only and starts no timer.
  const cron = new Cron(pattern, { mode: '7-part', domAndDow: true, timezone: options.timezone ?? 'UTC' });
  return { kind: 'cron', expression, next: (after) => cron.nextRun(after) ?? undefined };
}

function parseAt(expression: string, body: string, offset: number, options: ScheduleOptions): Schedule {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!m) throw new ScheduleError(expression, offset, 'at() takes a local date and time as yyyy-mm-ddThh:mm:ss, e.g. at(2026-12-01T09:00:00)');
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const probe = new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, s));
  if (probe.getUTCMonth() !== (mo ?? 1) - 1 || probe.getUTCDate() !== d || (h ?? 0) > 23 || (mi ?? 0) > 59 || (s ?? 0) > 59) {
    throw new ScheduleError(expression, offset, `${body} is not a valid date and time`);
  }
  // croner reads an ISO string without offset as a wall-clock time in the given time zone.
  const at = new Cron(body, { timezone: options.timezone ?? 'UTC' }).nextRun(new Date(0));
  return {
    kind: 'at',
    expression,
    next: (after) => (at && at.getTime() > after.getTime() ? at : undefined),
  };
}

/** Parses rate(…), cron(…) or at(…); throws ScheduleError pointing at the offending character. */
export function parseSchedule(expression: string, options: ScheduleOptions = {}): Schedule {
  if (options.timezone !== undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: options.timezone });
    } catch {
      throw new ScheduleError(expression, 0, `unknown time zone "${options.timezone}": use an IANA name such as "Europe/Paris"`);
    }
  }
  const m = /^\s*(rate|cron|at)\((.*)\)\s*$/.exec(expression);
  if (!m) throw new ScheduleError(expression, 0, 'a schedule is rate(value unit), cron(6 fields) or at(yyyy-mm-ddThh:mm:ss), e.g. rate(5 minutes)');
  const kind = m[1] as Schedule['kind'];
  const body = m[2] ?? '';
  const offset = expression.indexOf('(') + 1;
  if (kind === 'rate') return parseRate(expression, body, offset, options);
  if (kind === 'cron') return parseCron(expression, body, offset, options);
  return parseAt(expression, body, offset, options);
}
