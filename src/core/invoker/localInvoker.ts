// The embedded invoker: routes invocations to sandbox pools and turns each outcome into a
// Lambda-shaped InvocationRecord (START/END/REPORT, errors, real memory figures).
import { randomUUID } from 'crypto';
import * as path from 'path';
import { FunctionPool, fingerprint, sameEnv } from './functionPool';
import { contentionNote, InitOverlap } from './hostLoad';
import { endLine, exitError, initReportLine, initStartLine, makeReport, outOfMemoryError, reportLine, startLine, throttleError, timeoutError, timeoutMessage } from './lambdaFormat';
import { findBootstrapDir, launchSpec, LOCAL_ACCOUNT_ID, completeConfig, pythonVersionOf, resolvePython, type CompleteConfig } from './launch';
import { LogSink } from './logCapture';
import { hostPlatform, limitations, type ProcessPlatform } from './platform';
import { ensurePrivateDir, userCacheDir } from './privateDir';
import { INIT_CAP_MS, Sandbox, type InitOutcome, type SandboxOutcome, type StopReason } from './sandbox';
import type { HostLoad, InvocationError, InvocationRecord, InvokeRequest, Invoker, InvokerEventMap, InvokerOptions, FunctionConfig, PlatformLimits } from './types';

/** A cold start's INIT outcome with the host's load while it ran. */
type ColdStart = InitOutcome & { host?: { host: HostLoad; contended: boolean } };

/** Synchronous request payload limit (6 MB): https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const MAX_REQUEST_BYTES = 6291456;
const WATCHDOG_MS = 20;
const REAPER_MS = 1000;

type Listener = (payload: never) => void;

/** Invoker implementation; see createInvoker(). */
export class LocalInvoker implements Invoker {
  private readonly pools = new Map<string, FunctionPool>();
  private readonly listeners = new Map<keyof InvokerEventMap, Set<Listener>>();
  private readonly bootstrapDir: string;
  /** The verified private transpile cache ('' = none), prepared on the first sandbox start. */
  private cacheDir: string | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private readonly reaper: NodeJS.Timeout;
  private nextSandbox = 1;
  private lastResolved: { config: FunctionConfig; copy: FunctionConfig; fn: CompleteConfig } | undefined;
  private disposed = false;
  private readonly platform: ProcessPlatform;
  private readonly inits = new InitOverlap();

  constructor(private readonly options: InvokerOptions) {
    this.bootstrapDir = findBootstrapDir(options.bootstrapDir);
    this.platform = options.platform ?? hostPlatform();
    this.reaper = setInterval(() => this.reap(), REAPER_MS);
    this.reaper.unref();
  }

  async invoke(config: FunctionConfig, request: InvokeRequest): Promise<InvocationRecord> {
    const requestId = randomUUID();
    const startedAt = Date.now();
    const fn = this.resolve(config);
    if ('errorType' in fn) return this.rejected(requestId, config.name, fn);
    if (this.disposed) return this.rejected(requestId, fn.name, { errorType: 'ServiceException', errorMessage: 'The invoker has been shut down.' });
    let payload: string;
    try {
      payload = JSON.stringify(request.event === undefined ? {} : request.event);
    } catch (err) {
      return this.rejected(requestId, fn.name, { errorType: 'InvalidRequestContentException', errorMessage: `Could not serialize the event as JSON: ${(err as Error).message}` });
    }
    if (payload.length > MAX_REQUEST_BYTES / 4 && Buffer.byteLength(payload) > MAX_REQUEST_BYTES) {
      return this.rejected(requestId, fn.name, { errorType: 'RequestEntityTooLargeException', errorMessage: `Request must be smaller than ${MAX_REQUEST_BYTES} bytes for the InvokeFunction operation` });
    }
    const pool = this.poolFor(fn);
    if (fn.reservedConcurrency !== undefined && pool.inFlight() >= fn.reservedConcurrency) {
      const record = this.rejected(requestId, fn.name, throttleError());
      record.throttled = true;
      return record;
    }
    const debugPort = fn.runtime === 'nodejs' ? request.debug?.inspectPort : undefined;
    let sandbox: Sandbox | undefined;
    if (!request.forceCold && !debugPort) {
      const live = this.takeLive(pool);
      sandbox = live instanceof Promise ? await live : live;
    }
    if (this.listeners.has('invocationStarted')) this.emit('invocationStarted', { requestId, functionName: fn.name });
    const onLine = this.listeners.has('log') ? (line: string) => this.emit('log', { requestId, functionName: fn.name, line }) : undefined;
    const sink = new LogSink(this.options.logCapBytes ?? 256 * 1024, onLine);
    let init: ColdStart | undefined;
    if (sandbox) {
      sandbox.state = 'busy';
      this.watch();
    } else {
      const started = await this.startSandbox(pool, fn, false, sink, debugPort);
      sandbox = started.sandbox;
      init = started.init;
      if (!init.ok) return this.initFailed(requestId, fn, sandbox, init, sink, startedAt);
    }
    sink.add(startLine(requestId));
    const t0 = performance.now();
    const outcome = await sandbox.invoke(this.pendingEvent(fn, requestId, payload, request), sink, debugPort ? undefined : fn.timeoutSec);
    const durationMs = performance.now() - t0;
    const record = this.finishRecord(requestId, fn, sandbox, outcome, sink, durationMs, init, startedAt);
    if (debugPort) sandbox.stop('shutdown');
    return record;
  }

