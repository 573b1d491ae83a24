// A queue with SQS semantics: delay, visibility timeout, long polling, receive counts, redrive to a
// DLQ after maxReceiveCount, and FIFO (ordered message groups, five-minute deduplication).
// Specs (read 2026-11-27):
//   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
//   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
//   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html
//   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html
import { createHash, randomUUID } from 'crypto';
import { arnOf } from './arn';
import type { Clock, TimerHandle } from './clock';
import { checkRange, EngineError } from './errors';
import { md5Hex, md5OfAttributes } from './sqsMd5';
import type { TraceLog } from './trace';
import { defaultQueueAttributes, type QueueAttributes, type ReceivedMessage, type ReceiveInput, type SendInput, type SendResult, type StoredMessage } from './queueTypes';

/** FIFO deduplication window (SQS: five minutes). */
export const DEDUP_WINDOW_MS = 5 * 60_000;

/** What a queue needs from the engine. */
export interface QueueHost {
  clock: Clock;
  trace: TraceLog;
  /** Finds a queue by ARN (for redrive to a DLQ). */
  queueByArn(arn: string): Queue | undefined;
  /** Called after every change to the stored messages (persistence). */
  changed(queue: Queue): void;
}

interface Waiter { max: number; input: ReceiveInput; resolve(m: ReceivedMessage[]): void; timer?: TimerHandle }

/** One queue. */
export class Queue {
  readonly arn: string;
  private messages: StoredMessage[] = [];
  private dedup = new Map<string, { at: number; messageId: string }>();
  private waiters: Waiter[] = [];
  private wakeTimer?: TimerHandle;
  private sequence = 0;
  /** Receipt handles of messages held in flight while the consumer that received them runs (see hold). */
  private readonly held = new Set<string>();

  constructor(readonly name: string, readonly attributes: QueueAttributes, private readonly host: QueueHost) {
    this.arn = arnOf('queue', name);
    if (attributes.fifoQueue !== name.endsWith('.fifo')) throw new EngineError('InvalidParameterValue', `A FIFO queue's name must end in ".fifo", and only a FIFO queue's may (queue ${name}).`);
  }

  /** Validates attributes against SQS's limits and fills defaults. */
  static attributes(partial: Partial<QueueAttributes>): QueueAttributes {
    const a = { ...defaultQueueAttributes, ...partial };
    checkRange('VisibilityTimeout', a.visibilityTimeout, 0, 43_200);
    checkRange('DelaySeconds', a.delaySeconds, 0, 900);
    checkRange('ReceiveMessageWaitTimeSeconds', a.receiveMessageWaitTimeSeconds, 0, 20);
    checkRange('MessageRetentionPeriod', a.messageRetentionPeriod, 60, 1_209_600);
    checkRange('MaximumMessageSize', a.maximumMessageSize, 1024, 1_048_576);
    if (a.redrivePolicy) checkRange('maxReceiveCount', a.redrivePolicy.maxReceiveCount, 1, 1000);
    return a;
  }

  /** Stored messages (visible, delayed and in flight), for snapshots and persistence. */
  stored(): readonly StoredMessage[] {
    return this.messages;
  }

  /** Replaces the stored messages (restoring from persistence). */
  restore(messages: StoredMessage[]): void {
    this.messages = messages.map((m) => ({ ...m }));
    this.sequence = messages.reduce((max, m) => Math.max(max, Number(m.sequenceNumber ?? 0)), 0);
    this.wake();
  }

  /** FIFO deduplication ids still inside their five-minute window (persisted, so a restart does not let a duplicate through). */
  dedupHistory(): Record<string, { at: number; messageId: string }> {
    this.pruneDedup(this.host.clock.now());
    return Object.fromEntries(this.dedup);
  }

  /** Restores deduplication ids saved by dedupHistory (those past the window are dropped). */
  restoreDedup(entries: Record<string, { at: number; messageId: string }>): void {
    for (const [id, d] of Object.entries(entries)) if (typeof d?.at === 'number' && typeof d.messageId === 'string') this.dedup.set(id, { at: d.at, messageId: d.messageId });
    this.pruneDedup(this.host.clock.now());
  }

