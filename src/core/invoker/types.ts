// Public contract of the embedded local invoker. The extension (src/extension/run/*) and the CLI
// depend only on this file and on `createInvoker()` from ./index. Implementation details live beside it.
import type { ProcessPlatform } from './platform/types';

/** Runtimes the invoker can host. `provided` runs a learner-written `bootstrap` executable. */
export type RuntimeKind = 'nodejs' | 'python' | 'provided';

/** Instruction-set architecture label (recorded for cost models; local execution is native). */
export type Architecture = 'x86_64' | 'arm64';

/** How one function is configured, mirroring Lambda's function configuration. */
export interface FunctionConfig {
  /** Function name (AWS_LAMBDA_FUNCTION_NAME); defaults to the handler file's base name. */
  name: string;
  /** Absolute path of the handler file (nodejs/python) or of the `bootstrap` executable (provided). */
  handlerFile: string;
  /** Exported function name (nodejs: `handler`; python: `lambda_handler`). Ignored for provided. */
  handlerName: string;
  runtime: RuntimeKind;
  /** Memory size in MB (128–10240, default 128). Exceeding it kills the sandbox like Lambda's OOM. */
  memoryMb?: number;
  /** Timeout in seconds (1–900, default 3). */
  timeoutSec?: number;
  /** User environment variables, added to the Lambda-provided ones. */
  env?: Record<string, string>;
  architecture?: Architecture;
  /** Idle keep-alive before a warm sandbox is shut down, in seconds (default 600, i.e. 10 min). */
  keepAliveSec?: number;
  /** Reserved concurrency: at most this many sandboxes; extra invocations are throttled (429). */
  reservedConcurrency?: number;
  /** Provisioned concurrency: this many sandboxes are pre-warmed and never reaped. */
  provisionedConcurrency?: number;
  /** Billing rule for Init Duration: `2025` bills INIT (default, AWS since 2025-08-01), `legacy` does not. */
  billingRule?: '2025' | 'legacy';
}

/** One invocation request. */
export interface InvokeRequest {
  /** The event payload (any JSON value). */
  event: unknown;
  /** Force a cold start: a fresh sandbox is started even if a warm one is idle. */
  forceCold?: boolean;
  /** Optional client context / cognito identity, passed through Runtime API headers. */
  clientContext?: unknown;
  cognitoIdentity?: unknown;
  /** Start a fresh sandbox with the Node inspector (`--inspect-brk`, nodejs only); timeout and INIT cap are not enforced, and the sandbox stops after the invocation. */
  debug?: { inspectPort: number };
}

/** Phase timings in milliseconds, measured with a monotonic clock. Cold-only phases are undefined on warm. */
export interface PhaseTimings {
  /** Process spawn until the bootstrap's own code starts (process and interpreter start-up). spawnMs + runtimeInitMs + functionInitMs = Init Duration. */
  spawnMs?: number;
  /** Runtime init: bootstrap start until user module load begins. */
  runtimeInitMs?: number;
  /** Function init: module import and top-level code of the handler. */
  functionInitMs?: number;
  /** Invoke: event delivered until response/error posted. */
  invokeMs: number;
  /** Absolute start time (epoch ms) of the first phase, for timelines. */
  startedAt: number;
}

/** Lambda's REPORT line fields. */
export interface Report {
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** Present only on cold starts. */
  initDurationMs?: number;
  /** Set when the platform ended the invocation: `timeout`, or `error` with errorType (OOM, runtime exit, init failure). */
  status?: 'timeout' | 'error';
  /** With status `error`: the platform's error type, e.g. Runtime.OutOfMemory. */
  errorType?: string;
}

/** The local machine while a cold start ran; its Init Duration is inflated when the machine was contended. */
export interface HostLoad {
  /** Logical cores available to sandboxes. */
  cores: number;
  /** Most cold starts of this invoker that overlapped this one's INIT phase (itself included). */
  concurrentInits: number;
  /** 1-minute load average at the end of INIT; undefined where the OS has none (Windows). */
  loadAverage1m?: number;
}

/** Lambda-shaped error document, with the field names of the runtime that produced it. */
export interface InvocationError {
  errorType: string;
  errorMessage: string;
  /** Python (awslambdaric) and the Runtime API docs: the stack frames. */
  stackTrace?: string[];
  /** Node.js runtime: the stack split into lines, the first being `Type: message`. */
  trace?: string[];
  /** Python runtime: the request id the error belongs to. */
  requestId?: string;
}

