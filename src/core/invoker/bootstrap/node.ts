// Node.js runtime bootstrap: the Lambda Runtime API loop that runs inside each Node sandbox process.
// Mirrors the managed Node.js runtime: init (load the handler), then GET /invocation/next, call the
// handler, POST /response or /error. Docs (read 2026-11-26):
//   https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
//   https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html
//   https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html
//   https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html
// Kept tiny on purpose: everything here is on the cold-start and warm hot paths.
import { RapidClient } from '../inSandbox/rapidClient';
import { InitError, loadHandler, type NodeHandler } from '../inSandbox/loadHandler';
import { installConsole, setRequestId, writeFlushMarkers } from '../inSandbox/nodeConsole';

// process.hrtime: the `performance` global would load perf_hooks on the cold path.
const now = (): number => { const [s, ns] = process.hrtime(); return s * 1e3 + ns / 1e6; };
const bootStart = now();
const env = process.env;
const [apiHost, apiPort] = (env.AWS_LAMBDA_RUNTIME_API ?? '127.0.0.1:9001').split(':');
const client = new RapidClient(apiHost, Number(apiPort));
const BASE = '/2018-06-01/runtime';
const ERROR_CT = 'application/vnd.aws.lambda.error+json';
let currentId: string | undefined;
/** The last invocation that completed: leftover work that fails later is traced back to it. */
let lastId: string | undefined;
/** The runtime loop has started (init is over): fatal errors from here on belong to invocations. */
let looping = false;
/** A fatal error raised while no invocation was running; it fails the next invocation, as after a thaw. */
let leftover: { kind: FatalKind; err: unknown; fromId: string | undefined } | undefined;
/** Set while a handler's promise is pending: called when the event loop empties (see runLoop). */
let onEmptyLoop: (() => void) | undefined;

// Private to the invoker: read once, then hidden from the handler (Lambda's environment has none of them).
const handlerFile = env.SL_HANDLER_FILE ?? '';
const handlerName = env.SL_HANDLER_NAME ?? 'handler';
const cacheDir = env.SL_CACHE_DIR;

/** Node's error document as the managed runtime posts it: the stack is `trace`, its first line `Type: message`. */
interface ErrorDoc { errorType: string; errorMessage: string; trace: string[] }

/** Mirrors toRapidResponse() in aws-lambda-nodejs-runtime-interface-client (src/Errors.js, read 2026-11-27). */
function errorDoc(err: unknown): ErrorDoc {
  if (err instanceof Error || (err && typeof err === 'object' && typeof (err as Error).stack === 'string' && typeof (err as Error).name === 'string')) {
    const e = err as Error;
    return { errorType: e.name, errorMessage: e.message, trace: (e.stack ?? '').split('\n') };
  }
  return { errorType: typeof err, errorMessage: err === undefined || err === null ? String(err) : typeof err === 'string' ? err : JSON.stringify(err) ?? String(err), trace: [] };
}

/** The `ERROR\t<label> \t{json}` log line the managed runtime writes (stack as an array, named `stack`). */
function logError(id: string | undefined, label: string, doc: ErrorDoc, extra: Record<string, unknown> = {}): void {
  process.stderr.write(`${new Date().toISOString()}\t${id ?? 'undefined'}\tERROR\t${label} \t${JSON.stringify({ errorType: doc.errorType, errorMessage: doc.errorMessage, ...extra, stack: doc.trace })}\n`);
}

function postError(path: string, doc: ErrorDoc, extra: Record<string, string> = {}): Promise<unknown> {
  return client.request('POST', path, JSON.stringify(doc), { 'Content-Type': ERROR_CT, 'Lambda-Runtime-Function-Error-Type': doc.errorType, ...extra });
}

/**
 * Linux keeps ru_maxrss across fork and exec (exec_mmap folds the old mm's high-water mark into it), so a
 * sandbox spawned by a large host (an extension host of 400 MB) starts with the host's peak. When the
 * counter already exceeds this process's own RSS at start-up, it is not ours: send no figure, and the
 * invoker reads the per-process peak (VmHWM, reset on exec) from /proc instead.
 */
