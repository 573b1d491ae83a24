// Types of the SQS-semantics queue: its attributes (with AWS's limits and defaults) and messages.
// Spec: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html (read 2026-11-27)
import type { MessageAttributeValue } from './sqsMd5';
import type { FaultKind } from './trace';

/** Queue attributes the engine honours. Times are in seconds, as in the API. */
export interface QueueAttributes {
  /** 0–43200, default 30. */
  visibilityTimeout: number;
  /** 0–900, default 0. */
  delaySeconds: number;
  /** 0–20, default 0 (short polling). */
  receiveMessageWaitTimeSeconds: number;
  /** 60–1209600, default 345600 (4 days). */
  messageRetentionPeriod: number;
  /** 1024–1048576 bytes (1 MiB since August 2025), default 262144. */
  maximumMessageSize: number;
  fifoQueue: boolean;
  contentBasedDeduplication: boolean;
  /** Move a message to the DLQ when it is received more than maxReceiveCount times. */
  redrivePolicy?: { deadLetterTargetArn: string; maxReceiveCount: number };
}

/** AWS's defaults for a new queue. */
export const defaultQueueAttributes: QueueAttributes = {
  visibilityTimeout: 30, delaySeconds: 0, receiveMessageWaitTimeSeconds: 0, messageRetentionPeriod: 345_600,
  maximumMessageSize: 262_144, fifoQueue: false, contentBasedDeduplication: false,
};

/** A stored message (persisted as JSON). */
export interface StoredMessage {
  messageId: string;
  body: string;
  attributes: Record<string, MessageAttributeValue>;
  sentAt: number;
  /** Not receivable before this time (delay or visibility timeout). */
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** Receipt handle of the latest receive; only it can delete or change visibility. */
  receiptHandle?: string;
  groupId?: string;
  dedupId?: string;
  sequenceNumber?: string;
  traceId: string;
  /** ARN of the queue the message was moved from (DLQ redrive back). */
  sourceArn?: string;
  fault?: FaultKind;
}

/** What SendMessage takes. */
export interface SendInput {
  body: string;
  attributes?: Record<string, MessageAttributeValue>;
  delaySeconds?: number;
  groupId?: string;
  dedupId?: string;
  traceId?: string;
  causationId?: string;
  fault?: FaultKind;
}

/** What SendMessage returns. */
export interface SendResult {
  messageId: string;
  md5OfBody: string;
  md5OfAttributes?: string;
  sequenceNumber?: string;
  /** True when a FIFO deduplication id was seen within five minutes: accepted but not enqueued. */
  deduplicated?: boolean;
}

/** A received message: the stored one plus the receipt handle of this receive. */
export interface ReceivedMessage extends StoredMessage {
  receiptHandle: string;
}

/** What ReceiveMessage takes. */
export interface ReceiveInput {
  /** 1–10, default 1. */
  maxMessages?: number;
  /** Overrides the queue's visibility timeout for this receive. */
  visibilityTimeout?: number;
  /** Long polling: 0–20 s; default the queue's ReceiveMessageWaitTimeSeconds. */
  waitTimeSeconds?: number;
  /** Who receives (trace only), e.g. `esm:process`. */
  receiver?: string;
}
