// Topics with SNS semantics: fan-out to queue, function and HTTP subscribers, filter policies on
// message attributes or on the body (through the EventBridge matcher), raw delivery or the SNS
// envelope. Specs (read 2026-11-27):
//   https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering.html
//   https://docs.aws.amazon.com/sns/latest/dg/sns-large-payload-raw-message-delivery.html
//   https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html
//   https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html
import { randomUUID } from 'crypto';
import { compilePattern, JsonNumber, type CompiledPattern } from './patterns';
import { arnOf } from './arn';
import { EngineError } from './errors';
import type { Hub } from './hub';
import type { SubscriptionConfig } from './model';
import type { MessageAttributeValue } from './sqsMd5';

/** What Publish takes. */
export interface PublishInput {
  message: string;
  subject?: string;
  attributes?: Record<string, MessageAttributeValue>;
  messageGroupId?: string;
  traceId?: string;
  causationId?: string;
}

/** Delivers an HTTP notification (injected so that core stays free of a network client choice). */
export type HttpPoster = (url: string, body: string, headers: Record<string, string>) => Promise<void>;

/** The attributes as a filter policy sees them: String as text, Number as a number, String.Array as a list. */
export function attributesForFilter(attributes: Record<string, MessageAttributeValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attributes)) {
    if (v.DataType.startsWith('Number')) out[k] = Number(v.StringValue);
    else if (v.DataType === 'String.Array') {
      try {
        out[k] = JSON.parse(v.StringValue ?? '[]');
      } catch {
        out[k] = v.StringValue;
      }
    } else if (v.DataType.startsWith('String')) out[k] = v.StringValue;
    // Binary attributes are ignored by filter policies (SNS documents this).
  }
  return out;
}

/**
 * SNS's own limits on filter policies, checked before the EventBridge matcher sees them: at most
 * five keys, at most 150 value combinations, and no nesting when the scope is MessageAttributes.
 * https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html (read 2026-11-27)
 */
export function checkFilterPolicy(policy: unknown, scope: 'MessageAttributes' | 'MessageBody' = 'MessageAttributes'): void {
  const leaves: number[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === '$or' && Array.isArray(value)) {
        for (const branch of value) walk(branch, depth);
      } else if (Array.isArray(value)) {
        leaves.push(value.length);
        for (const n of policyNumbers(value)) checkSnsNumber(key, n);
      }
      else {
        if (scope === 'MessageAttributes') throw new EngineError('InvalidParameter', `Invalid parameter: FilterPolicy: "${key}" is nested, and attribute-based policies cannot be (set FilterPolicyScope to MessageBody to filter on the body)`);
        walk(value, depth + 1);
      }
    }
  };
  walk(policy, 0);
  if (leaves.length > 5) throw new EngineError('InvalidParameter', `Invalid parameter: FilterPolicy: a filter policy can have at most 5 keys (this one has ${leaves.length})`);
  const combinations = leaves.reduce((n, k) => n * k, 1);
  if (combinations > 150) throw new EngineError('InvalidParameter', `Invalid parameter: FilterPolicy: filter policy is too complex (${combinations} value combinations; at most 150)`);
}

/** SNS's numeric filter range: ±10⁹, at most five digits after the decimal point (same constraints page). */
const SNS_NUMBER_LIMIT = 1e9;

/** Numbers a policy value list holds: exact numbers, `numeric` operands and `anything-but` numbers. */
function policyNumbers(values: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    if (typeof v === 'number' || v instanceof JsonNumber) out.push(v);
    else if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if (Array.isArray(o.numeric)) out.push(...o.numeric.filter((x) => typeof x !== 'string'));
      const but = o['anything-but'];
      out.push(...[but].flat().filter((x) => typeof x === 'number' || x instanceof JsonNumber));
    }
  }
  return out;
}

