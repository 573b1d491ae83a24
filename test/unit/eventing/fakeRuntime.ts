// A fake FunctionRuntime for engine unit tests: handlers are plain functions, and every call is recorded.
import { randomUUID } from 'crypto';
import type { FunctionRuntime, HeadlessInvokeOptions, RuntimeRecord } from '../../../src/core/runtime/types';

/** A fake handler: returns a response, or throws to fail the invocation (a TooManyRequestsException is recorded as throttled, like reserved concurrency running out). */
export type FakeHandler = (event: unknown) => unknown;

/** One recorded call. */
export interface FakeCall { functionName: string; event: unknown; options: HeadlessInvokeOptions }

/** A runtime whose functions are `handlers`; `calls` records every invocation. */
export function fakeRuntime(handlers: Record<string, FakeHandler>): FunctionRuntime & { calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  return {
    calls,
    async invoke(functionName, event, options) {
      const handler = handlers[functionName];
      if (!handler) throw new Error(`Unknown function ${functionName}`);
      calls.push({ functionName, event, options });
      const base = { requestId: randomUUID(), functionName, cold: false, timings: { invokeMs: 1, startedAt: 0 }, report: { durationMs: 1, billedDurationMs: 1, memorySizeMb: 128, maxMemoryUsedMb: 1 }, logs: [], invocationType: options.invocationType ?? 'RequestResponse', source: options.source, causationId: options.causationId, traceId: options.traceId } satisfies Partial<RuntimeRecord>;
      try {
        return { ...base, response: await handler(event) } as RuntimeRecord;
      } catch (err) {
        const error = { errorType: (err as Error).name, errorMessage: (err as Error).message };
        return { ...base, error, ...(error.errorType === 'TooManyRequestsException' ? { throttled: true } : {}) } as RuntimeRecord;
      }
    },
    addEnvironmentProvider: () => () => undefined,
    onInvocation: () => () => undefined,
  };
}