  /** Counts for GetQueueAttributes and views. */
  counts(): { visible: number; inFlight: number; delayed: number } {
    const now = this.host.clock.now();
    let visible = 0, inFlight = 0, delayed = 0;
    for (const m of this.messages) {
      if (this.isHeld(m)) inFlight++;
      else if (m.visibleAt <= now) visible++;
      else if (m.receiptHandle) inFlight++;
      else delayed++;
    }
    return { visible, inFlight, delayed };
  }

  /** SendMessage. */
  send(input: SendInput): SendResult {
    const now = this.host.clock.now();
    const attrs = input.attributes ?? {};
    const size = Buffer.byteLength(input.body) + Object.entries(attrs).reduce((n, [k, v]) => n + k.length + v.DataType.length + (v.StringValue?.length ?? 0) + (v.BinaryValue?.length ?? 0), 0);
    if (!input.body.length) throw new EngineError('MissingParameter', 'The request must contain the parameter MessageBody.');
    if (size > this.attributes.maximumMessageSize) throw new EngineError('InvalidParameterValue', `One or more parameters are invalid. Reason: Message must be shorter than ${this.attributes.maximumMessageSize} bytes.`);
    const md5OfBody = md5Hex(input.body);
    const md5Attrs = md5OfAttributes(attrs);
    const traceId = input.traceId ?? randomUUID();
    let dedupId: string | undefined;
    let sequenceNumber: string | undefined;
    if (this.attributes.fifoQueue) {
      if (!input.groupId) throw new EngineError('MissingParameter', 'The request must contain the parameter MessageGroupId.');
      if (input.delaySeconds) throw new EngineError('InvalidParameterValue', 'Value for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.');
      dedupId = input.dedupId ?? (this.attributes.contentBasedDeduplication ? createHash('sha256').update(input.body).digest('hex') : undefined);
      if (!dedupId) throw new EngineError('InvalidParameterValue', 'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
      this.pruneDedup(now);
      const seen = this.dedup.get(dedupId);
      if (seen) {
        this.host.trace.emit({ traceId, kind: 'queue.deduplicated', resource: `queue:${this.name}`, causationId: input.causationId, detail: { messageId: seen.messageId, dedupId } });
        return { messageId: seen.messageId, md5OfBody, md5OfAttributes: md5Attrs, deduplicated: true };
      }
      sequenceNumber = String(++this.sequence).padStart(20, '0');
    } else if (input.groupId !== undefined || input.dedupId !== undefined) {
      throw new EngineError('InvalidParameterValue', 'MessageGroupId and MessageDeduplicationId are only valid for FIFO queues.');
    }
    const delay = checkRange('DelaySeconds', input.delaySeconds ?? this.attributes.delaySeconds, 0, 900);
    const message: StoredMessage = {
      messageId: randomUUID(), body: input.body, attributes: attrs, sentAt: now, visibleAt: now + delay * 1000, receiveCount: 0,
      groupId: input.groupId, dedupId, sequenceNumber, traceId, fault: input.fault,
    };
    if (dedupId) this.dedup.set(dedupId, { at: now, messageId: message.messageId });
    this.messages.push(message);
    this.host.trace.emit({ traceId, kind: 'queue.sent', resource: `queue:${this.name}`, causationId: input.causationId, fault: input.fault, detail: { messageId: message.messageId, delaySeconds: delay, groupId: input.groupId } });
    this.host.changed(this);
    this.wake();
    return { messageId: message.messageId, md5OfBody, md5OfAttributes: md5Attrs, sequenceNumber };
  }

  /** Puts a message moved from another queue (DLQ redrive, either way), keeping its id and body. */
  accept(message: StoredMessage, sourceArn: string): void {
    const now = this.host.clock.now();
    this.messages.push({ ...message, visibleAt: now, receiveCount: 0, receiptHandle: undefined, firstReceivedAt: undefined, sourceArn });
    this.host.changed(this);
    this.wake();
  }

  /** ReceiveMessage: resolves at once when messages are visible, else after a long poll (or empty). */
  receive(input: ReceiveInput = {}): Promise<ReceivedMessage[]> {
    const max = checkRange('MaxNumberOfMessages', input.maxMessages ?? 1, 1, 10);
    if (input.visibilityTimeout !== undefined) checkRange('VisibilityTimeout', input.visibilityTimeout, 0, 43_200);
    const wait = checkRange('WaitTimeSeconds', input.waitTimeSeconds ?? this.attributes.receiveMessageWaitTimeSeconds, 0, 20);
    const now = this.takeVisible(max, input);
    if (now.length || wait === 0) return Promise.resolve(now);
    return new Promise((resolve) => {
      const waiter: Waiter = { max, input, resolve };
      waiter.timer = this.host.clock.setTimer(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve([]);
      }, wait * 1000);
      this.waiters.push(waiter);
      this.scheduleWake();
    });
  }

