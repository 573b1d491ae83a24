// Schedule rules: fire a "Scheduled Event" at each time the rule's expression gives. Parsing
// (rate, cron, at) is the schedules module's job; the engine takes a parser by injection.
// Event shape: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html (read 2026-11-27)
import { randomUUID } from 'crypto';
import { ACCOUNT_ID, REGION } from './arn';
import type { EventBus } from './bus';
import type { TimerHandle } from './clock';
import type { Hub } from './hub';
import type { RuleConfig } from './model';

/** A parsed schedule: the next firing strictly after a time, or undefined when it never fires again. */
export interface ParsedSchedule {
  next(after: Date): Date | undefined;
}

/** Parses `rate(...)`, `cron(...)` or `at(...)`; throws a clear error when invalid. */
export type ScheduleParser = (expression: string) => ParsedSchedule;

/** Arms a schedule rule (each firing arms the next); returns a function that cancels it. */
export function scheduleTimer(hub: Hub, bus: EventBus, rule: RuleConfig, parse: ScheduleParser): () => void {
  const schedule = parse(rule.scheduleExpression as string);
  const handle: { current?: TimerHandle } = {};
  const arm = (): TimerHandle | undefined => {
    const next = schedule.next(new Date(hub.clock.now()));
    if (!next) return undefined;
    return hub.clock.setTimer(() => {
      const current = bus.rules.get(rule.name);
      if (!current || current.state !== 'ENABLED') return;
      const traceId = randomUUID();
      const event = {
        version: '0', id: randomUUID(), 'detail-type': 'Scheduled Event', source: 'aws.events', account: ACCOUNT_ID,
        time: new Date(hub.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'), region: REGION, resources: [bus.ruleArn(rule.name)], detail: {},
      };
      hub.trace.emit({ traceId, kind: 'schedule.fired', resource: `rule:${bus.name}/${rule.name}`, detail: { expression: rule.scheduleExpression, compression: hub.clock.compression } });
      bus.fire(current, event, traceId);
      handle.current = arm();
    }, next.getTime() - hub.clock.now());
  };
  handle.current = arm();
  return () => {
    if (handle.current) hub.clock.clearTimer(handle.current);
  };
}
