// SNS over the AWS query protocol: form-encoded requests, XML responses and XML errors.
// Spec: https://docs.aws.amazon.com/sns/latest/api/API_Publish.html, API_Subscribe.html, CommonErrors.html (read 2026-11-27)
import { randomUUID } from 'crypto';
import type { EventEngine } from '../engine';
import { EngineError } from '../errors';
import type { SubscriptionConfig } from '../model';
import type { MessageAttributeValue } from '../sqsMd5';

const NS = 'http://sns.amazonaws.com/doc/2010-03-31/';

/** Escapes text for an XML element. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A query-protocol success response. */
function ok(action: string, result: string): string {
  return `<${action}Response xmlns="${NS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`;
}

/** A query-protocol error document. */
export function snsError(code: string, message: string, sender = true): string {
  return `<ErrorResponse xmlns="${NS}"><Error><Type>${sender ? 'Sender' : 'Receiver'}</Type><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
}

/** Reads `Prefix.entry.N.<name>` lists of the query protocol into objects. */
function entries(form: URLSearchParams, prefix: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const [key, value] of form) {
    const m = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.entry\\.(\\d+)\\.(.+)$`).exec(key);
    if (m) (out[Number(m[1]) - 1] ??= {})[m[2]] = value;
  }
  return out.filter(Boolean);
}

/** Handles one SNS action; returns the XML body. */
export function handleSns(engine: EventEngine, form: URLSearchParams): string {
  const action = form.get('Action') ?? '';
  const need = (name: string): string => {
    const v = form.get(name);
    if (v === null || v === '') throw new EngineError('InvalidParameter', `Invalid parameter: ${name} is required`);
    return v;
  };
  switch (action) {
    case 'CreateTopic':
      return ok(action, `<TopicArn>${xmlEscape(engine.createTopic(need('Name')).arn)}</TopicArn>`);
    case 'ListTopics':
      return ok(action, `<Topics>${[...engine.topics.values()].map((t) => `<member><TopicArn>${xmlEscape(t.arn)}</TopicArn></member>`).join('')}</Topics>`);
    case 'Publish': {
      const attributes: Record<string, MessageAttributeValue> = {};
      for (const e of entries(form, 'MessageAttributes')) {
        attributes[e.Name] = { DataType: e['Value.DataType'], ...(e['Value.StringValue'] !== undefined ? { StringValue: e['Value.StringValue'] } : {}), ...(e['Value.BinaryValue'] !== undefined ? { BinaryValue: e['Value.BinaryValue'] } : {}) };
      }
      const topic = engine.topic(form.get('TopicArn') ?? form.get('TargetArn') ?? need('TopicArn'));
      const id = topic.publish({ message: need('Message'), subject: form.get('Subject') ?? undefined, attributes, messageGroupId: form.get('MessageGroupId') ?? undefined });
      return ok(action, `<MessageId>${id}</MessageId>`);
    }
    case 'Subscribe': {
      const topic = engine.topic(need('TopicArn'));
      const protocol = need('Protocol');
      if (!['sqs', 'lambda', 'http', 'https'].includes(protocol)) throw new EngineError('InvalidParameter', `Invalid parameter: Protocol ${protocol} is not supported locally (sqs, lambda, http, https are)`);
      const attrs = Object.fromEntries(entries(form, 'Attributes').map((e) => [e.key, e.value]));
      let filterPolicy: unknown;
      if (attrs.FilterPolicy !== undefined) {
        try {
          filterPolicy = JSON.parse(attrs.FilterPolicy);
        } catch {
          throw new EngineError('InvalidParameter', 'Invalid parameter: FilterPolicy: failed to parse JSON');
        }
      }
      const arn = topic.subscribe({
        protocol: protocol as SubscriptionConfig['protocol'], endpoint: need('Endpoint'), rawMessageDelivery: attrs.RawMessageDelivery === 'true',
        filterPolicy, filterPolicyScope: attrs.FilterPolicyScope === 'MessageBody' ? 'MessageBody' : 'MessageAttributes',
      });
      return ok(action, `<SubscriptionArn>${xmlEscape(arn)}</SubscriptionArn>`);
    }
    default:
      throw new EngineError('InvalidAction', `The action ${action} is not valid for this web service (supported locally: CreateTopic, ListTopics, Publish, Subscribe).`);
  }
}
