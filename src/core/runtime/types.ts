// Contract of the one runtime service that owns function resolution and invocation for every
// feature: the editor, the CLI, load runs, event targets (rules, queues, topics, schedules),
// BaaS triggers and exercise checks. Features depend on this file, never on the invoker directly.
import type { ConfigSource } from '../functions/resolve';
import type { InvocationRecord, RuntimeKind } from '../invoker/types';

/** Lambda's invocation types: synchronous, or asynchronous (queued, retried by the caller). */
export type InvocationType = 'RequestResponse' | 'Event';

/** Which feature asked for an invocation; views use it to draw who invoked whom. */
export type InvocationSource =
  | 'editor'
  | 'cli'
  | 'load'
  | 'event-rule'
  | 'queue'
  | 'topic'
  | 'schedule'
  | 'baas-trigger'
  | 'exercise-check'
  | 'lesson-run';

/** Options of a headless invocation. */
export interface HeadlessInvokeOptions {
  /** Default 'RequestResponse'. 'Event' is recorded as asynchronous; retries are the caller's (event engine) job. */
  invocationType?: InvocationType;
  source: InvocationSource;
  /** Id of the event, message or invocation that caused this one (for traces). */
  causationId?: string;
  /** Trace id carried through every hop of an event flow. */
  traceId?: string;
  /** Start a fresh sandbox even if a warm one is idle. */
  forceCold?: boolean;
  /** Extra environment for this function's sandboxes (merged over the resolved config's env). */
  env?: Record<string, string>;
  /** For a handler-file target: the exported handler (default: the runtime's conventional name). */
  handlerName?: string;
  /** Start a fresh Node sandbox under the inspector (the editor's Debug lens). */
  debug?: { inspectPort: number };
  /** Client context passed through the Runtime API, as with Lambda's ClientContext. */
  clientContext?: unknown;
  /** Memory size for this call, over the resolved configuration (a lesson's ```run block); changing it starts new sandboxes, as a config change does on Lambda. */
  memoryMb?: number;
  /** Timeout in seconds for this call, over the resolved configuration (same rule as memoryMb). */
  timeoutSec?: number;
}

/** The resolved function an invocation ran, as recorded (so views need not resolve again). */
export interface InvokedFunction {
  handlerFile: string;
  handlerName: string;
  runtime: RuntimeKind;
  memoryMb: number;
  timeoutSec: number;
  keepAliveSec: number;
  /** Where the configuration came from. */
  configSource: ConfigSource;
}

/** An invocation record plus who asked for it and why. */
export interface RuntimeRecord extends InvocationRecord {
  invocationType: InvocationType;
  source: InvocationSource;
  causationId?: string;
  traceId?: string;
  /** The resolved function (absent when resolution itself failed). */
  function?: InvokedFunction;
  /** True when the caller forced a fresh sandbox. */
  forcedCold?: boolean;
}

/** Supplies environment variables that every sandbox gets (e.g. AWS_ENDPOINT_URL from the event engine, SUPABASE_URL from the BaaS). Returns undefined when it has nothing to add. */
export type EnvironmentProvider = () => Record<string, string> | undefined;

/** The slice of the runtime service that features (event engine, BaaS, exercises) consume. */
export interface FunctionRuntime {
  /** Invokes a function by registry name (functions.json, SAM template or single-file convention) or by handler file path. Errors are in the record, never thrown, except for an unknown function. */
  invoke(functionName: string, event: unknown, options: HeadlessInvokeOptions): Promise<RuntimeRecord>;
  /** Registers an environment provider; returns a function that removes it. */
  addEnvironmentProvider(provider: EnvironmentProvider): () => void;
  /** Subscribes to finished invocations (every source); returns an unsubscribe function. */
  onInvocation(listener: (record: RuntimeRecord) => void): () => void;
}
