// The slice of the engine that its parts (async invoker, pollers, buses, topics) use, so that they
// depend on an interface rather than on each other.
import type { Random } from '../run/random';
import type { InvocationSource, InvocationType } from '../runtime/types';
import type { Clock } from './clock';
import type { Queue } from './queue';
import type { MessageAttributeValue } from './sqsMd5';
import type { FaultKind, TraceLog } from './trace';

/** Who caused a delivery, carried into the next hop's trace. */
export interface HopContext {
  traceId: string;
  causationId?: string;
  /** Message attributes for queue and topic deliveries. */
  attributes?: Record<string, MessageAttributeValue>;
  /** FIFO message group for queue deliveries. */
  messageGroupId?: string;
  /** Source used when the hop invokes a function. */
  source?: InvocationSource;
}

/** The result of one invocation, reduced to what event flows need. */
export interface InvokeOutcome {
  status: 'ok' | 'error' | 'throttled';
  requestId: string;
  response?: unknown;
  error?: { errorType: string; errorMessage: string };
  /** Set when an injected fault decided the outcome. */
  fault?: FaultKind;
}

/** What parts of the engine need from it. */
export interface Hub {
  readonly clock: Clock;
  readonly trace: TraceLog;
  readonly random: Random;
  queue(name: string): Queue | undefined;
  /** Invokes through the runtime service, applying injected faults and tracing the hop. */
  invoke(functionName: string, event: unknown, invocationType: InvocationType, ctx: HopContext): Promise<InvokeOutcome>;
  /** Delivers a payload to the resource an ARN names (async invoke for functions); throws EngineError when it does not exist. */
  deliver(arn: string, payload: unknown, ctx: HopContext): void;
  /** Counts real work in progress (invocations, HTTP deliveries) for quiescence. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Marks something waiting on the clock (e.g. a delivery retry); call the result when it is done. */
  hold(): () => void;
}
