// The runtime the `trace` observer gives the event engine: it maps the exercise template's function
// names to the learner's handler files and runs them through the one runtime service, recording
// every invocation for the observation. The workspace registry does not know an exercise folder's
// template, so resolution happens here, from that template, with the registry's own locator.
import { promises as fs } from 'node:fs';
import { locateSamFunctions, type LocatedSamFunction } from '../functions/registry';
import type { FunctionRuntime, RuntimeRecord } from '../runtime/types';

/** One invocation of a learner's function during a trace, as `trace.invocations.N` reads it. */
export interface TracedInvocation {
  function: string;
  /** `event-rule`, `queue`, `topic`, `schedule` (who invoked it). */
  source: string;
  invocationType: string;
  event: unknown;
  ok: boolean;
  response?: unknown;
  errorType?: string;
  errorMessage?: string;
  /** The function's own log lines (START/END/REPORT left out), joined with newlines. */
  output: string;
}

/** A runtime for one trace: learner functions by template name, recorded in `invocations`. */
export interface TraceRuntime {
  runtime: FunctionRuntime;
  functions: LocatedSamFunction[];
  invocations: TracedInvocation[];
}

/** Builds the mapping runtime for a template; `env` is added to every sandbox (EXERCISE_STORE_DIR). */
export async function traceRuntime(inner: FunctionRuntime, templateText: string, templateFile: string, env: Record<string, string>): Promise<TraceRuntime> {
  const exists = (file: string) => fs.stat(file).then((s) => s.isFile(), () => false);
  const { functions } = await locateSamFunctions(templateText, templateFile, exists);
  const byName = new Map(functions.flatMap((f) => [[f.name, f], [f.logicalId, f]] as const));
  const invocations: TracedInvocation[] = [];
  const warm = new Set<string>();
  const runtime: FunctionRuntime = {
    async invoke(functionName, event, options) {
      const fn = byName.get(functionName);
      if (!fn) throw new Error(`Function not found: ${functionName} (the template declares ${functions.map((f) => f.name).join(', ') || 'no function whose handler file exists'})`);
      // The first invocation of each function in a check starts a fresh sandbox, so that state never leaks between checks.
      const forceCold = !warm.has(fn.handlerFile);
      warm.add(fn.handlerFile);
      const record: RuntimeRecord = await inner.invoke(fn.handlerFile, event, { ...options, forceCold, handlerName: fn.handlerName, env: { ...options.env, ...env } });
      invocations.push({
        function: fn.name,
        source: options.source,
        invocationType: options.invocationType ?? 'RequestResponse',
        event,
        ok: !record.error && !record.throttled,
        ...(record.error ? { errorType: record.error.errorType, errorMessage: record.error.errorMessage } : { response: record.response }),
        output: record.logs.filter((l) => !/^(START|END|REPORT) RequestId:/.test(l)).join('\n'),
      });
      return record;
    },
    addEnvironmentProvider: (provider) => inner.addEnvironmentProvider(provider),
    onInvocation: (listener) => inner.onInvocation(listener),
  };
  return { runtime, functions, invocations };
}