/** The record every invocation produces. */
export interface InvocationRecord {
  requestId: string;
  functionName: string;
  cold: boolean;
  /** Id of the sandbox that served the invocation (undefined when throttled). */
  sandboxId?: string;
  timings: PhaseTimings;
  report: Report;
  /** Log lines including START, END and REPORT, in Lambda's exact format. */
  logs: string[];
  /** Parsed response (JSON) when the invocation succeeded. */
  response?: unknown;
  error?: InvocationError;
  /** True when the invocation was rejected with TooManyRequestsException (no sandbox used). */
  throttled?: boolean;
  /** Present when this OS could not give the sandbox everything Lambda does (see docs/platforms.md). */
  platformLimits?: PlatformLimits;

  /** Cold starts only: the host's load while INIT ran. */
  host?: HostLoad;
  /** True when more cold starts overlapped than the host has cores: Init Duration is inflated by the local machine, not a Lambda figure. */
  hostContended?: boolean;
  /** The error came from work an earlier invocation left running (its request id; empty string: the init code). */
  leftoverFrom?: string;
  /** Local explanations of this record for learners (not part of Lambda's output). */
  notes?: string[];
}

/** What the host OS could not provide for an invocation; the panel and CLI show `notes`. */
export interface PlatformLimits {
  os: string;
  /** False: the sandbox was not killed above Memory Size ("memory limit not enforced on this OS"). */
  memoryLimitEnforced: boolean;
  /** False: Max Memory Used is unknown (reported as 0 only because the REPORT line needs a number). */
  memoryMeasured: boolean;
  /** False: the sandbox kept running between invocations (timers ticked, background work went on). */
  frozenWhileIdle: boolean;
  /** One learner-facing sentence per missing capability. */
  notes: string[];
}

/** Events the invoker emits for live views. */
export interface InvokerEventMap {
  invocationStarted: { requestId: string; functionName: string };
  log: { requestId: string; functionName: string; line: string };
  invocationFinished: InvocationRecord;
  sandboxStarted: { sandboxId: string; functionName: string; pid: number };
  sandboxStopped: { sandboxId: string; functionName: string; reason: 'idle' | 'crash' | 'timeout' | 'oom' | 'exit' | 'shutdown' | 'init-error' };
}

/** The embedded invoker. One instance serves many functions; each has its own sandbox pool. */
export interface Invoker {
  /** Invokes a function; resolves with its record (errors are in the record, never thrown). */
  invoke(fn: FunctionConfig, request: InvokeRequest): Promise<InvocationRecord>;
  /** Pre-warms `provisionedConcurrency` sandboxes for a function. */
  warm(fn: FunctionConfig): Promise<void>;
  /** Number of live sandboxes (all functions or one). */
  sandboxCount(functionName?: string): number;
  /** Subscribes to an event; returns an unsubscribe function. */
  on<K extends keyof InvokerEventMap>(event: K, listener: (payload: InvokerEventMap[K]) => void): () => void;
  /** Stops every sandbox of one function (or all). */
  stopSandboxes(functionName?: string): Promise<void>;
  /** Stops everything and frees resources; no process is left behind. */
  dispose(): Promise<void>;
}

/** Options for creating an invoker. */
export interface InvokerOptions {
  /** Executable used for Node sandboxes (default process.execPath; ELECTRON_RUN_AS_NODE=1 is set). */
  nodePath?: string;
  /** Python interpreter (default: the real interpreter behind `python3`, resolved once). */
  pythonPath?: string;
  /** Per-invocation log cap in bytes before truncation with a marker (default 256 KiB). */
  logCapBytes?: number;
  /** AWS_REGION for sandboxes (default us-east-1). */
  region?: string;
  /** INIT phase cap in ms (default 10000, Lambda's); lower it only in tests. */
  initCapMs?: number;
  /** Parent of the private TypeScript transpile cache (default: the user's cache directory); it must belong to the user, and is made mode 0700. */
  cacheDir?: string;
  /** Receives warnings the caller should show or log (e.g. the transpile cache was refused). */
  onWarning?: (message: string) => void;
  /** Folder holding the sandbox bootstraps (node.js, python.py); default: dist/bootstrap beside the bundle. */
  bootstrapDir?: string;
  /** OS-specific process control (default: this machine's); tests inject another OS's or a fake. */
  platform?: ProcessPlatform;
}
