// A plain-data snapshot of the engine for views (flow diagram, queue inspector) and the CLI.
import type { EventEngine } from './engine';
import type { FaultSettings } from './faults';
import type { RuleConfig, SubscriptionConfig } from './model';
import type { QueueAttributes } from './queueTypes';

/** Everything a view needs to draw the event world at one moment. */
export interface EngineSnapshot {
  /** Engine-clock time, epoch ms. */
  time: number;
  /** Time-compression factor (1 = real time); views label compressed timings. */
  compression: number;
  buses: { name: string; arn: string; rules: RuleConfig[] }[];
  queues: { name: string; arn: string; attributes: QueueAttributes; visible: number; inFlight: number; delayed: number; messageIds: string[] }[];
  topics: { name: string; arn: string; subscriptions: SubscriptionConfig[] }[];
  mappings: { queue: string; functionName: string; batchSize: number; windowSec: number; pollers: number; reportBatchItemFailures: boolean }[];
  faults: FaultSettings;
  /** True while schedule rules are paused. */
  schedulesPaused: boolean;
  idle: boolean;
}

/** Builds the snapshot (deep copies: callers may keep it). */
export function engineSnapshot(engine: EventEngine): EngineSnapshot {
  const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  return {
    time: engine.clock.now(),
    compression: engine.clock.compression,
    buses: [...engine.buses.values()].map((b) => ({ name: b.name, arn: b.arn, rules: copy([...b.rules.values()]) })),
    queues: [...engine.queues.values()].map((q) => ({ name: q.name, arn: q.arn, attributes: copy(q.attributes), ...q.counts(), messageIds: q.stored().map((m) => m.messageId) })),
    topics: [...engine.topics.values()].map((t) => ({ name: t.name, arn: t.arn, subscriptions: copy(t.subscriptions) })),
    mappings: engine.mappings.map((m) => ({ queue: m.config.queue, functionName: m.config.functionName, batchSize: m.batchSize, windowSec: m.windowSec, pollers: m.pollers, reportBatchItemFailures: !!m.config.reportBatchItemFailures })),
    faults: copy(engine.faults),
    schedulesPaused: engine.schedulesPaused,
    idle: engine.isIdle(),
  };
}
