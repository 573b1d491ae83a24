// Event buses and rules: PutEvents builds EventBridge's event envelope, routes it through the bus's
// compiled rule set, and hands each matching rule's targets their (transformed) input. Delivery
// failures are retried per target, then sent to the target's dead-letter queue.
// Specs (read 2026-11-27):
//   https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html
//   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html
//   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
import { randomUUID } from 'crypto';
import { compilePattern, compileRuleSet, type CompiledRuleSet } from './patterns';
import { arnOf } from './arn';
import { eventEnvelope } from './envelope';
import { EngineError } from './errors';
import type { Hub } from './hub';
import type { RuleConfig, TargetConfig } from './model';
import { targetPayload } from './transform';

/** One PutEvents entry. */
export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: string | Date;
  TraceHeader?: string;
}

/** One PutEvents result entry. */
export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

/** EventBridge's default retry policy for a target. */
export const DEFAULT_TARGET_RETRY = { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86_400 };

/** Backoff before delivery retry n: 1 s doubling to 5 minutes (EventBridge says "exponential back off and jitter"; this model has no jitter). */
export function targetRetryDelayMs(n: number): number {
  return Math.min(1000 * 2 ** (n - 1), 300_000);
}

/** One event bus with its rules. */
export class EventBus {
  readonly arn: string;
  readonly rules = new Map<string, RuleConfig>();
  private compiled?: CompiledRuleSet;

  constructor(readonly name: string, private readonly hub: Hub) {
    this.arn = arnOf('bus', name);
  }