/** Refuses a number SNS cannot filter on: outside ±10⁹, or more than five decimals. */
function checkSnsNumber(key: string, n: unknown): void {
  const text = n instanceof JsonNumber ? n.text : String(n);
  const value = Number(text);
  // Digits after the point once the exponent is applied: 3.015e2 has one, 1e-6 has six.
  const m = /^-?\d*(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  const decimals = m ? Math.max(0, (m[1] ?? '').replace(/0+$/, '').length - Number(m[2] ?? 0)) : 0;
  if (!Number.isFinite(value) || Math.abs(value) > SNS_NUMBER_LIMIT || decimals > 5) {
    throw new EngineError('InvalidParameter', `Invalid parameter: FilterPolicy: "${key}": ${text} cannot be matched by SNS, which compares numbers from -1,000,000,000 to 1,000,000,000 with at most five digits after the decimal point`);
  }
}

/** One topic. */
export class Topic {
  readonly arn: string;
  readonly subscriptions: SubscriptionConfig[] = [];
  private filters = new Map<string, CompiledPattern>();

  constructor(readonly name: string, private readonly hub: Hub, private readonly post?: HttpPoster) {
    this.arn = arnOf('topic', name);
  }

  /** Subscribe: validates the filter policy with the matcher; returns the subscription ARN. */
  subscribe(s: Omit<SubscriptionConfig, 'arn' | 'topic'>): string {
    const existing = this.subscriptions.find((x) => x.protocol === s.protocol && x.endpoint === s.endpoint);
    if (existing) return existing.arn;
    const arn = `${this.arn}:${randomUUID()}`;
    if (s.filterPolicy !== undefined) {
      checkFilterPolicy(s.filterPolicy, s.filterPolicyScope);
      try {
        this.filters.set(arn, compilePattern(s.filterPolicy));
      } catch (err) {
        throw new EngineError('InvalidParameter', `Invalid parameter: FilterPolicy: ${(err as Error).message}`);
      }
    }
    this.subscriptions.push({ ...s, arn, topic: this.name });
    return arn;
  }

  /** Publish: fans out to every subscription whose filter policy matches; returns the message id. */
  publish(input: PublishInput): string {
    const messageId = randomUUID();
    const traceId = input.traceId ?? randomUUID();
    const attributes = input.attributes ?? {};
    const timestamp = new Date(this.hub.clock.now()).toISOString();
    this.hub.trace.emit({ traceId, kind: 'topic.published', resource: `topic:${this.name}`, causationId: input.causationId, detail: { messageId, subscriptions: this.subscriptions.length } });
    for (const sub of this.subscriptions) {
      if (!this.passes(sub, input.message, attributes)) {
        this.hub.trace.emit({ traceId, kind: 'subscription.filtered', resource: `topic:${this.name}`, causationId: messageId, detail: { subscription: sub.arn, endpoint: sub.endpoint } });
        continue;
      }
      const envelope: Record<string, unknown> = {
        Type: 'Notification', MessageId: messageId, TopicArn: this.arn, ...(input.subject ? { Subject: input.subject } : {}), Message: input.message, Timestamp: timestamp,
        SignatureVersion: '1', Signature: 'LOCAL', SigningCertURL: 'http://127.0.0.1/local-sns.pem', UnsubscribeURL: `http://127.0.0.1/?Action=Unsubscribe&SubscriptionArn=${sub.arn}`,
        ...(Object.keys(attributes).length ? { MessageAttributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { Type: v.DataType, Value: v.StringValue ?? v.BinaryValue }])) } : {}),
      };
      const ctx = { traceId, causationId: messageId, source: 'topic' as const };
      try {
        if (sub.protocol === 'sqs') {
          const raw = !!sub.rawMessageDelivery;
          this.hub.deliver(sub.endpoint, raw ? input.message : JSON.stringify(envelope), { ...ctx, attributes: raw ? attributes : undefined, messageGroupId: input.messageGroupId });
        } else if (sub.protocol === 'lambda') {
          const record = { EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: sub.arn, Sns: { ...envelope, Subject: input.subject ?? null, SigningCertUrl: envelope.SigningCertURL, UnsubscribeUrl: envelope.UnsubscribeURL, MessageAttributes: envelope.MessageAttributes ?? {} } };
          delete (record.Sns as Record<string, unknown>).SigningCertURL;
          delete (record.Sns as Record<string, unknown>).UnsubscribeURL;
          this.hub.deliver(sub.endpoint, { Records: [record] }, ctx);
        } else {
          if (!this.post) throw new EngineError('InvalidParameter', 'HTTP subscriptions need an HTTP poster');
          const body = sub.rawMessageDelivery ? input.message : JSON.stringify(envelope);
          void this.hub.track(this.post(sub.endpoint, body, {
            'x-amz-sns-message-type': 'Notification', 'x-amz-sns-message-id': messageId, 'x-amz-sns-topic-arn': this.arn, 'x-amz-sns-subscription-arn': sub.arn,
            'content-type': 'text/plain; charset=UTF-8', ...(sub.rawMessageDelivery ? { 'x-amz-sns-rawdelivery': 'true' } : {}),
          }).catch((err: Error) => this.hub.trace.emit({ traceId, kind: 'error', resource: `topic:${this.name}`, detail: { message: `HTTP delivery to ${sub.endpoint} failed: ${err.message}` } })));
        }
        this.hub.trace.emit({ traceId, kind: 'subscription.delivered', resource: `topic:${this.name}`, causationId: messageId, detail: { subscription: sub.arn, protocol: sub.protocol, endpoint: sub.endpoint, raw: !!sub.rawMessageDelivery } });
      } catch (err) {
        this.hub.trace.emit({ traceId, kind: 'error', resource: `topic:${this.name}`, detail: { message: (err as Error).message, subscription: sub.arn } });
      }
    }
    return messageId;
  }

  private passes(sub: SubscriptionConfig, message: string, attributes: Record<string, MessageAttributeValue>): boolean {
    const filter = this.filters.get(sub.arn);
    if (!filter) return true;
    if (sub.filterPolicyScope === 'MessageBody') {
      try {
        return filter.matches(JSON.parse(message));
      } catch {
        return false; // SNS: a body that is not JSON never matches a body policy.
      }
    }
    return filter.matches(attributesForFilter(attributes));
  }
}