const trustMaxRss = process.resourceUsage().maxRSS <= process.memoryUsage.rss() / 1024 + 8192;

/** markerHeaders() as preformatted header lines, for the warm hot path. */
function markerLines(id: string): string {
  return `X-SL-Flush-Markers: ${writeFlushMarkers(id)}\r\n${trustMaxRss ? `X-SL-Max-Rss-Kb: ${process.resourceUsage().maxRSS}\r\n` : ''}`;
}

/** Headers our invoker reads: how many flush markers to await, and whether this process is about to exit. */
function markerHeaders(id: string, exiting = false): Record<string, string> {
  // ru_maxrss is the kernel's peak RSS (KiB on Linux), the same counter as /proc VmHWM, read in-process for ~1 µs.
  const h: Record<string, string> = { 'X-SL-Flush-Markers': String(writeFlushMarkers(id)) };
  if (trustMaxRss) h['X-SL-Max-Rss-Kb'] = String(process.resourceUsage().maxRSS);
  if (exiting) h['X-SL-Exiting'] = '1';
  return h;
}

type FatalKind = 'uncaughtException' | 'unhandledRejection';

/** The error document of a crash that escaped the handler (Runtime.UnhandledPromiseRejection wraps the reason). */
function fatalDoc(kind: FatalKind, err: unknown): ErrorDoc {
  const doc = errorDoc(err);
  if (kind === 'uncaughtException') return doc;
  // Errors.UnhandledPromiseRejection: message String(reason), name Runtime.UnhandledPromiseRejection.
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return { errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: message, trace: [`Runtime.UnhandledPromiseRejection: ${message}`, ...doc.trace.slice(1)] };
}

/**
 * Crashes that escape the handler end this environment, as in Lambda (the sandbox is replaced). One that
 * happens between invocations is held: on Lambda the environment is frozen then, so the leftover work
 * fails when the next invocation thaws it, and that invocation reports it.
 */
function fatal(kind: FatalKind, err: unknown): void {
  if (leftover) return;
  if (looping && !currentId) {
    leftover = { kind, err, fromId: lastId };
    return;
  }
  const doc = fatalDoc(kind, err);
  logError(currentId, kind === 'unhandledRejection' ? 'Unhandled Promise Rejection' : 'Uncaught Exception', doc);
  const path = currentId ? `${BASE}/invocation/${currentId}/error` : `${BASE}/init/error`;
  // Exit codes of the managed runtime (src/index.mjs, Runtime.js): 128 rejection, 129 exception.
  postError(path, doc, markerHeaders(currentId ?? 'init', true)).finally(() => process.exit(kind === 'unhandledRejection' ? 128 : 129));
}

/** Fails invocation `id` with the crash held since the previous one, then ends the environment. */
function failWithLeftover(id: string, held: NonNullable<typeof leftover>): Promise<never> {
  const doc = fatalDoc(held.kind, held.err);
  logError(id, held.kind === 'unhandledRejection' ? 'Unhandled Promise Rejection' : 'Uncaught Exception', doc);
  const headers = markerHeaders(id, true);
  if (held.fromId) headers['X-SL-Leftover-From'] = held.fromId;
  return postError(`${BASE}/invocation/${id}/error`, doc, headers).finally(() => process.exit(held.kind === 'unhandledRejection' ? 128 : 129)) as Promise<never>;
}

process.on('uncaughtException', (err) => fatal('uncaughtException', err));
process.on('unhandledRejection', (reason) => fatal('unhandledRejection', reason));
// The managed runtime's BeforeExitListener: an empty event loop while a handler is pending.
process.on('beforeExit', () => onEmptyLoop?.());

/** Runtime.NodeJsExit, with the managed runtime's message (src/Errors.js, read 2026-11-27). */
class NodeJsExit extends Error {
  constructor() {
    super('The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes');
    this.name = 'Runtime.NodeJsExit';
  }
}