  async warm(config: FunctionConfig): Promise<void> {
    const fn = completeConfig(config);
    if ('errorType' in fn) throw new Error(fn.errorMessage);
    const pool = this.poolFor(fn);
    const missing = fn.provisionedConcurrency - pool.provisionedCount();
    const starts = Array.from({ length: Math.max(0, missing) }, () => this.startSandbox(pool, fn, true, new LogSink(64 * 1024)));
    const results = await Promise.all(starts);
    const failed = results.find((r) => !r.init.ok);
    if (failed && !failed.init.ok) throw new Error(`Provisioned concurrency for ${fn.name} failed to initialize: ${failed.init.error.errorType}: ${failed.init.error.errorMessage}`);
  }

  sandboxCount(functionName?: string): number {
    let n = 0;
    for (const [name, pool] of this.pools) {
      if (functionName !== undefined && name !== functionName) continue;
      for (const s of pool.sandboxes) if (s.state !== 'dead') n++;
    }
    return n;
  }

  on<K extends keyof InvokerEventMap>(event: K, listener: (payload: InvokerEventMap[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener);
    return () => {
      set.delete(listener as Listener);
      // Keep `listeners.has(event)` meaning "someone listens": the hot path skips building payloads otherwise.
      if (!set.size && this.listeners.get(event) === set) this.listeners.delete(event);
    };
  }

  async stopSandboxes(functionName?: string): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const [name, pool] of this.pools) {
      if (functionName !== undefined && name !== functionName) continue;
      for (const s of [...pool.sandboxes]) {
        s.stop('shutdown');
        waits.push(s.waitExit());
      }
    }
    await Promise.all(waits);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearInterval(this.reaper);
    clearInterval(this.watchdog);
    this.watchdog = undefined;
    await this.stopSandboxes();
    this.listeners.clear();
  }

  /**
   * completeConfig(), reusing the last result while the caller passes the same, unchanged config
   * object (the CLI's --repeat, load runs): validation and path resolution stay off the warm path.
   */
  private resolve(config: FunctionConfig): CompleteConfig | InvocationError {
    const last = this.lastResolved;
    if (last && last.config === config && sameConfig(config, last.copy)) return last.fn;
    const fn = completeConfig(config);
    this.lastResolved = 'errorType' in fn ? undefined : { config, copy: { ...config, env: config.env && { ...config.env } }, fn };
    return fn;
  }

  private poolFor(fn: CompleteConfig): FunctionPool {
    const print = fingerprint(fn);
    let pool = this.pools.get(fn.name);
    if (!pool) this.pools.set(fn.name, (pool = new FunctionPool(fn, print)));
    else for (const stale of pool.update(fn, print)) stale.stop('shutdown');
    return pool;
  }

  /** An idle sandbox whose runtime is alive and waiting (see Sandbox.readyForNext), marked busy; else undefined. */
  private takeLive(pool: FunctionPool): Sandbox | undefined | Promise<Sandbox | undefined> {
    const sandbox = pool.takeIdle();
    if (!sandbox) return undefined;
    const ready = sandbox.readyForNext();
    // The warm hot path stays synchronous: no promise when the runtime is already waiting.
    if (ready === true) return sandbox;
    sandbox.state = 'busy';
    return ready.then((alive) => {
      if (alive) return sandbox;
      // Alive but not asking: leave it for later calls. Dead: it is leaving the pool. Either way, try again.
      if (sandbox.state === 'busy') sandbox.state = 'idle';
      return sandbox.state === 'idle' ? undefined : this.takeLive(pool);
    });
  }

  private async startSandbox(pool: FunctionPool, fn: CompleteConfig, provisioned: boolean, sink: LogSink, inspectPort?: number): Promise<{ sandbox: Sandbox; init: ColdStart }> {
    const id = `${fn.name}#${this.nextSandbox++}`;
    const spec = launchSpec(fn, {
      nodePath: this.options.nodePath ?? process.execPath,
      pythonExe: '',
      bootstrapDir: this.bootstrapDir,
      region: this.options.region ?? 'us-east-1',
      cacheDir: this.transpileCacheDir(),
      provisioned,
      initCapMs: this.options.initCapMs ?? INIT_CAP_MS,
    });
    if (inspectPort) spec.freezeIdle = false;
    const sandbox = new Sandbox(id, spec, provisioned, (s, reason) => this.stopped(pool, s, reason), this.platform);
    pool.sandboxes.add(sandbox);
    this.watch();
    if (fn.runtime === 'python') {
      try {
        spec.command = await resolvePython(this.options.pythonPath ?? 'python3');
      } catch (err) {
        sandbox.stop('init-error');
        return { sandbox, init: { ok: false, reason: 'init-error', initMs: 0, error: { errorType: 'Runtime.InvalidEntrypoint', errorMessage: (err as Error).message } } };
      }
    }
    const version = fn.runtime === 'nodejs' ? process.versions.node : fn.runtime === 'python' ? pythonVersionOf(spec.command) : '';
    sink.add(initStartLine(fn.runtime, version, this.options.region ?? 'us-east-1'));
    const window = this.inits.begin();
    const init: ColdStart = await sandbox.start(sink, inspectPort, (pid) => this.emit('sandboxStarted', { sandboxId: id, functionName: fn.name, pid }));
    init.host = this.inits.end(window);
    return { sandbox, init };
  }

  /** Prepares the per-user transpile cache once; without a safe directory TypeScript is transpiled on every cold start. */
  private transpileCacheDir(): string {
    if (this.cacheDir !== undefined) return this.cacheDir;
    const result = ensurePrivateDir(path.join(this.options.cacheDir ?? userCacheDir(), 'ts-cache'));
    if (!result.ok) this.options.onWarning?.(`TypeScript transpile cache disabled: ${result.reason}.`);
    else if (result.repaired) this.options.onWarning?.(`TypeScript transpile cache ${result.dir}: ${result.repaired}.`);
    this.cacheDir = result.ok ? result.dir : '';
    return this.cacheDir;
  }

  private stopped(pool: FunctionPool, sandbox: Sandbox, reason: StopReason): void {
    pool.sandboxes.delete(sandbox);
    if (sandbox.pid) this.emit('sandboxStopped', { sandboxId: sandbox.id, functionName: pool.fn.name, reason });
  }

  private pendingEvent(fn: CompleteConfig, requestId: string, payload: string, request: InvokeRequest) {
    // X-Ray ids from the request id's hex digits (UUID layout 8-4-4-4-12): Root takes 24, Parent 16.
    const r = requestId;
    const now = Date.now();
    return {
      requestId,
      payload,
      deadlineMs: now + fn.timeoutSec * 1000,
      functionArn: `arn:aws:lambda:${this.options.region ?? 'us-east-1'}:${LOCAL_ACCOUNT_ID}:function:${fn.name}`,
      traceId: `Root=1-${Math.floor(now / 1000).toString(16)}-${r.slice(0, 8)}${r.slice(9, 13)}${r.slice(14, 18)}${r.slice(19, 23)}${r.slice(24, 28)};Parent=${r.slice(19, 23)}${r.slice(24)};Sampled=0`,
      clientContext: request.clientContext === undefined ? undefined : JSON.stringify(request.clientContext),
      cognitoIdentity: request.cognitoIdentity === undefined ? undefined : JSON.stringify(request.cognitoIdentity),
    };
  }

  private finishRecord(requestId: string, fn: CompleteConfig, sandbox: Sandbox, outcome: SandboxOutcome, sink: LogSink, durationMs: number, init: ColdStart | undefined, startedAt: number): InvocationRecord {
    let response: unknown;
    let error: InvocationError | undefined;
    let ended: { status: 'timeout' | 'error'; errorType?: string } | undefined;
    const extra: string[] = [];
    if (outcome.kind === 'response') {
      try {
        response = JSON.parse(outcome.body);
      } catch {
        response = outcome.body;
      }
    } else if (outcome.kind === 'error') {
      error = outcome.error;
    } else if (outcome.reason === 'timeout') {
      error = timeoutError(requestId, fn.timeoutSec);
      extra.push(`${new Date().toISOString()} ${requestId} ${timeoutMessage(fn.timeoutSec)}`);
      ended = { status: 'timeout' };
      // Lambda reports exactly the timeout as Duration; our kill lands a little later.
      durationMs = Math.min(durationMs, fn.timeoutSec * 1000);
    } else if (outcome.reason === 'oom' || sink.lines.some((l) => l.includes('JavaScript heap out of memory'))) {
      error = outOfMemoryError(requestId);
    } else {
      error = exitError(requestId, outcome.code, outcome.signal);
      ended = { status: 'error', errorType: error.errorType };
    }
    let peakKb = sandbox.peakKb();
    if (this.platform.capabilities.memoryLimitEnforced && sandbox.state !== 'dead' && peakKb > fn.memoryMb * 1024) {
      // The peak rose above Memory Size between watchdog samples: Lambda would have killed it.
      sandbox.oom();
      response = undefined;
      error = outOfMemoryError(requestId);
    }
    if (error?.errorType === 'Runtime.OutOfMemory') {
      ended = { status: 'error', errorType: 'Runtime.OutOfMemory' };
      // Lambda's REPORT after an OOM kill shows the whole Memory Size as used.
      peakKb = fn.memoryMb * 1024;
    }
    if (sandbox.state !== 'dead') {
      sandbox.release();
      if (sandbox.dying) sandbox.stop('crash');
      else if (sandbox.retired) sandbox.stop('shutdown');
    }
    const initDurationMs = init?.ok && !sandbox.provisioned ? init.initMs : undefined;
    const report = makeReport(durationMs, initDurationMs, fn.memoryMb, peakKb, fn.billingRule);
    if (ended) Object.assign(report, ended);
    const logs = sink.finish();
    const logListeners = this.listeners.has('log');
    for (const line of [...extra, endLine(requestId), reportLine(requestId, report)]) {
      logs.push(line);
      if (logListeners) this.emit('log', { requestId, functionName: fn.name, line });
    }
    const record: InvocationRecord = {
      requestId,
      functionName: fn.name,
      cold: init !== undefined,
      sandboxId: sandbox.id,
      timings: init?.ok
        ? { spawnMs: init.spawnMs, runtimeInitMs: init.reported.runtimeInitMs, functionInitMs: init.reported.functionInitMs, invokeMs: durationMs, startedAt }
        : { invokeMs: durationMs, startedAt },
      report,
      logs,
    };
    if (error) record.error = error;
    else record.response = response;
    const limits = platformLimits(this.platform, peakKb > 0);
    if (limits) record.platformLimits = limits;
    annotate(record, init, outcome);
    this.emit('invocationFinished', record);
    return record;
  }

  private initFailed(requestId: string, fn: CompleteConfig, sandbox: Sandbox, init: Extract<InitOutcome, { ok: false }>, sink: LogSink, startedAt: number): InvocationRecord {
    const report = makeReport(0, init.initMs, fn.memoryMb, sandbox.peakKb(), fn.billingRule);
    const status = init.reason === 'timeout' ? 'timeout' : 'error';
    Object.assign(report, status === 'timeout' ? { status } : { status, errorType: init.error.errorType });
    const logs = sink.finish();
    const lines = [initReportLine(init.initMs, status, init.error.errorType), startLine(requestId), endLine(requestId), reportLine(requestId, report)];
    for (const line of lines) {
      logs.push(line);
      this.emit('log', { requestId, functionName: fn.name, line });
    }
    const record: InvocationRecord = {
      requestId, functionName: fn.name, cold: true, sandboxId: sandbox.id,
      timings: { invokeMs: 0, startedAt }, report, logs, error: init.error,
    };
    const limits = platformLimits(this.platform, report.maxMemoryUsedMb > 0);
    if (limits) record.platformLimits = limits;
    this.emit('invocationFinished', record);
    return record;
  }

  /** A record for an invocation that never reached a sandbox (validation, payload limit, throttle). */
  private rejected(requestId: string, functionName: string, error: InvocationError): InvocationRecord {
    const record: InvocationRecord = {
      requestId, functionName: functionName ?? '', cold: false,
      timings: { invokeMs: 0, startedAt: Date.now() },
      report: { durationMs: 0, billedDurationMs: 0, memorySizeMb: 0, maxMemoryUsedMb: 0 },
      logs: [], error,
    };
    this.emit('invocationFinished', record);
    return record;
  }

  private emit<K extends keyof InvokerEventMap>(event: K, payload: InvokerEventMap[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const l of set) {
      try {
        (l as (p: InvokerEventMap[K]) => void)(payload);
      } catch {
        // a faulty listener must not break invocations
      }
    }
  }

  /** Runs the memory watchdog while any sandbox is starting or busy. */
  private watch(): void {
    if (this.watchdog) return;
    this.watchdog = setInterval(() => {
      let active = 0;
      for (const pool of this.pools.values()) {
        for (const s of pool.sandboxes) {
          if (s.state !== 'busy' && s.state !== 'starting') continue;
          active++;
          s.checkMemory();
        }
      }
      if (!active) {
        clearInterval(this.watchdog);
        this.watchdog = undefined;
      }
    }, WATCHDOG_MS);
    this.watchdog.unref();
  }

  private reap(): void {
    const now = Date.now();
    for (const pool of this.pools.values()) for (const s of pool.expired(now)) s.stop('idle');
  }
}

