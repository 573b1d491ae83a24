// The one runtime service: resolves a function through the registry, merges the environment that
// other features provide (event engine endpoints, BaaS URLs), invokes it in the one invoker and
// tells every listener who invoked what. The editor, the CLI, load runs, event targets, BaaS
// triggers and exercise checks all invoke through an instance of this class.
import type { FunctionRegistry } from '../functions/registry';
import type { ResolvedFunction } from '../functions/resolve';
import type { FunctionConfig, InvocationRecord, Invoker } from '../invoker/types';
import type { EnvironmentProvider, FunctionRuntime, HeadlessInvokeOptions, RuntimeRecord } from './types';

/** Thrown by invoke() when the target is neither a registered function nor a handler file. */
export class UnknownFunctionError extends Error {
  constructor(readonly target: string, known: readonly string[], folders: readonly string[]) {
    super(
      `No function "${target}": it is not a name in .serverless-lab/functions.json or a SAM template${folders.length ? ` under ${folders.join(', ')}` : ''}, nor a handler file. ` +
        (known.length ? `Known functions: ${known.join(', ')}.` : 'No functions are configured: pass the path of a handler file instead.'),
    );
  }
}

/** Implements FunctionRuntime over one invoker and one registry. */
export class RuntimeService implements FunctionRuntime {
  private readonly providers: EnvironmentProvider[] = [];
  private readonly listeners = new Set<(record: RuntimeRecord) => void>();
  /** Last merged config per resolved config, so an unchanged environment keeps the object the invoker's warm path recognises. */
  private readonly merged = new WeakMap<FunctionConfig, { key: string; config: FunctionConfig }>();

  constructor(readonly registry: FunctionRegistry, readonly invoker: Invoker) {}

  /** Resolves a name or handler file through the registry (undefined when it is neither). */
  resolve(target: string, handlerName?: string): Promise<ResolvedFunction | undefined> {
    return this.registry.resolve(target, handlerName);
  }

  async invoke(functionName: string, event: unknown, options: HeadlessInvokeOptions): Promise<RuntimeRecord> {
    const resolved = await this.registry.resolve(functionName, options.handlerName);
    if (!resolved) {
      const known = (await this.registry.list()).map((f) => f.config.name);
      throw new UnknownFunctionError(functionName, known, this.registry.folders());
    }
    return this.invokeResolved(resolved, event, options);
  }

  /** Invokes an already resolved function (callers that resolved it to choose an event). */
  async invokeResolved(resolved: ResolvedFunction, event: unknown, options: HeadlessInvokeOptions): Promise<RuntimeRecord> {
    const config = this.withEnvironment(withOverrides(resolved.config, options), options.env);
    const record: InvocationRecord = await this.invoker.invoke(config, {
      event,
      ...(options.forceCold ? { forceCold: true } : {}),
      ...(options.debug ? { debug: options.debug } : {}),
      ...(options.clientContext !== undefined ? { clientContext: options.clientContext } : {}),
    });
    const c = resolved.config;
    const result: RuntimeRecord = Object.assign(record, {
      invocationType: options.invocationType ?? 'RequestResponse',
      source: options.source,
      ...(options.causationId !== undefined ? { causationId: options.causationId } : {}),
      ...(options.traceId !== undefined ? { traceId: options.traceId } : {}),
      function: { handlerFile: c.handlerFile, handlerName: c.handlerName, runtime: c.runtime, memoryMb: config.memoryMb ?? c.memoryMb, timeoutSec: config.timeoutSec ?? c.timeoutSec, keepAliveSec: c.keepAliveSec, configSource: resolved.source },
      ...(options.forceCold || options.debug ? { forcedCold: true } : {}),
    });
    for (const l of [...this.listeners]) {
      try {
        l(result);
      } catch {
        // a faulty listener must not break invocations
      }
    }
    return result;
  }

  addEnvironmentProvider(provider: EnvironmentProvider): () => void {
    this.providers.push(provider);
    return () => {
      const i = this.providers.indexOf(provider);
      if (i >= 0) this.providers.splice(i, 1);
    };
  }

  onInvocation(listener: (record: RuntimeRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sandbox environment: providers first (registration order), then the function's own configuration, then this call's `env`; later wins. */
  private withEnvironment(config: FunctionConfig, callEnv: Record<string, string> | undefined): FunctionConfig {
    let extra: Record<string, string> | undefined;
    for (const provider of this.providers) {
      let vars: Record<string, string> | undefined;
      try {
        vars = provider();
      } catch {
        vars = undefined; // a failing provider adds nothing rather than failing every invocation
      }
      if (vars) extra = { ...extra, ...vars };
    }
    if (!extra && !callEnv) return config;
    const env = { ...extra, ...config.env, ...callEnv };
    const key = JSON.stringify(env);
    const last = this.merged.get(config);
    if (last?.key === key) return last.config;
    const merged = { ...config, env };
    this.merged.set(config, { key, config: merged });
    return merged;
  }
}

/** Per-call memory and timeout overrides; the same object when there are none, and one cached object per override, so the invoker's warm path still recognises it. */
const overridden = new WeakMap<FunctionConfig, Map<string, FunctionConfig>>();
function withOverrides(config: FunctionConfig, options: HeadlessInvokeOptions): FunctionConfig {
  const memoryMb = options.memoryMb ?? config.memoryMb;
  const timeoutSec = options.timeoutSec ?? config.timeoutSec;
  if (memoryMb === config.memoryMb && timeoutSec === config.timeoutSec) return config;
  const key = `${memoryMb}/${timeoutSec}`;
  const byKey = overridden.get(config) ?? new Map<string, FunctionConfig>();
  overridden.set(config, byKey);
  let hit = byKey.get(key);
  if (!hit) byKey.set(key, (hit = { ...config, memoryMb, timeoutSec }));
  return hit;
}