/**
 * Awaits the handler's promise. If the event loop empties first, nothing can ever settle it: an async
 * handler fails with Runtime.NodeJsExit, any other answers null (Runtime.js, _setDefaultExitListener).
 */
function settleOrEmptyLoop(result: Promise<unknown>, isAsync: boolean): Promise<unknown> {
  return new Promise((resolve, reject) => {
    onEmptyLoop = () => {
      onEmptyLoop = undefined;
      if (!isAsync) return resolve(null);
      const err = new NodeJsExit();
      logError(currentId, 'Invoke Error', errorDoc(err));
      reject(Object.assign(err, { logged: true }));
    };
    result.then(resolve, reject);
  });
}

async function main(): Promise<void> {
  client.open();
  for (const k of ['SL_HANDLER_FILE', 'SL_HANDLER_NAME', 'SL_CACHE_DIR', 'SL_RUNTIME_TRANSPORT', 'ELECTRON_RUN_AS_NODE']) delete env[k];
  installConsole();
  const loadStart = now();
  let handler: NodeHandler;
  try {
    handler = await loadHandler(handlerFile, handlerName, cacheDir);
  } catch (err) {
    const e = err instanceof InitError ? err : new InitError('Runtime.ImportModuleError', String(err));
    const doc: ErrorDoc = { errorType: e.errorType, errorMessage: e.message, trace: e.trace };
    logError(undefined, 'Uncaught Exception', doc);
    await postError(`${BASE}/init/error`, doc).catch(() => undefined);
    process.exit(129);
  }
  const isAsync = handler.constructor?.name === 'AsyncFunction';
  const loadEnd = now();
  // Our invoker reads these to split Init Duration into phases; any other Runtime API ignores them.
  const initHeaders: Record<string, string> = {
    'X-SL-Runtime-Init-Ms': (loadStart - bootStart).toFixed(3),
    'X-SL-Function-Init-Ms': (loadEnd - loadStart).toFixed(3),
    'X-SL-Flush-Markers': String(writeFlushMarkers('init')),
  };
  const nextRequest = { method: 'GET', path: `${BASE}/invocation/next` };
  looping = true;
  let next = await client.request('GET', nextRequest.path, undefined, initHeaders);
  for (;;) {
    const h = next.headers;
    const id = h['lambda-runtime-aws-request-id'];
    currentId = id;
    setRequestId(id);
    if (h['lambda-runtime-trace-id']) env._X_AMZN_TRACE_ID = h['lambda-runtime-trace-id'];
    if (leftover) await failWithLeftover(id, leftover);
    client.keepAlive(false);
    let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
    try {
      const result = runHandler(handler, JSON.parse(next.body), h);
      outcome = { ok: true, value: result && typeof (result as Promise<unknown>).then === 'function' ? await settleOrEmptyLoop(result as Promise<unknown>, isAsync) : result };
    } catch (err) {
      outcome = { ok: false, error: err };
    }
    onEmptyLoop = undefined;
    currentId = undefined;
    lastId = id;
    // Post the result and ask for the next event in one write (HTTP pipelining).
    if (outcome.ok) {
      const body = JSON.stringify(outcome.value === undefined ? null : outcome.value) ?? 'null';
      next = await client.postThenNext(`${BASE}/invocation/${id}/response`, markerLines(id), body, nextRequest.path);
    } else {
      const doc = errorDoc(outcome.error);
      if (!(outcome.error as { logged?: boolean } | null)?.logged) logError(id, 'Invoke Error', doc);
      const lines = `Content-Type: ${ERROR_CT}\r\nLambda-Runtime-Function-Error-Type: ${doc.errorType}\r\n${markerLines(id)}`;
      next = await client.postThenNext(`${BASE}/invocation/${id}/error`, lines, JSON.stringify(doc), nextRequest.path);
    }
  }
}

// Static for the life of the environment: read once (process.env reads are not free).
const staticContext = {
  functionName: env.AWS_LAMBDA_FUNCTION_NAME,
  functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
  memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
  logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
  logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
};

