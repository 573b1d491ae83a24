// One execution environment: a separate OS process (never the host), its Runtime API server,
// its private TMPDIR, its log capture and its memory/timeout enforcement.
// Lifecycle per https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html (read 2026-11-26):
// INIT (spawn -> runtime ready -> function init, capped at 10 s), INVOKE (one at a time), SHUTDOWN.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import { LineSplitter, LogSink } from './logCapture';
import { descendants, readMemory, readTreeRssKb } from './procStats';
import { FLUSH_MARKER } from './inSandbox/markers';
import { RuntimeApiServer, type PendingEvent, type ReportedInit, type RuntimeHints } from './runtimeApiServer';
import type { InvocationError, InvokerEventMap } from './types';

/** Lambda's INIT phase cap. */
export const INIT_CAP_MS = 10_000;
/** util-linux setpriv, when present (Linux), to tie each sandbox's life to the host process. */
const PDEATHSIG = process.platform === 'linux' && fs.existsSync('/usr/bin/setpriv') ? '/usr/bin/setpriv' : undefined;
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

  constructor(readonly id: string, readonly spec: LaunchSpec, readonly provisioned: boolean, private readonly stopped: (s: Sandbox, reason: StopReason) => void) {
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
        // setpriv --pdeathsig: the kernel kills the sandbox if the host dies without cleaning up
        // (a crashed or SIGKILLed extension host), so no orphan survives even a busy loop.
        const [command, argv] = PDEATHSIG ? [PDEATHSIG, ['--pdeathsig', 'KILL', '--', this.spec.command, ...args]] : [this.spec.command, args];
        this.proc = spawn(command, argv, { cwd: this.spec.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
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

  /** Peak RSS in KiB over this environment's life (the kernel's VmHWM; tree samples for custom runtimes). */
  peakKb(): number {
    // Sampled when the runtime posted (finish), by the watchdog and at stop; re-read only if never sampled.
    if (this.lastPeakKb === 0 && this.state !== 'dead') this.samplePeak();
    return Math.max(this.lastPeakKb, this.treePeakKb);
  }

  private samplePeak(): void {
    const own = readMemory(this.pid).peakKb;
    const peak = this.spec.measureTree ? Math.max(own, readTreeRssKb(this.pid)) : own;
    if (peak > this.lastPeakKb) this.lastPeakKb = peak;
  }

  /** Watchdog tick: kills the sandbox when its resident memory exceeds Memory Size. */
  checkMemory(): void {
    if (this.state === 'dead' || !this.pid) return;
    const mem = readMemory(this.pid);
    const rss = this.spec.measureTree ? readTreeRssKb(this.pid) : mem.rssKb;
    if (rss > this.treePeakKb) this.treePeakKb = rss;
    if (mem.peakKb > this.lastPeakKb) this.lastPeakKb = mem.peakKb;
    if (rss > this.spec.memoryMb * 1024) this.oom();
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

  /** Marks the sandbox idle after an invocation. */
  release(): void {
    this.state = 'idle';
    this.served++;
    this.lastUsed = Date.now();
  }

  /** Kills the process group, closes the API and removes the private TMPDIR. Idempotent. */
  stop(reason: StopReason): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    clearTimeout(this.timeoutTimer);
    if (this.pid && this.state !== 'dead') this.samplePeak();
    this.state = 'dead';
    if (this.pid) {
      const stragglers = this.spec.measureTree ? descendants(this.pid) : [];
      try {
        process.kill(-this.pid, 'SIGKILL');
      } catch {
        try { process.kill(this.pid, 'SIGKILL'); } catch { /* already gone */ }
      }
      // A custom runtime may have put helpers in their own process group.
      for (const p of stragglers) try { process.kill(p, 'SIGKILL'); } catch { /* gone */ }
    }
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
    if (hints.maxRssKb !== undefined && !this.spec.measureTree) {
      if (hints.maxRssKb > this.lastPeakKb) this.lastPeakKb = hints.maxRssKb;
    } else {
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
      death?.(code, signal);
      if (cur && this.current === cur) {
        this.current = undefined;
        clearTimeout(cur.flushTimer);
        cur.settle(cur.outcome ?? { kind: 'died', reason, code, signal });
      }
    };
    proc?.once('close', complete);
    setTimeout(complete, 50);
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
