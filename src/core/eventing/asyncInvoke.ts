// Lambda's asynchronous invocation: an internal queue in front of the function, two retries on
// function errors (1 then 2 minutes apart), exponential backoff on throttles, a maximum event age,
// then on-success / on-failure destinations or the function's dead-letter queue.
// Specs (read 2026-11-27):
//   https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html
//   https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
//   https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
import { arnOf } from './arn';
import { checkRange } from './errors';
import type { Hub, HopContext, InvokeOutcome } from './hub';
import type { AsyncInvokeConfig } from './model';

/** Delay before retry n (1-based) after a function error: one minute, then two. */
export const ERROR_RETRY_DELAYS_MS = [60_000, 120_000];
/** Throttle backoff: from 1 second, doubling, up to 5 minutes. */
export function throttleDelayMs(throttles: number): number {
  return Math.min(1000 * 2 ** Math.max(0, throttles - 1), 300_000);
}

/** Validates async settings and fills AWS's defaults. */
export function asyncDefaults(c: AsyncInvokeConfig = {}): Required<Pick<AsyncInvokeConfig, 'maximumRetryAttempts' | 'maximumEventAgeInSeconds'>> & AsyncInvokeConfig {
  return {
    ...c,
    maximumRetryAttempts: checkRange('MaximumRetryAttempts', c.maximumRetryAttempts ?? 2, 0, 2),
    maximumEventAgeInSeconds: checkRange('MaximumEventAgeInSeconds', c.maximumEventAgeInSeconds ?? 21_600, 60, 21_600),
  };
}

/** Runs asynchronous invocations with Lambda's retry semantics. */
export class AsyncInvoker {
  private pending = 0;
  constructor(private readonly hub: Hub, private readonly configOf: (fn: string) => AsyncInvokeConfig | undefined) {}

  /** Events accepted but not yet finished (queued, running or waiting to retry). */
  get backlog(): number {
    return this.pending;
  }

  /** Accepts an event (like Invoke with InvocationType Event answering 202) and processes it in the background. */
  enqueue(functionName: string, event: unknown, ctx: HopContext): void {
    const acceptedAt = this.hub.clock.now();
    this.pending++;
    let errors = 0;
    let throttles = 0;
    const attempt = async (): Promise<void> => {
      const cfg = asyncDefaults(this.configOf(functionName));
      const age = this.hub.clock.now() - acceptedAt;
      if (age > cfg.maximumEventAgeInSeconds * 1000) return this.finish(functionName, event, ctx, cfg, 'EventAgeExceeded', errors + throttles, undefined);
      const outcome = await this.hub.invoke(functionName, event, 'Event', ctx);
      if (outcome.status === 'ok') return this.finish(functionName, event, ctx, cfg, 'Success', errors + throttles + 1, outcome);
      let delay: number;
      if (outcome.status === 'throttled') {
        throttles++;
        delay = throttleDelayMs(throttles);
      } else {
        errors++;
        if (errors > cfg.maximumRetryAttempts) return this.finish(functionName, event, ctx, cfg, 'RetriesExhausted', errors + throttles, outcome);
        delay = ERROR_RETRY_DELAYS_MS[errors - 1];
      }
      if (this.hub.clock.now() + delay - acceptedAt > cfg.maximumEventAgeInSeconds * 1000) {
        return this.finish(functionName, event, ctx, cfg, 'EventAgeExceeded', errors + throttles, outcome);
      }
      this.hub.trace.emit({ traceId: ctx.traceId, kind: 'function.retry-scheduled', resource: `function:${functionName}`, causationId: outcome.requestId, fault: outcome.fault, detail: { afterMs: delay, attempt: errors + throttles + 1, reason: outcome.status } });
      this.hub.clock.setTimer(() => void attempt().catch(fail), delay);
    };
    const fail = (err: Error) => {
      this.pending--;
      this.hub.trace.emit({ traceId: ctx.traceId, kind: 'error', resource: `function:${functionName}`, detail: { message: `asynchronous invocation stopped: ${err.message}` } });
    };
    void attempt().catch(fail);
  }

  private finish(functionName: string, event: unknown, ctx: HopContext, cfg: AsyncInvokeConfig, condition: 'Success' | 'RetriesExhausted' | 'EventAgeExceeded', invokeCount: number, outcome: InvokeOutcome | undefined): void {
    this.pending--;
    const success = condition === 'Success';
    const destination = success ? cfg.onSuccessArn : cfg.onFailureArn;
    const next: HopContext = { traceId: ctx.traceId, causationId: outcome?.requestId ?? ctx.causationId, source: ctx.source };
    if (!success) this.hub.trace.emit({ traceId: ctx.traceId, kind: condition === 'EventAgeExceeded' ? 'function.expired' : 'function.dropped', resource: `function:${functionName}`, causationId: next.causationId, fault: outcome?.fault, detail: { condition, invokeCount } });
    try {
      if (destination) {
        this.hub.deliver(destination, invocationRecord(functionName, event, condition, invokeCount, outcome, this.hub.clock.now()), next);
        this.hub.trace.emit({ traceId: ctx.traceId, kind: 'destination.sent', resource: `function:${functionName}`, causationId: next.causationId, detail: { condition, destination } });
      } else if (!success && cfg.deadLetterArn) {
        // The DLQ gets the event as-is; why it failed travels in message attributes.
        this.hub.deliver(cfg.deadLetterArn, event, {
          ...next,
          attributes: {
            RequestID: { DataType: 'String', StringValue: outcome?.requestId ?? '' },
            ErrorCode: { DataType: 'String', StringValue: '200' },
            ErrorMessage: { DataType: 'String', StringValue: outcome?.error?.errorMessage ?? condition },
          },
        });
        this.hub.trace.emit({ traceId: ctx.traceId, kind: 'dlq.sent', resource: `function:${functionName}`, causationId: next.causationId, detail: { condition, deadLetter: cfg.deadLetterArn } });
      }
    } catch (err) {
      this.hub.trace.emit({ traceId: ctx.traceId, kind: 'error', resource: `function:${functionName}`, detail: { message: `destination failed: ${(err as Error).message}` } });
    }
  }
}

/** The invocation record Lambda sends to a destination. */
export function invocationRecord(functionName: string, event: unknown, condition: string, invokeCount: number, outcome: InvokeOutcome | undefined, now: number): Record<string, unknown> {
  const failed = outcome?.status === 'error';
  return {
    version: '1.0',
    timestamp: new Date(now).toISOString(),
    requestContext: { requestId: outcome?.requestId ?? '', functionArn: `${arnOf('function', functionName)}:$LATEST`, condition, approximateInvokeCount: invokeCount },
    requestPayload: event,
    responseContext: { statusCode: outcome?.status === 'throttled' ? 429 : 200, executedVersion: '$LATEST', ...(failed ? { functionError: 'Unhandled' } : {}) },
    responsePayload: failed ? outcome?.error : outcome?.response ?? null,
  };
}