/** Adds what a learner needs to read the record right: contended Init figures, errors from leftover work. */
function annotate(record: InvocationRecord, init: ColdStart | undefined, outcome: SandboxOutcome): void {
  const notes: string[] = [];
  if (init?.host) {
    record.host = init.host.host;
    if (init.host.contended) {
      record.hostContended = true;
      notes.push(contentionNote(init.host.host));
    }
  }
  if (outcome.kind === 'error' && outcome.leftoverFrom !== undefined) {
    record.leftoverFrom = outcome.leftoverFrom;
    const from = outcome.leftoverFrom ? `invocation ${outcome.leftoverFrom}` : 'the init code';
    notes.push(`This error did not come from this invocation's code path: work left running by ${from} (a promise or timer still pending after its handler returned) failed while the environment was idle. On Lambda the environment is frozen between invocations, so that leftover work runs, and fails, when the next invocation thaws it. Await every promise before returning.`);
  }
  if (notes.length) record.notes = notes;
}

const CONFIG_KEYS = ['name', 'handlerFile', 'handlerName', 'runtime', 'memoryMb', 'timeoutSec', 'architecture', 'keepAliveSec', 'reservedConcurrency', 'provisionedConcurrency', 'billingRule'] as const;
/** Fails to compile when FunctionConfig gains a field that sameConfig() doesn't compare. */
const everyKeyCompared: Exclude<keyof FunctionConfig, (typeof CONFIG_KEYS)[number] | 'env'> extends never ? true : never = true;
void everyKeyCompared;

/** Field-by-field equality of two configs (env compared shallowly). */
function sameConfig(a: FunctionConfig, b: FunctionConfig): boolean {
  for (const k of CONFIG_KEYS) if (a[k] !== b[k]) return false;
  if (a.env === b.env) return true;
  return !!a.env && !!b.env && sameEnv(a.env, b.env);
}

/** The record's platformLimits: undefined when the OS provided everything (Linux with procfs). */
function platformLimits(platform: ProcessPlatform, memoryMeasured: boolean): PlatformLimits | undefined {
  const c = platform.capabilities;
  const notes = limitations(c);
  if (!memoryMeasured && c.memoryMeasurement !== 'kernel-peak') notes.push('Max Memory Used could not be measured on this OS (shown as 0)');
  if (!notes.length) return undefined;
  return { os: platform.os, memoryLimitEnforced: c.memoryLimitEnforced, memoryMeasured, frozenWhileIdle: c.freeze, notes };
}