/** The Node.js runtime's context object (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html). */
class LambdaContext {
  callbackWaitsForEmptyEventLoop = true;
  functionName = staticContext.functionName;
  functionVersion = staticContext.functionVersion;
  invokedFunctionArn: string;
  memoryLimitInMB = staticContext.memoryLimitInMB;
  awsRequestId: string;
  logGroupName = staticContext.logGroupName;
  logStreamName = staticContext.logStreamName;
  identity: unknown;
  clientContext: unknown;
  /** Legacy completion methods, wired to the callback in callback style. */
  done: (err?: unknown, value?: unknown) => void = () => undefined;
  succeed: (value?: unknown) => void = () => undefined;
  fail: (err?: unknown) => void = () => undefined;
  private readonly deadline: number;

  constructor(h: Record<string, string>) {
    this.invokedFunctionArn = h['lambda-runtime-invoked-function-arn'];
    this.awsRequestId = h['lambda-runtime-aws-request-id'];
    this.deadline = Number(h['lambda-runtime-deadline-ms']);
    const identity = h['lambda-runtime-cognito-identity'];
    const client = h['lambda-runtime-client-context'];
    this.identity = identity ? JSON.parse(identity) : undefined;
    this.clientContext = client ? JSON.parse(client) : undefined;
  }

  getRemainingTimeInMillis(): number {
    return Math.max(0, this.deadline - Date.now());
  }
}

/** Calls the handler in async or callback style; returns its result (or a promise of it). */
function runHandler(handler: NodeHandler, event: unknown, h: Record<string, string>): unknown {
  const context = new LambdaContext(h);
  // Fast path: async handlers (no callback parameter) return a promise or a value.
  if (handler.length < 3) {
    // An async function always returns a promise: no baseline needed (skips a resource scan per call).
    if (handler.constructor === AsyncFunction) return handler(event, context, noCallback);
    const baseline = resourceCounts();
    const result = handler(event, context, noCallback);
    if (result && typeof (result as Promise<unknown>).then === 'function') return result;
    // A synchronous handler without a callback: the runtime answers null once the event loop drains.
    return waitForEmptyLoop(baseline).then(() => undefined);
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const baseline = resourceCounts();
    function callback(err?: unknown, value?: unknown): void {
      if (settled) return;
      settled = true;
      const finish = () => (err !== undefined && err !== null ? reject(err) : resolve(value));
      if (!context.callbackWaitsForEmptyEventLoop) return finish();
      // The managed runtime waits for the event loop to drain before it responds (callback style only).
      waitForEmptyLoop(baseline).then(finish);
    }
    context.done = (err, value) => callback(err, value);
    context.succeed = (value) => callback(null, value);
    context.fail = (err) => callback(err ?? 'handled');
    let result: unknown;
    try {
      result = handler(event, context, callback);
    } catch (err) {
      settled = true;
      return reject(err);
    }
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then((v) => { if (!settled) { settled = true; resolve(v); } }, (e) => { if (!settled) { settled = true; reject(e); } });
    }
  });
}

const AsyncFunction = (async () => undefined).constructor;

function noCallback(): void {
  // Async handlers don't get a meaningful callback; calling it is a no-op, as in the managed runtime.
}

/** Resolves once only the resources present at `baseline` remain (a running timer counts itself). */
function waitForEmptyLoop(baseline: { timers: number; other: number }): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => {
      const now = resourceCounts();
      if (now.timers <= baseline.timers + 1 && now.other <= baseline.other) resolve();
      else setTimeout(poll, 1);
    };
    setTimeout(poll, 0);
  });
}

function resourceCounts(): { timers: number; other: number } {
  let timers = 0;
  let other = 0;
  for (const r of process.getActiveResourcesInfo()) {
    if (r === 'Timeout') timers++;
    // stdout/stderr are created lazily (on a first console.log): they are not pending work.
    else if (r !== 'Immediate' && r !== 'PipeWrap' && r !== 'TTYWrap') other++;
  }
  return { timers, other };
}

main().catch((err) => {
  process.stderr.write(`bootstrap: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(130);
});