  /** PutRule: creates or replaces a rule (keeping its targets); throws on an invalid pattern. */
  putRule(rule: Omit<RuleConfig, 'targets' | 'bus'> & { targets?: TargetConfig[] }): string {
    if (!/^[\w.-]{1,64}$/.test(rule.name)) throw new EngineError('ValidationException', `Rule name "${rule.name}" must be 1–64 letters, digits, ".", "-" or "_".`);
    if (rule.eventPattern === undefined && rule.scheduleExpression === undefined) throw new EngineError('ValidationException', 'Parameter(s) EventPattern or ScheduleExpression must be specified.');
    if (rule.eventPattern !== undefined) {
      try {
        compilePattern(rule.eventPattern);
      } catch (err) {
        throw new EngineError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${(err as Error).message}`);
      }
    }
    const old = this.rules.get(rule.name);
    this.rules.set(rule.name, { ...rule, bus: this.name, targets: rule.targets ?? old?.targets ?? [] });
    this.compiled = undefined;
    return this.ruleArn(rule.name);
  }

  /** ARN of a rule on this bus. */
  ruleArn(name: string): string {
    return arnOf('rule', this.name === 'default' ? name : `${this.name}/${name}`);
  }

  /** PutTargets: adds or replaces targets by id. */
  putTargets(ruleName: string, targets: TargetConfig[]): void {
    const rule = this.rules.get(ruleName);
    if (!rule) throw new EngineError('ResourceNotFoundException', `Rule ${ruleName} does not exist on EventBus ${this.name}.`);
    const byId = new Map(rule.targets.map((t) => [t.id, t]));
    for (const t of targets) byId.set(t.id, t);
    if (byId.size > 5) throw new EngineError('LimitExceededException', `The requested resource exceeds the maximum number allowed (a rule has at most 5 targets).`);
    rule.targets = [...byId.values()];
  }

  /** Validates an entry and builds the event EventBridge would deliver. */
  static envelope(entry: PutEventsEntry, now: number): Record<string, unknown> {
    for (const key of ['Source', 'DetailType', 'Detail'] as const) {
      if (entry[key] === undefined || entry[key] === '') throw new EngineError('InvalidArgument', `Parameter ${key} is not valid. Reason: ${key} is a required argument.`);
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail as string);
    } catch {
      throw new EngineError('MalformedDetail', 'Detail is malformed.');
    }
    if (!detail || typeof detail !== 'object' || Array.isArray(detail)) throw new EngineError('MalformedDetail', 'Detail is malformed.');
    const time = entry.Time === undefined ? now : new Date(entry.Time).getTime();
    return eventEnvelope(entry, detail, randomUUID(), time);
  }

  /** Routes an event through this bus's enabled pattern rules; returns the names of the matching rules. */
  route(event: Record<string, unknown>, traceId: string): string[] {
    this.compiled ??= compileRuleSet([...this.rules.values()].filter((r) => r.eventPattern !== undefined && r.state === 'ENABLED').map((r) => ({ name: r.name, pattern: r.eventPattern })));
    const names = this.compiled.match(event);
    for (const name of names) this.fire(this.rules.get(name) as RuleConfig, event, traceId);
    return names;
  }

  /** Sends an event (or a scheduled event) to every target of a rule. */
  fire(rule: RuleConfig, event: Record<string, unknown>, traceId: string): void {
    const ruleArn = this.ruleArn(rule.name);
    this.hub.trace.emit({ traceId, kind: 'rule.matched', resource: `rule:${this.name}/${rule.name}`, causationId: String(event.id), detail: { targets: rule.targets.map((t) => t.id) } });
    for (const target of rule.targets) {
      let payload: unknown;
      try {
        payload = targetPayload(event, target, { ruleName: rule.name, ruleArn, ingestionTime: String(event.time) });
      } catch (err) {
        this.hub.trace.emit({ traceId, kind: 'target.failed', resource: `rule:${this.name}/${rule.name}`, detail: { target: target.id, error: (err as Error).message } });
        continue;
      }
      this.deliverWithRetry(rule, ruleArn, target, payload, event, traceId, 0, this.hub.clock.now());
    }
  }

  private deliverWithRetry(rule: RuleConfig, ruleArn: string, target: TargetConfig, payload: unknown, event: Record<string, unknown>, traceId: string, retries: number, firstAt: number): void {
    const resource = `rule:${this.name}/${rule.name}`;
    try {
      this.hub.deliver(target.arn, payload, { traceId, causationId: String(event.id), messageGroupId: target.messageGroupId, source: rule.scheduleExpression ? 'schedule' : 'event-rule' });
      this.hub.trace.emit({ traceId, kind: 'target.delivered', resource, causationId: String(event.id), detail: { target: target.id, arn: target.arn, attempt: retries + 1, payload } });
      return;
    } catch (err) {
      const policy = { ...DEFAULT_TARGET_RETRY, ...target.retryPolicy };
      const delay = targetRetryDelayMs(retries + 1);
      const message = (err as Error).message;
      const code = err instanceof EngineError ? err.code : 'InternalException';
      if (retries < policy.maximumRetryAttempts && this.hub.clock.now() + delay - firstAt <= policy.maximumEventAgeInSeconds * 1000) {
        this.hub.trace.emit({ traceId, kind: 'target.retry', resource, detail: { target: target.id, error: message, afterMs: delay, attempt: retries + 2 } });
        // Held, so that a flow is not quiescent while a delivery waits to retry.
        const release = this.hub.hold();
        this.hub.clock.setTimer(() => {
          release();
          this.deliverWithRetry(rule, ruleArn, target, payload, event, traceId, retries + 1, firstAt);
        }, delay);
        return;
      }
      this.hub.trace.emit({ traceId, kind: 'target.failed', resource, detail: { target: target.id, error: message, attempts: retries + 1 } });
      if (!target.deadLetterArn) return;
      try {
        this.hub.deliver(target.deadLetterArn, event, {
          traceId,
          causationId: String(event.id),
          attributes: {
            RULE_ARN: { DataType: 'String', StringValue: ruleArn },
            TARGET_ARN: { DataType: 'String', StringValue: target.arn },
            ERROR_CODE: { DataType: 'String', StringValue: code },
            ERROR_MESSAGE: { DataType: 'String', StringValue: message },
          },
        });
        this.hub.trace.emit({ traceId, kind: 'dlq.sent', resource, detail: { target: target.id, deadLetter: target.deadLetterArn } });
      } catch (dlqErr) {
        this.hub.trace.emit({ traceId, kind: 'error', resource, detail: { message: `dead-letter queue failed: ${(dlqErr as Error).message}` } });
      }
    }
  }
}