  /** DeleteMessage by the receipt handle of the latest receive. */
  delete(receiptHandle: string): void {
    const i = this.findHandle(receiptHandle);
    if (i < 0) return; // SQS accepts deleting an already-deleted message.
    const [m] = this.messages.splice(i, 1);
    this.host.trace.emit({ traceId: m.traceId, kind: 'queue.deleted', resource: `queue:${this.name}`, detail: { messageId: m.messageId } });
    this.host.changed(this);
    if (m.groupId) this.wake(); // a FIFO group may now be unblocked
  }

  /** ChangeMessageVisibility: the message becomes visible `seconds` from now (0 = at once). */
  changeVisibility(receiptHandle: string, seconds: number): void {
    checkRange('VisibilityTimeout', seconds, 0, 43_200);
    const i = this.findHandle(receiptHandle);
    if (i < 0) throw new EngineError('ReceiptHandleIsInvalid', `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`);
    const m = this.messages[i];
    const now = this.host.clock.now();
    if (m.visibleAt <= now) throw new EngineError('MessageNotInflight', 'The message referred to is not in flight.');
    m.visibleAt = now + seconds * 1000;
    this.host.trace.emit({ traceId: m.traceId, kind: 'queue.visibility-changed', resource: `queue:${this.name}`, detail: { messageId: m.messageId, seconds } });
    this.host.changed(this);
    this.wake();
  }

  /**
   * Keeps a received message in flight while the consumer that received it is still running, whatever the
   * clock says, and returns the function that ends the hold: the message then becomes receivable after
   * `visibleInMs` more of this queue's clock (unless it was deleted or received again meanwhile).
   *
   * Time compression speeds up waits (visibility timeouts, retry delays, schedules), not a function's own run:
   * at ×3600 a 30 s visibility timeout is 8 ms, shorter than any cold start, and without the hold every message
   * would be received again while its first invocation was still running. The event source mapping holds
   * its batch and says how much of the timeout the run used in real time (sqs-visibility-timeout.html above).
   */
  hold(receiptHandle: string): (visibleInMs: number) => void {
    this.held.add(receiptHandle);
    let ended = false;
    return (visibleInMs) => {
      if (ended) return;
      ended = true;
      this.held.delete(receiptHandle);
      const i = this.findHandle(receiptHandle);
      if (i < 0) return;
      this.messages[i].visibleAt = this.host.clock.now() + Math.max(0, visibleInMs);
      this.host.changed(this);
      this.wake();
    };
  }

  /** PurgeQueue: deletes every message. */
  purge(): number {
    const n = this.messages.length;
    this.messages = [];
    this.host.trace.emit({ traceId: randomUUID(), kind: 'queue.purged', resource: `queue:${this.name}`, detail: { deleted: n } });
    this.host.changed(this);
    return n;
  }

  /** Removes every message and returns them (redrive back from a DLQ). */
  drain(): StoredMessage[] {
    const all = this.messages;
    this.messages = [];
    this.host.changed(this);
    return all;
  }

