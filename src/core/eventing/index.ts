// The embedded event engine: buses and rules, SQS-semantics queues, SNS-semantics topics, event
// source mappings and Lambda's asynchronous invocation, with traces, faults and persistence.
export { EventEngine, type EngineOptions } from './engine';
export { ManualClock, systemClock, type Clock, type TimerHandle } from './clock';
export { ACCOUNT_ID, REGION, arnOf, parseArn } from './arn';
export { EngineError } from './errors';
export type { TraceEvent, TraceKind, FaultKind } from './trace';
export type { EngineSnapshot } from './snapshot';
export type { FaultSettings, FunctionFaults, QueueFaults } from './faults';
export type { AsyncInvokeConfig, QueueMappingConfig, RuleConfig, SubscriptionConfig, TargetConfig } from './model';
export type { QueueAttributes, StoredMessage, ReceivedMessage } from './queueTypes';
export type { PutEventsEntry, PutEventsResultEntry } from './bus';
export type { ScheduleParser, ParsedSchedule } from './scheduler';
export { FileStateStore, MemoryStateStore, type StateStore } from './persistence';
export { readEventArchitecture, applyArchitecture, type EventArchitecture, type EventArchitectureResult } from './definitions';
export { startEndpoint, type EventEndpoint } from './endpoint/server';
