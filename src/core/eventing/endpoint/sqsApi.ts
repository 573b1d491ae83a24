// SQS over the AWS JSON 1.0 protocol (`X-Amz-Target: AmazonSQS.<Action>`), as the current SDKs speak it.
// Spec: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/Welcome.html (read 2026-11-27)
//       https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-json-faqs.html
import { ACCOUNT_ID } from '../arn';
import type { EventEngine } from '../engine';
import { EngineError } from '../errors';
import type { Queue } from '../queue';
import type { QueueAttributes, ReceivedMessage } from '../queueTypes';
import type { MessageAttributeValue } from '../sqsMd5';
import { md5Hex, md5OfAttributes } from '../sqsMd5';

type Json = Record<string, unknown>;

/** Query-protocol codes SQS adds in `x-amzn-query-error`, for SDKs that still read them. */
export const sqsQueryCodes: Record<string, string> = {
  QueueDoesNotExist: 'AWS.SimpleQueueService.NonExistentQueue',
  QueueAlreadyExists: 'QueueAlreadyExists',
  ReceiptHandleIsInvalid: 'ReceiptHandleIsInvalid',
  EmptyBatchRequest: 'AWS.SimpleQueueService.EmptyBatchRequest',
  TooManyEntriesInBatchRequest: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  BatchEntryIdsNotDistinct: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
  MessageNotInflight: 'AWS.SimpleQueueService.MessageNotInflight',
};

/** The queue URL SQS would return, on this endpoint. */
export function queueUrl(endpoint: string, name: string): string {
  return `${endpoint}/${ACCOUNT_ID}/${name}`;
}

function queueOf(engine: EventEngine, body: Json): Queue {
  const url = body.QueueUrl;
  if (typeof url !== 'string' || !url) throw new EngineError('MissingParameter', 'The request must contain the parameter QueueUrl.');
  const name = url.split('/').pop() ?? '';
  const queue = engine.queue(name);
  if (!queue) throw new EngineError('QueueDoesNotExist', 'The specified queue does not exist.');
  return queue;
}

const int = (v: unknown): number | undefined => (v === undefined || v === null ? undefined : Number(v));

/** Converts CreateQueue's string attributes into the engine's. */
function parseAttributes(a: Json): Partial<QueueAttributes> {
  const out: Partial<QueueAttributes> = {};
  const num = (k: string) => (a[k] === undefined ? undefined : Number(a[k]));
  if (a.VisibilityTimeout !== undefined) out.visibilityTimeout = num('VisibilityTimeout');
  if (a.DelaySeconds !== undefined) out.delaySeconds = num('DelaySeconds');
  if (a.ReceiveMessageWaitTimeSeconds !== undefined) out.receiveMessageWaitTimeSeconds = num('ReceiveMessageWaitTimeSeconds');
  if (a.MessageRetentionPeriod !== undefined) out.messageRetentionPeriod = num('MessageRetentionPeriod');
  if (a.MaximumMessageSize !== undefined) out.maximumMessageSize = num('MaximumMessageSize');
  if (a.FifoQueue !== undefined) out.fifoQueue = String(a.FifoQueue) === 'true';
  if (a.ContentBasedDeduplication !== undefined) out.contentBasedDeduplication = String(a.ContentBasedDeduplication) === 'true';
  if (a.RedrivePolicy !== undefined) {
    let r: Json;
    try {
      r = JSON.parse(String(a.RedrivePolicy)) as Json;
    } catch {
      throw new EngineError('InvalidAttributeValue', 'Invalid value for the parameter RedrivePolicy. Reason: Redrive policy is not a valid JSON map.');
    }
    out.redrivePolicy = { deadLetterTargetArn: String(r.deadLetterTargetArn), maxReceiveCount: Number(r.maxReceiveCount) };
  }
  return out;
}

/** GetQueueAttributes' values (all strings, as SQS returns them). */
function attributeStrings(q: Queue): Record<string, string> {
  const a = q.attributes;
  const c = q.counts();
  return {
    QueueArn: q.arn,
    ApproximateNumberOfMessages: String(c.visible),
    ApproximateNumberOfMessagesNotVisible: String(c.inFlight),
    ApproximateNumberOfMessagesDelayed: String(c.delayed),
    VisibilityTimeout: String(a.visibilityTimeout),
    DelaySeconds: String(a.delaySeconds),
    ReceiveMessageWaitTimeSeconds: String(a.receiveMessageWaitTimeSeconds),
    MessageRetentionPeriod: String(a.messageRetentionPeriod),
    MaximumMessageSize: String(a.maximumMessageSize),
    ...(a.redrivePolicy ? { RedrivePolicy: JSON.stringify(a.redrivePolicy) } : {}),
    ...(a.fifoQueue ? { FifoQueue: 'true', ContentBasedDeduplication: String(a.contentBasedDeduplication) } : {}),
  };
}

function selectAttributes(m: ReceivedMessage, names: string[]): Record<string, string> | undefined {
  if (!names.length) return undefined;
  const all: Record<string, string | undefined> = {
    ApproximateReceiveCount: String(m.receiveCount), SentTimestamp: String(m.sentAt), SenderId: 'AIDAIENQZJOLO23YVJ4VO',
    ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.sentAt), MessageGroupId: m.groupId, MessageDeduplicationId: m.dedupId, SequenceNumber: m.sequenceNumber,
  };
  const want = names.includes('All') ? Object.keys(all) : names;
  const out = Object.fromEntries(want.filter((k) => all[k] !== undefined).map((k) => [k, all[k] as string]));
  return Object.keys(out).length ? out : undefined;
}

