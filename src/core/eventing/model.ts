// Configuration types of the event world: buses, rules and targets, topics and subscriptions,
// event source mappings and async-invocation settings. The SAM reader, the endpoint and the
// views all speak these.
import type { TargetInput } from './transform';

/** A rule target (PutTargets). */
export interface TargetConfig extends TargetInput {
  id: string;
  /** ARN of a function, queue, topic or bus. */
  arn: string;
  /** FIFO queue targets: the message group id (SqsParameters.MessageGroupId). */
  messageGroupId?: string;
  /** Delivery retries (EventBridge default: 185 attempts within 24 hours). */
  retryPolicy?: { maximumRetryAttempts?: number; maximumEventAgeInSeconds?: number };
  /** ARN of an SQS queue for events that could not be delivered. */
  deadLetterArn?: string;
}

/** A rule (PutRule): an event pattern or a schedule. */
export interface RuleConfig {
  name: string;
  bus: string;
  eventPattern?: unknown;
  scheduleExpression?: string;
  state: 'ENABLED' | 'DISABLED';
  description?: string;
  targets: TargetConfig[];
}

/** Lambda's asynchronous invocation settings (PutFunctionEventInvokeConfig + DeadLetterConfig). */
export interface AsyncInvokeConfig {
  /** 0–2, default 2. */
  maximumRetryAttempts?: number;
  /** 60–21600 s, default 21600 (6 hours). */
  maximumEventAgeInSeconds?: number;
  onSuccessArn?: string;
  onFailureArn?: string;
  /** The function's dead-letter queue or topic (used when no on-failure destination is set). */
  deadLetterArn?: string;
}

/** An SQS event source mapping. */
export interface QueueMappingConfig {
  queue: string;
  functionName: string;
  /** 1–10000, default 10. */
  batchSize?: number;
  /** 0–300 s, default 0. */
  maximumBatchingWindowInSeconds?: number;
  reportBatchItemFailures?: boolean;
  /** 2–1000 concurrent invocations; the model starts this many pollers (5 when unset). */
  maximumConcurrency?: number;
  enabled?: boolean;
}

/** An SNS subscription. */
export interface SubscriptionConfig {
  arn: string;
  topic: string;
  protocol: 'sqs' | 'lambda' | 'http' | 'https';
  /** Queue ARN, function ARN or URL. */
  endpoint: string;
  rawMessageDelivery?: boolean;
  filterPolicy?: unknown;
  filterPolicyScope?: 'MessageAttributes' | 'MessageBody';
}
