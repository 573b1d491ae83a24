// One execution environment: a separate OS process (never the host), its Runtime API server,
// its private TMPDIR, its log capture and its memory/timeout enforcement.
// Lifecycle per https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html (read 2026-11-26):
// INIT (spawn -> runtime ready -> function init, capped at 10 s), INVOKE (one at a time), SHUTDOWN.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import { LineSplitter, LogSink } from './logCapture';
import { hostPlatform, type ProcessPlatform, type TreeSample } from './platform';
import { FLUSH_MARKER } from './inSandbox/markers';
import { RuntimeApiServer, type PendingEvent, type ReportedInit, type RuntimeHints } from './runtimeApiServer';
import type { InvocationError, InvokerEventMap } from './types';

/** Lambda's INIT phase cap. */
export const INIT_CAP_MS = 10_000;
/**
 * Idle time before a sandbox is frozen. Lambda freezes as soon as the response is sent; a short
 * grace keeps SIGSTOP/SIGCONT off back-to-back invocations (load runs, --repeat), where the thaw
 * would sit on the hot path, while fire-and-forget work still gets no real time to finish.
 */
export const FREEZE_GRACE_MS = 20;
/** Every how many memory samples new children are looked for (main threads' children lists; ~100 ms). */
const DISCOVER_EVERY = 5;
/** Every how many samples every thread's children list is read (any thread may fork; ~1 s). */
const DEEP_DISCOVER_EVERY = 50;
/** Lines a sandbox may print between invocations before they are dropped. */
const STRAY_LINES_CAP = 1000;

/** Why a sandbox stopped (the contract's reasons). */
export type StopReason = InvokerEventMap['sandboxStopped']['reason'];

/** How to launch one sandbox. */
export interface LaunchSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  tmpDir: string;
  memoryMb: number;
  /** INIT cap in ms (Lambda: 10 s). */
  initCapMs: number;
  /** Sum RSS over the process tree (custom runtimes may fork helpers). */
  measureTree: boolean;
  /** Freeze the sandbox while idle (default true; off while a debugger is attached). */
  freezeIdle?: boolean;
}

/** The end of one invocation as the sandbox saw it. */
export type SandboxOutcome =
  | { kind: 'response'; body: string }
  | { kind: 'error'; error: InvocationError; leftoverFrom?: string }
  | { kind: 'died'; reason: StopReason; code: number | null; signal: NodeJS.Signals | null };

/** Result of INIT. */
export type InitOutcome = { ok: true; initMs: number; reported: ReportedInit; spawnMs: number } | { ok: false; error: InvocationError; reason: StopReason; initMs: number };

/** Longest wait for a reused runtime to ask for its next event before a fresh sandbox is used instead. */
const NEXT_WAIT_MS = 1000;
/** Longest wait for flush markers after a response before the record is closed anyway. */
const FLUSH_WAIT_MS = 1000;

interface Current {
  requestId: string;
  sink: LogSink;
  settle: (o: SandboxOutcome) => void;
  /** Subject to the function timeout (not while debugging). */
  timed: boolean;
  markersSeen: number;
  markersExpected: number;
  outcome?: SandboxOutcome;
  flushTimer?: NodeJS.Timeout;
}

