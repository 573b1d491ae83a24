// A plain-data snapshot of the engine for views (flow diagram, queue inspector) and the CLI.
import type { EventEngine } from './engine';
import type { FaultSettings } from './faults';
import type { EventArchitecture } from './definitions';
import type { AsyncInvokeConfig, RuleConfig, SubscriptionConfig } from './model';
import type { QueueAttributes } from './queueTypes';

/** Pollers of a mapping without MaximumConcurrency (esm.ts); such a mapping exports without it. */
const DEFAULT_POLLERS = 5;

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
  /** Asynchronous invocation settings per function (retries, event age, destinations, DLQ). */
  asyncConfigs: Record<string, AsyncInvokeConfig>;
  /** True while schedule rules are paused. */
  schedulesPaused: boolean;
  idle: boolean;
}

/** The architecture a snapshot shows (what the SAM export writes): resources created at run time included. */
export function architectureOf(snapshot: EngineSnapshot): EventArchitecture {
  return {
    queues: snapshot.queues.map((q) => ({ name: q.name, attributes: q.attributes })),
    buses: snapshot.buses.map((b) => b.name).filter((b) => b !== 'default'),
    rules: snapshot.buses.flatMap((b) => b.rules),
    topics: snapshot.topics.map((t) => t.name),
    subscriptions: snapshot.topics.flatMap((t) => t.subscriptions.map(({ arn: _arn, ...s }) => s)),
    mappings: snapshot.mappings.map((m) => ({ queue: m.queue, functionName: m.functionName, batchSize: m.batchSize, maximumBatchingWindowInSeconds: m.windowSec, reportBatchItemFailures: m.reportBatchItemFailures, ...(m.pollers !== DEFAULT_POLLERS ? { maximumConcurrency: m.pollers } : {}) })),
    asyncConfigs: snapshot.asyncConfigs ?? {},
    functions: [],
  };
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
    asyncConfigs: copy(Object.fromEntries(engine.asyncConfigs)),
    schedulesPaused: engine.schedulesPaused,
    idle: engine.isIdle(),
  };
}