function selectMessageAttributes(m: ReceivedMessage, names: string[]): Record<string, MessageAttributeValue> | undefined {
  const picked = Object.entries(m.attributes).filter(([k]) => names.some((n) => n === 'All' || n === '.*' || n === k || (n.endsWith('.*') && k.startsWith(n.slice(0, -1)))));
  return picked.length ? Object.fromEntries(picked) : undefined;
}

function batchEntries(body: Json): Json[] {
  const entries = Array.isArray(body.Entries) ? (body.Entries as Json[]) : [];
  if (!entries.length) throw new EngineError('EmptyBatchRequest', 'There should be at least one entry in the request.');
  if (entries.length > 10) throw new EngineError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are 10. You have sent ${entries.length}.`);
  if (new Set(entries.map((e) => e.Id)).size !== entries.length) throw new EngineError('BatchEntryIdsNotDistinct', 'Two or more batch entries in the request have the same Id.');
  return entries;
}

function send(engine: EventEngine, q: Queue, e: Json): Json {
  const attributes = (e.MessageAttributes ?? undefined) as Record<string, MessageAttributeValue> | undefined;
  const r = engine.sendMessage(q.name, { body: String(e.MessageBody ?? ''), attributes, delaySeconds: int(e.DelaySeconds), groupId: e.MessageGroupId as string | undefined, dedupId: e.MessageDeduplicationId as string | undefined });
  return { MessageId: r.messageId, MD5OfMessageBody: r.md5OfBody, ...(r.md5OfAttributes ? { MD5OfMessageAttributes: r.md5OfAttributes } : {}), ...(r.sequenceNumber ? { SequenceNumber: r.sequenceNumber } : {}) };
}

/** Handles one SQS action; throws EngineError for protocol errors. */
export async function handleSqs(engine: EventEngine, endpoint: string, action: string, body: Json): Promise<Json> {
  switch (action) {
    case 'CreateQueue': {
      const name = String(body.QueueName ?? '');
      engine.createQueue(name, parseAttributes((body.Attributes ?? {}) as Json));
      return { QueueUrl: queueUrl(endpoint, name) };
    }
    case 'GetQueueUrl': {
      const name = String(body.QueueName ?? '');
      if (!engine.queue(name)) throw new EngineError('QueueDoesNotExist', 'The specified queue does not exist.');
      return { QueueUrl: queueUrl(endpoint, name) };
    }
    case 'ListQueues': {
      const prefix = String(body.QueueNamePrefix ?? '');
      return { QueueUrls: [...engine.queues.keys()].filter((n) => n.startsWith(prefix)).map((n) => queueUrl(endpoint, n)) };
    }
    case 'SendMessage':
      return send(engine, queueOf(engine, body), body);
    case 'SendMessageBatch': {
      const q = queueOf(engine, body);
      const Successful: Json[] = [];
      const Failed: Json[] = [];
      for (const e of batchEntries(body)) {
        try {
          Successful.push({ Id: e.Id, ...send(engine, q, e) });
        } catch (err) {
          Failed.push({ Id: e.Id, SenderFault: true, Code: err instanceof EngineError ? err.code : 'InternalError', Message: (err as Error).message });
        }
      }
      return { Successful, Failed };
    }
    case 'ReceiveMessage': {
      const q = queueOf(engine, body);
      const names = [...((body.AttributeNames ?? []) as string[]), ...((body.MessageSystemAttributeNames ?? []) as string[])];
      const msgAttrNames = (body.MessageAttributeNames ?? []) as string[];
      const got = await q.receive({ maxMessages: int(body.MaxNumberOfMessages), visibilityTimeout: int(body.VisibilityTimeout), waitTimeSeconds: int(body.WaitTimeSeconds), receiver: 'sdk' });
      if (!got.length) return {};
      return {
        Messages: got.map((m) => {
          const attrs = selectMessageAttributes(m, msgAttrNames);
          return {
            MessageId: m.messageId, ReceiptHandle: m.receiptHandle, MD5OfBody: md5Hex(m.body), Body: m.body,
            ...(selectAttributes(m, names) ? { Attributes: selectAttributes(m, names) } : {}),
            ...(attrs ? { MessageAttributes: attrs, MD5OfMessageAttributes: md5OfAttributes(attrs) } : {}),
          };
        }),
      };
    }
    case 'DeleteMessage':
      queueOf(engine, body).delete(String(body.ReceiptHandle ?? ''));
      return {};
    case 'DeleteMessageBatch': {
      const q = queueOf(engine, body);
      const entries = batchEntries(body);
      for (const e of entries) q.delete(String(e.ReceiptHandle ?? ''));
      return { Successful: entries.map((e) => ({ Id: e.Id })), Failed: [] };
    }
    case 'ChangeMessageVisibility':
      queueOf(engine, body).changeVisibility(String(body.ReceiptHandle ?? ''), Number(body.VisibilityTimeout));
      return {};
    case 'PurgeQueue':
      queueOf(engine, body).purge();
      return {};
    case 'GetQueueAttributes': {
      const all = attributeStrings(queueOf(engine, body));
      const names = (body.AttributeNames ?? ['All']) as string[];
      return { Attributes: names.includes('All') ? all : Object.fromEntries(Object.entries(all).filter(([k]) => names.includes(k))) };
    }
    default:
      throw new EngineError('UnsupportedOperation', `AmazonSQS.${action} is not supported by the local engine (supported: CreateQueue, GetQueueUrl, ListQueues, SendMessage(Batch), ReceiveMessage, DeleteMessage(Batch), ChangeMessageVisibility, PurgeQueue, GetQueueAttributes).`);
  }
}