/** A live execution environment. */
export class Sandbox {
  state: 'starting' | 'idle' | 'busy' | 'dead' = 'starting';
  served = 0;
  lastUsed = Date.now();
  /** Set when the function's code or configuration changed: finish the current work, then stop. */
  retired = false;
  /** The runtime announced it exits after its last post (fatal error): never reuse it. */
  dying = false;
  pid = 0;
  private proc: ChildProcess | undefined;
  private readonly api: RuntimeApiServer;
  private current: Current | undefined;
  private initSink: LogSink | undefined;
  private stray: string[] = [];
  private treePeakKb = 0;
  private lastPeakKb = 0;
  private initMarkers = 0;
  private onInitMarker: (() => void) | undefined;
  private onReady: ((r: ReportedInit) => void) | undefined;
  private onInitError: ((e: InvocationError) => void) | undefined;
  private onDeath: ((code: number | null, signal: NodeJS.Signals | null) => void) | undefined;
  private stopReason: StopReason | undefined;
  private exitSeen = false;
  private onExitWhileIdle: (() => void) | undefined;
  private timeoutTimer: NodeJS.Timeout | undefined;
  private timeoutMs = 0;
  /** Descendants seen by any sample: killed and frozen with the tree even after they detach. */
  private readonly known = new Set<number>();
  /** The sandbox's unique log stream, inherited by every child: finds orphans re-parented to init. */
  private readonly marker: string;
  private sampling = false;
  private lastSampleAt = 0;
  private samples = 0;
  /** True while the tree is stopped (SIGSTOP) between invocations. */
  frozen = false;
  private freezeTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly id: string,
    readonly spec: LaunchSpec,
    readonly provisioned: boolean,
    private readonly stopped: (s: Sandbox, reason: StopReason) => void,
    readonly platform: ProcessPlatform = hostPlatform(),
  ) {
    this.marker = `AWS_LAMBDA_LOG_STREAM_NAME=${spec.env.AWS_LAMBDA_LOG_STREAM_NAME ?? id}`;
    this.api = new RuntimeApiServer({
      onNext: (first, reported) => {
        if (first) this.onReady?.(reported);
      },
      onResponse: (id, body, hints) => this.finish(id, { kind: 'response', body }, hints),
      onError: (id, error, hints) => this.finish(id, hints.leftoverFrom === undefined ? { kind: 'error', error } : { kind: 'error', error, leftoverFrom: hints.leftoverFrom }, hints),
      onInitError: (error) => this.onInitError?.(error),
    });
  }

  /** Spawns the process and waits for runtime ready (its first GET /next), an init error, or the 10 s cap. */
  async start(initSink: LogSink, inspectPort?: number, onSpawn?: (pid: number) => void): Promise<InitOutcome> {
    const address = await this.api.listen();
    this.initSink = initSink;
    const t0 = performance.now();
    const args = inspectPort ? [`--inspect-brk=127.0.0.1:${inspectPort}`, ...this.spec.args] : this.spec.args;
    return new Promise<InitOutcome>((resolve) => {
      let settled = false;
      const settle = (o: InitOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(cap);
        this.onReady = this.onInitError = this.onInitMarker = undefined;
        this.initSink = undefined;
        resolve(o);
      };
      // Debugging pauses at the first line; the init cap would fire while the learner steps.
      const cap = setTimeout(() => {
        const cap = this.spec.initCapMs;
        this.stop('timeout');
        settle({ ok: false, reason: 'timeout', initMs: cap, error: { errorType: 'Sandbox.Timedout', errorMessage: `Error: INIT phase timed out after ${(cap / 1000).toFixed(2)} seconds` } });
      }, inspectPort ? 2 ** 31 - 1 : this.spec.initCapMs);
      this.onReady = (reported) => {
        const initMs = performance.now() - t0;
        const inside = (reported.runtimeInitMs ?? 0) + (reported.functionInitMs ?? 0);
        this.state = 'idle';
        const done = () => settle({ ok: true, initMs, reported, spawnMs: Math.max(0, initMs - inside) });
        // Init output must land before START: wait for the bootstrap's init flush markers.
        const expected = reported.flushMarkers ?? 0;
        if (this.initMarkers >= expected) return done();
        const fallback = setTimeout(done, 1000);
        this.onInitMarker = () => {
          if (this.initMarkers < expected) return;
          clearTimeout(fallback);
          done();
        };
      };
      this.onInitError = (error) => {
        this.stop('init-error');
        settle({ ok: false, reason: 'init-error', error, initMs: performance.now() - t0 });
      };
      this.onDeath = (code, signal) => {
        const reason = this.stopReason ?? 'crash';
        const oom = reason === 'oom';
        const error = oom ? { errorType: 'Runtime.OutOfMemory', errorMessage: 'Error: Runtime exited with error: signal: killed' } : initExitError(code, signal);
        settle({ ok: false, reason, error, initMs: performance.now() - t0 });
      };
      const entryProblem = this.spec.measureTree ? checkExecutable(this.spec.command) : undefined;
      if (entryProblem) {
        this.stop('init-error');
        settle({ ok: false, reason: 'init-error', initMs: 0, error: { errorType: 'Runtime.InvalidEntrypoint', errorMessage: entryProblem } });
        return;
      }
      try {
        const env = { ...this.spec.env, AWS_LAMBDA_RUNTIME_API: address };
        // The parent-death guard (Linux: setpriv --pdeathsig): the kernel kills the sandbox if the host
        // dies without cleaning up (a crashed or SIGKILLed extension host), so no orphan survives.
        const { command, args: argv } = this.platform.guardCommand(this.spec.command, args);
        // POSIX: its own process group, so one signal freezes or kills every child that stays in it.
        this.proc = spawn(command, argv, { cwd: this.spec.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: this.platform.ownProcessGroup, windowsHide: true });
      } catch (err) {
        this.stop('init-error');
        settle({ ok: false, reason: 'init-error', initMs: 0, error: { errorType: 'Runtime.InvalidEntrypoint', errorMessage: String(err) } });
        return;
      }
      const proc = this.proc;
      proc.on('error', (err) => {
        this.stop('init-error');
        settle({ ok: false, reason: 'init-error', initMs: 0, error: { errorType: 'Runtime.InvalidEntrypoint', errorMessage: `Error: ${err.message}` } });
      });
      this.pid = proc.pid ?? 0;
      if (this.pid) onSpawn?.(this.pid);
      for (const stream of [proc.stdout!, proc.stderr!]) {
        const splitter = new LineSplitter((line) => this.line(line));
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => splitter.push(chunk));
        stream.on('end', () => splitter.flush());
      }
      proc.on('exit', (code, signal) => this.exited(code, signal));
    });
  }

  /** Delivers one event; settles on response, error, timeout, OOM or process death. */
  invoke(event: PendingEvent, sink: LogSink, timeoutSec: number | undefined): Promise<SandboxOutcome> {
    this.state = 'busy';
    if (this.frozen) this.thaw();
    for (const l of this.stray) sink.add(l);
    this.stray = [];
    return new Promise((resolve) => {
      const cur: Current = { requestId: event.requestId, sink, settle: resolve, markersSeen: 0, markersExpected: 0, timed: timeoutSec !== undefined };
      this.current = cur;
      this.api.deliver(event);
      if (timeoutSec !== undefined) this.armTimeout(timeoutSec * 1000);
    });
  }

  /**
   * One timer per sandbox, re-armed per invocation (refresh() allocates nothing); when it fires it
   * times out whatever invocation is still running, which is the one that re-armed it.
   */
  private armTimeout(ms: number): void {
    if (this.timeoutTimer && this.timeoutMs === ms) {
      this.timeoutTimer.refresh();
      return;
    }
    clearTimeout(this.timeoutTimer);
    this.timeoutMs = ms;
    this.timeoutTimer = setTimeout(() => {
      const cur = this.current;
      if (cur?.timed && !cur.outcome) this.kill(cur.requestId, 'timeout');
    }, ms);
    // Only an invocation in flight needs it, and that keeps the process alive through its socket.
    this.timeoutTimer.unref();
  }

  /**
   * Peak memory in KiB over this environment's life: the root's kernel peak (VmHWM or the runtime's
   * ru_maxrss) or, with child processes, the largest whole-tree sample.
   */
  peakKb(): number {
    // Sampled when the runtime posted (finish), by the watchdog and at stop; re-read only if never sampled.
    if (this.lastPeakKb === 0 && this.treePeakKb === 0 && this.state !== 'dead') this.samplePeak();
    return Math.max(this.lastPeakKb, this.treePeakKb);
  }

  /** A synchronous sample where the platform offers one (Linux); elsewhere the watchdog's samples stand. */
  private samplePeak(): void {
    if (!this.pid || this.platform.sampleIntervalMs > 0) return;
    this.record(this.platform.sampleTree(this.pid) as TreeSample);
  }

  /** Keeps the peaks; `ofKnown`: the sample measured only known pids, so any missing from it have exited. */
  private record(sample: TreeSample, ofKnown = false): void {
    if (sample.peakKb > this.lastPeakKb) this.lastPeakKb = sample.peakKb;
    if (sample.rssKb > this.treePeakKb) this.treePeakKb = sample.rssKb;
    // Forget exited pids, so a later tree kill can't hit an unrelated process that reused one.
    if (ofKnown) this.known.clear();
    for (const p of sample.descendants) this.known.add(p);
  }

  /** Watchdog tick: samples the whole process tree and kills the sandbox when it exceeds Memory Size. */
  checkMemory(): void {
    if (this.state === 'dead' || !this.pid || this.sampling || !this.platform.capabilities.memoryLimitEnforced) return;
    const now = performance.now();
    if (now - this.lastSampleAt < this.platform.sampleIntervalMs) return;
    this.lastSampleAt = now;
    // The root and known children every tick (a memory bomb is caught within ~20 ms). Discovering
    // children costs more: a full walk reads one file per thread of every process (~400 µs CPU for a
    // Node sandbox here; an A/B at concurrency 8 showed it halving throughput when done every 5th tick),
    // so main threads are checked every DISCOVER_EVERY-th tick and all threads every DEEP_DISCOVER_EVERY-th.
    const n = this.samples++;
    const ofKnown = n % DISCOVER_EVERY !== 0;
    const sample = this.platform.sampleTree(this.pid, ofKnown ? this.known : undefined, n % DEEP_DISCOVER_EVERY !== 0);
    if (!(sample instanceof Promise)) return this.checked(sample, ofKnown);
    this.sampling = true;
    sample.then((s) => {
      this.sampling = false;
      if (this.state !== 'dead') this.checked(s, ofKnown);
    }, () => (this.sampling = false));
  }

  private checked(sample: TreeSample, ofKnown: boolean): void {
    this.record(sample, ofKnown);
    if (sample.rssKb > this.spec.memoryMb * 1024) this.oom();
  }

  /** Kills the sandbox because it exceeded Memory Size (also used after an invocation whose peak exceeded it). */
  oom(): void {
    if (this.current) this.kill(this.current.requestId, 'oom');
    else this.stop('oom');
  }

  /**
   * Liveness before reuse: the runtime has asked for its next event on an open connection and the process
   * has not exited. Lambda hands work only to an environment whose runtime called /next, so a runtime that
   * died right after responding gets a fresh sandbox instead of failing the next call. Resolves at once for
   * our bootstraps (they ask for the next event in the same write as the response); otherwise waits until
   * the runtime asks or dies.
   */
  readyForNext(): true | Promise<boolean> {
    if (this.exitSeen || this.state === 'dead') return Promise.resolve(false);
    if (this.api.awaitingNext()) return true;
    return new Promise((resolve) => {
      const done = (alive: boolean) => {
        clearTimeout(timer);
        this.api.onceAwaitingNext(undefined);
        this.onExitWhileIdle = undefined;
        resolve(alive && this.state !== 'dead');
      };
      // A runtime that neither asks nor exits is not reused for this call; it may still ask later.
      const timer = setTimeout(() => done(false), NEXT_WAIT_MS);
      this.api.onceAwaitingNext(() => done(true));
      this.onExitWhileIdle = () => done(false);
    });
  }

  /** Marks the sandbox idle after an invocation; it is frozen once it stays idle for the grace period. */
  release(): void {
    this.state = 'idle';
    this.served++;
    this.lastUsed = Date.now();
    if (this.spec.freezeIdle === false || !this.platform.capabilities.freeze) return;
    if (this.freezeTimer) this.freezeTimer.refresh();
    else {
      this.freezeTimer = setTimeout(() => this.freeze(), FREEZE_GRACE_MS);
      this.freezeTimer.unref();
    }
  }

  private freeze(): void {
    if (this.state !== 'idle' || this.frozen || !this.pid) return;
    // Children started by the last invocation are frozen too (and remembered for the final kill).
    if (this.platform.sampleIntervalMs === 0) this.record(this.platform.sampleTree(this.pid) as TreeSample);
    this.frozen = this.platform.freeze(this.pid, this.known);
  }

  private thaw(): void {
    this.frozen = false;
    this.platform.thaw(this.pid, this.known);
  }

  /** Kills the process group, closes the API and removes the private TMPDIR. Idempotent. */
  stop(reason: StopReason): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    clearTimeout(this.timeoutTimer);
    clearTimeout(this.freezeTimer);
    if (this.pid && this.state !== 'dead') this.samplePeak();
    this.state = 'dead';
    // The whole tree: group, descendants (detached ones included) and orphans carrying the marker.
    if (this.pid) this.platform.killTree(this.pid, this.known, this.marker);
    this.api.close();
    fs.rm(this.spec.tmpDir, { recursive: true, force: true }, () => undefined);
    this.stopped(this, reason);
  }

  /** Resolves once the process has exited (or immediately if it never started). */
  waitExit(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => proc.once('exit', () => resolve()));
  }

  private kill(requestId: string, reason: 'timeout' | 'oom'): void {
    const cur = this.current;
    if (!cur || cur.requestId !== requestId) return;
    this.stop(reason);
    // The invocation's outcome is set by exited() so that late log lines are still collected.
  }

  private finish(requestId: string, outcome: SandboxOutcome, hints: RuntimeHints): void {
    const cur = this.current;
    if (!cur || cur.requestId !== requestId || cur.outcome) return;
    // The real peak, read while the process surely exists (a fatal error exits right after):
    // our bootstraps report the kernel's ru_maxrss; for other runtimes read /proc.
    // Children (seen by an earlier sample) are counted by a fresh tree sample.
    if (hints.maxRssKb !== undefined && !this.spec.measureTree && !this.known.size) {
      if (hints.maxRssKb > this.lastPeakKb) this.lastPeakKb = hints.maxRssKb;
    } else {
      if (hints.maxRssKb !== undefined && hints.maxRssKb > this.lastPeakKb) this.lastPeakKb = hints.maxRssKb;
      this.samplePeak();
    }
    if (hints.exiting) this.dying = true;
    cur.outcome = outcome;
    cur.markersExpected = hints.flushMarkers ?? 0;
    if (hints.flushMarkers === 0) this.settleNow(cur);
    else if (cur.markersSeen >= cur.markersExpected) this.settleSoon(cur);
    else cur.flushTimer = setTimeout(() => this.settleSoon(cur), FLUSH_WAIT_MS);
  }

  /** Our bootstrap wrote nothing since the last invocation: no output can be pending. */
  private settleNow(cur: Current): void {
    if (this.current === cur) this.current = undefined;
    cur.settle(cur.outcome!);
  }

  private settleSoon(cur: Current): void {
    clearTimeout(cur.flushTimer);
    // Output written before the response may still sit in the pipe: read it first,
    // still routing lines to this invocation.
    setImmediate(() => {
      if (this.current === cur) this.current = undefined;
      cur.settle(cur.outcome!);
    });
  }

  private line(line: string): void {
    if (line.startsWith(FLUSH_MARKER)) {
      const cur = this.current;
      if (!cur && line.slice(FLUSH_MARKER.length) === 'init') {
        this.initMarkers++;
        this.onInitMarker?.();
      } else if (cur && line.slice(FLUSH_MARKER.length) === cur.requestId) {
        cur.markersSeen++;
        if (cur.outcome && cur.markersSeen === cur.markersExpected) this.settleSoon(cur);
      }
      return;
    }
    if (this.current) this.current.sink.add(line);
    else if (this.initSink) this.initSink.add(line);
    else if (this.stray.length < STRAY_LINES_CAP) this.stray.push(line);
  }

  private exited(code: number | null, signal: NodeJS.Signals | null): void {
    this.exitSeen = true;
    this.onExitWhileIdle?.();
    const reason = this.stopReason ?? (signal ? 'crash' : 'exit');
    if (!this.stopReason) this.stop(reason);
    const cur = this.current;
    const death = this.onDeath;
    // Let the pipes drain so the last lines land in the right invocation.
    const proc = this.proc;
    let done = false;
    const complete = () => {
      if (done) return;
      done = true;
      // Once the pipes closed, the fallback must not hold the event loop (a CLI run would exit 50 ms later).
      clearTimeout(fallback);
      // A leftover child that inherited stdout/stderr must not keep the host (the CLI) waiting.
      proc?.stdout?.destroy();
      proc?.stderr?.destroy();
      death?.(code, signal);
      if (cur && this.current === cur) {
        this.current = undefined;
        clearTimeout(cur.flushTimer);
        cur.settle(cur.outcome ?? { kind: 'died', reason, code, signal });
      }
    };
    const fallback = setTimeout(complete, 50);
    proc?.once('close', complete);
  }
}

/** Lambda's wording when a custom runtime's bootstrap can't be executed. */
function checkExecutable(file: string): string | undefined {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return `Error: fork/exec ${file}: ${code === 'ENOENT' ? 'no such file or directory' : 'permission denied'}`;
  }
}

function initExitError(code: number | null, signal: NodeJS.Signals | null): InvocationError {
  const reason = signal ? `signal: ${signal === 'SIGKILL' ? 'killed' : signal}` : `exit status ${code}`;
  return { errorType: 'Runtime.ExitError', errorMessage: `Error: Runtime exited with error: ${reason}` };
}
