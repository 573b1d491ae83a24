// TEMPORARY stand-in for the shared runtime service (issue 12, colleague h12a): a FunctionRuntime
// over one invoker and the functions of a SAM template, so that `events serve|put` and the eventing
// system tests run real invocations today. Replace with the runtime service once it is in main.
import * as fs from 'fs';
import * as path from 'path';
import type { FunctionConfig, Invoker } from '../../core/invoker';
import type { EnvironmentProvider, FunctionRuntime, RuntimeRecord } from '../../core/runtime/types';
import type { SamFunction } from '../../core/sam';

/** A FunctionRuntime over `invoker` that knows the template's functions by registry name. */
export function templateRuntime(dir: string, functions: SamFunction[], invoker: Invoker): FunctionRuntime {
  const providers = new Set<EnvironmentProvider>();
  const listeners = new Set<(r: RuntimeRecord) => void>();
  const configs = new Map<string, Omit<FunctionConfig, 'env'> & { env: Record<string, string> }>();
  for (const f of functions) {
    const file = f.handlerFileCandidates.map((c) => path.join(dir, c)).find((c) => fs.existsSync(c));
    if (!file || f.runtimeKind === 'unsupported') continue;
    configs.set(f.name, { name: f.name, handlerFile: file, handlerName: f.handlerName, runtime: f.runtimeKind, memoryMb: f.memoryMb, timeoutSec: f.timeoutSec, env: f.env, architecture: f.architecture });
  }
  return {
    async invoke(functionName, event, options) {
      const config = configs.get(functionName);
      if (!config) throw new Error(`Unknown function "${functionName}": the template has no runnable function by that name (known: ${[...configs.keys()].join(', ') || 'none'})`);
      const env = { ...config.env };
      for (const p of providers) Object.assign(env, p() ?? {});
      Object.assign(env, options.env ?? {});
      const record = await invoker.invoke({ ...config, env }, { event, forceCold: options.forceCold });
      const full: RuntimeRecord = { ...record, invocationType: options.invocationType ?? 'RequestResponse', source: options.source, causationId: options.causationId, traceId: options.traceId };
      for (const l of listeners) l(full);
      return full;
    },
    addEnvironmentProvider(provider) {
      providers.add(provider);
      return () => providers.delete(provider);
    },
    onInvocation(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