  /** Resolves pending long polls with nothing (engine stop). */
  close(): void {
    for (const w of this.waiters.splice(0)) {
      if (w.timer) this.host.clock.clearTimer(w.timer);
      w.resolve([]);
    }
    if (this.wakeTimer) this.host.clock.clearTimer(this.wakeTimer);
  }

  private isHeld(m: StoredMessage): boolean {
    return m.receiptHandle !== undefined && this.held.has(m.receiptHandle);
  }

  private findHandle(receiptHandle: string): number {
    return this.messages.findIndex((m) => m.receiptHandle === receiptHandle);
  }

  private pruneDedup(now: number): void {
    for (const [id, d] of this.dedup) if (now - d.at >= DEDUP_WINDOW_MS) this.dedup.delete(id);
  }

  /** Takes up to `max` receivable messages, redriving those past maxReceiveCount and dropping expired ones. */
  private takeVisible(max: number, input: ReceiveInput): ReceivedMessage[] {
    const now = this.host.clock.now();
    const out: ReceivedMessage[] = [];
    const blockedGroups = new Set<string>();
    if (this.attributes.fifoQueue) for (const m of this.messages) if (m.groupId && m.receiptHandle && (m.visibleAt > now || this.isHeld(m))) blockedGroups.add(m.groupId);
    let changed = false;
    for (let i = 0; i < this.messages.length && out.length < max; i++) {
      const m = this.messages[i];
      if (now - m.sentAt >= this.attributes.messageRetentionPeriod * 1000) {
        this.messages.splice(i--, 1);
        changed = true;
        continue;
      }
      if (m.groupId && blockedGroups.has(m.groupId)) continue;
      if (m.visibleAt > now || this.isHeld(m)) {
        // FIFO: a later message of a group never overtakes an earlier delayed or in-flight one.
        if (m.groupId) blockedGroups.add(m.groupId);
        continue;
      }
      const redrive = this.attributes.redrivePolicy;
      if (redrive && m.receiveCount >= redrive.maxReceiveCount) {
        const dlq = this.host.queueByArn(redrive.deadLetterTargetArn);
        if (dlq) {
          this.messages.splice(i--, 1);
          dlq.accept(m, this.arn);
          this.host.trace.emit({ traceId: m.traceId, kind: 'queue.redriven', resource: `queue:${this.name}`, detail: { messageId: m.messageId, to: dlq.name, receiveCount: m.receiveCount } });
          changed = true;
          continue;
        }
      }
      m.receiveCount++;
      m.firstReceivedAt ??= now;
      m.receiptHandle = `${m.messageId}#${randomUUID()}`;
      m.visibleAt = now + (input.visibilityTimeout ?? this.attributes.visibilityTimeout) * 1000;
      out.push({ ...m, receiptHandle: m.receiptHandle });
      this.host.trace.emit({ traceId: m.traceId, kind: 'queue.received', resource: `queue:${this.name}`, detail: { messageId: m.messageId, receiveCount: m.receiveCount, receiver: input.receiver } });
      changed = true;
    }
    if (changed) this.host.changed(this);
    if (out.length) this.scheduleWake();
    return out;
  }

  /** Serves waiting long polls with whatever is receivable now. */
  private wake(): void {
    while (this.waiters.length) {
      const w = this.waiters[0];
      const got = this.takeVisible(w.max, w.input);
      if (!got.length) break;
      this.waiters.shift();
      if (w.timer) this.host.clock.clearTimer(w.timer);
      w.resolve(got);
    }
    this.scheduleWake();
  }

  /** While someone waits, wakes up when the next delayed or in-flight message becomes visible. */
  private scheduleWake(): void {
    if (this.wakeTimer) this.host.clock.clearTimer(this.wakeTimer);
    this.wakeTimer = undefined;
    if (!this.waiters.length) return;
    const now = this.host.clock.now();
    const next = this.messages.reduce<number | undefined>((min, m) => (m.visibleAt > now && !this.isHeld(m) && (min === undefined || m.visibleAt < min) ? m.visibleAt : min), undefined);
    if (next !== undefined) this.wakeTimer = this.host.clock.setTimer(() => this.wake(), next - now);
  }
}
