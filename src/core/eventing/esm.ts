// SQS event source mapping: pollers long-poll the queue, batch messages (batch size, batching
// window), invoke the function synchronously, and delete what succeeded. Failed messages come back
// after the visibility timeout; ReportBatchItemFailures responses are honoured exactly.
// Specs (read 2026-11-27):
//   https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
//   https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html (partial batch responses)
//   https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html (maximum concurrency)
import { arnOf, REGION } from './arn';
import { checkRange } from './errors';
import type { Hub } from './hub';
import type { QueueMappingConfig } from './model';
import type { ReceivedMessage } from './queueTypes';
import { md5Hex } from './sqsMd5';

/** Pollers started when MaximumConcurrency is unset (Lambda starts with five; the model stays there). */
export const DEFAULT_POLLERS = 5;

/** The Lambda event for a batch of SQS messages. */
export function sqsEvent(queueName: string, batch: ReceivedMessage[]): { Records: Record<string, unknown>[] } {
  return {
    Records: batch.map((m) => ({
      messageId: m.messageId,
      receiptHandle: m.receiptHandle,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentAt),
        SenderId: 'AIDAIENQZJOLO23YVJ4VO',
        ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.sentAt),
        ...(m.sequenceNumber ? { SequenceNumber: m.sequenceNumber, MessageGroupId: m.groupId, MessageDeduplicationId: m.dedupId } : {}),
      },
      messageAttributes: Object.fromEntries(Object.entries(m.attributes).map(([k, v]) => [k, {
        ...(v.StringValue !== undefined ? { stringValue: v.StringValue } : {}),
        ...(v.BinaryValue !== undefined ? { binaryValue: v.BinaryValue } : {}),
        stringListValues: [], binaryListValues: [], dataType: v.DataType,
      }])),
      md5OfBody: md5Hex(m.body),
      eventSource: 'aws:sqs',
      eventSourceARN: arnOf('queue', queueName),
      awsRegion: REGION,
    })),
  };
}

/**
 * Which messages of a batch failed, per the documented rules: a function error fails the whole
 * batch; without ReportBatchItemFailures any success succeeds all; with it, an empty/null response
 * or list succeeds all, and an invalid response or identifier (empty, null, unknown id) fails all.
 */
export function failedMessageIds(batchIds: string[], outcome: { status: string; response?: unknown }, reportBatchItemFailures: boolean): string[] {
  if (outcome.status !== 'ok') return batchIds;
  if (!reportBatchItemFailures) return [];
  const r = outcome.response;
  if (r === null || r === undefined || (typeof r === 'object' && !Array.isArray(r) && Object.keys(r).length === 0)) return [];
  if (typeof r !== 'object' || Array.isArray(r)) return batchIds;
  const list = (r as Record<string, unknown>).batchItemFailures;
  if (list === null || list === undefined) return [];
  if (!Array.isArray(list)) return batchIds;
  const failed: string[] = [];
  for (const item of list) {
    const id = item && typeof item === 'object' ? (item as Record<string, unknown>).itemIdentifier : undefined;
    if (typeof id !== 'string' || !id || !batchIds.includes(id)) return batchIds;
    failed.push(id);
  }
  return failed;
}

/** A running event source mapping. */
export class QueueMapping {
  private stopped = false;
  readonly batchSize: number;
  readonly windowSec: number;
  readonly pollers: number;

  constructor(private readonly hub: Hub, readonly config: QueueMappingConfig) {
    this.batchSize = checkRange('BatchSize', config.batchSize ?? 10, 1, 10_000);
    this.windowSec = checkRange('MaximumBatchingWindowInSeconds', config.maximumBatchingWindowInSeconds ?? 0, 0, 300);
    if (this.batchSize > 10 && this.windowSec === 0) throw new Error(`Event source mapping ${config.queue} → ${config.functionName}: a BatchSize above 10 needs MaximumBatchingWindowInSeconds of at least 1.`);
    this.pollers = config.maximumConcurrency === undefined ? DEFAULT_POLLERS : checkRange('MaximumConcurrency', config.maximumConcurrency, 2, 1000);
  }

  /** Starts the pollers. */
  start(): void {
    if (this.config.enabled === false) return;
    for (let i = 0; i < this.pollers; i++) {
      this.poll(i).catch((err: Error) => this.hub.trace.emit({ traceId: 'esm', kind: 'error', resource: `queue:${this.config.queue}`, detail: { message: `poller ${i} of ${this.config.functionName} stopped: ${err.message}` } }));
    }
  }

  /** Stops polling (in-flight batches finish; their messages return if not deleted). */
  stop(): void {
    this.stopped = true;
  }

  private async poll(index: number): Promise<void> {
    const receiver = `esm:${this.config.functionName}#${index}`;
    while (!this.stopped) {
      const queue = this.hub.queue(this.config.queue);
      if (!queue) return;
      const batch = await queue.receive({ maxMessages: Math.min(10, this.batchSize), waitTimeSeconds: 20, receiver });
      if (this.stopped || !batch.length) continue;
      const deadline = this.hub.clock.now() + this.windowSec * 1000;
      while (batch.length < this.batchSize && this.hub.clock.now() < deadline && !this.stopped) {
        const wait = Math.min(20, Math.ceil((deadline - this.hub.clock.now()) / 1000));
        batch.push(...(await queue.receive({ maxMessages: Math.min(10, this.batchSize - batch.length), waitTimeSeconds: wait, receiver })));
      }
      await this.process(batch);
    }
  }

  private async process(batch: ReceivedMessage[]): Promise<void> {
    const queue = this.hub.queue(this.config.queue);
    const first = batch[0];
    // Under time compression the batch stays in flight while the function runs, and its visibility timeout
    // runs at real speed meanwhile (Queue.hold): compression speeds up waits, not the function. A function
    // that really runs past the timeout still sees its messages become visible mid-run, as on AWS.
    const compressed = !!queue && this.hub.clock.compression > 1;
    const releases = new Map(compressed ? batch.map((m) => [m.messageId, queue.hold(m.receiptHandle)] as const) : []);
    const timeoutMs = (queue?.attributes.visibilityTimeout ?? 0) * 1000;
    const started = performance.now();
    const lapse = compressed ? setTimeout(() => releases.forEach((release) => release(0)), timeoutMs) : undefined;
    lapse?.unref?.();
    let outcome: Awaited<ReturnType<Hub['invoke']>>;
    try {
      outcome = await this.hub.invoke(this.config.functionName, sqsEvent(this.config.queue, batch), 'RequestResponse', { traceId: first.traceId, causationId: first.messageId, source: 'queue' });
    } catch (err) {
      releases.forEach((release) => release(0));
      throw err;
    } finally {
      clearTimeout(lapse);
    }
    const left = timeoutMs - (performance.now() - started);
    const failed = new Set(failedMessageIds(batch.map((m) => m.messageId), outcome, !!this.config.reportBatchItemFailures));
    if (failed.size && failed.size < batch.length) {
      this.hub.trace.emit({ traceId: first.traceId, kind: 'batch.partial-failure', resource: `queue:${this.config.queue}`, causationId: outcome.requestId, detail: { failed: [...failed], batchSize: batch.length } });
    }
    // Failed messages are left alone: they become visible again when their visibility timeout ends.
    for (const m of batch) {
      if (!failed.has(m.messageId)) queue?.delete(m.receiptHandle);
      releases.get(m.messageId)?.(left);
    }
  }
}
