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

interface ErrorDoc { errorType: string; errorMessage: string; stackTrace: string[] }

function errorDoc(err: unknown): ErrorDoc {
  if (err instanceof Error) {
    return { errorType: err.name || 'Error', errorMessage: err.message, stackTrace: (err.stack ?? '').split('\n').slice(1).map((s) => s.trim()) };
  }
  return { errorType: typeof err, errorMessage: typeof err === 'string' ? err : JSON.stringify(err) ?? String(err), stackTrace: [] };
}

function postError(path: string, doc: ErrorDoc, extra: Record<string, string> = {}): Promise<unknown> {
  return client.request('POST', path, JSON.stringify(doc), { 'Content-Type': ERROR_CT, 'Lambda-Runtime-Function-Error-Type': doc.errorType, ...extra });
}

/** markerHeaders() as preformatted header lines, for the warm hot path. */
function markerLines(id: string): string {
  return `X-SL-Flush-Markers: ${writeFlushMarkers(id)}\r\nX-SL-Max-Rss-Kb: ${process.resourceUsage().maxRSS}\r\n`;
}

/** Headers our invoker reads: how many flush markers to await, and whether this process is about to exit. */
function markerHeaders(id: string, exiting = false): Record<string, string> {
  // ru_maxrss is the kernel's peak RSS (KiB on Linux), the same counter as /proc VmHWM, read in-process for ~1 µs.
  const h: Record<string, string> = { 'X-SL-Flush-Markers': String(writeFlushMarkers(id)), 'X-SL-Max-Rss-Kb': String(process.resourceUsage().maxRSS) };
  if (exiting) h['X-SL-Exiting'] = '1';
  return h;
}

/** Crashes that escape the handler end this environment, as in Lambda (the sandbox is replaced). */
function fatal(kind: 'Runtime.UnhandledPromiseRejection' | undefined, err: unknown): void {
  const doc = errorDoc(err);
  if (kind) {
    doc.errorMessage = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    doc.errorType = kind;
  }
  process.stderr.write(`${new Date().toISOString()}\t${currentId ?? 'undefined'}\tERROR\t${kind ? 'Unhandled Promise Rejection' : 'Uncaught Exception'} \t${JSON.stringify({ errorType: doc.errorType, errorMessage: doc.errorMessage, trace: doc.stackTrace })}\n`);
  const path = currentId ? `${BASE}/invocation/${currentId}/error` : `${BASE}/init/error`;
  postError(path, doc, markerHeaders(currentId ?? 'init', true)).finally(() => process.exit(129));
}

process.on('uncaughtException', (err) => fatal(undefined, err));
process.on('unhandledRejection', (reason) => fatal('Runtime.UnhandledPromiseRejection', reason));

async function main(): Promise<void> {
  client.open();
  installConsole();
  const file = env.SL_HANDLER_FILE ?? '';
  const name = env.SL_HANDLER_NAME ?? 'handler';
  const loadStart = now();
  let handler: NodeHandler;
  try {
    handler = await loadHandler(file, name, env.SL_CACHE_DIR);
  } catch (err) {
    const e = err instanceof InitError ? err : new InitError('Runtime.ImportModuleError', String(err));
    const doc = { errorType: e.errorType, errorMessage: e.message, stackTrace: e.trace };
    process.stderr.write(`${new Date().toISOString()}\tundefined\tERROR\tUncaught Exception \t${JSON.stringify({ errorType: doc.errorType, errorMessage: doc.errorMessage, stack: doc.stackTrace })}\n`);
    await postError(`${BASE}/init/error`, doc).catch(() => undefined);
    process.exit(129);
  }
  const loadEnd = now();
  // Our invoker reads these to split Init Duration into phases; any other Runtime API ignores them.
  const initHeaders: Record<string, string> = {
    'X-SL-Runtime-Init-Ms': (loadStart - bootStart).toFixed(3),
    'X-SL-Function-Init-Ms': (loadEnd - loadStart).toFixed(3),
    'X-SL-Flush-Markers': String(writeFlushMarkers('init')),
  };
  const nextRequest = { method: 'GET', path: `${BASE}/invocation/next` };
  let next = await client.request('GET', nextRequest.path, undefined, initHeaders);
  for (;;) {
    const h = next.headers;
    const id = h['lambda-runtime-aws-request-id'];
    currentId = id;
    setRequestId(id);
    if (h['lambda-runtime-trace-id']) env._X_AMZN_TRACE_ID = h['lambda-runtime-trace-id'];
    let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
    try {
      const result = runHandler(handler, JSON.parse(next.body), h);
      outcome = { ok: true, value: result && typeof (result as Promise<unknown>).then === 'function' ? await result : result };
    } catch (err) {
      outcome = { ok: false, error: err };
    }
    currentId = undefined;
    // Post the result and ask for the next event in one write (HTTP pipelining).
    if (outcome.ok) {
      const body = JSON.stringify(outcome.value === undefined ? null : outcome.value) ?? 'null';
      next = await client.postThenNext(`${BASE}/invocation/${id}/response`, markerLines(id), body, nextRequest.path);
    } else {
      const doc = errorDoc(outcome.error);
      process.stderr.write(`${new Date().toISOString()}\t${id}\tERROR\tInvoke Error \t${JSON.stringify({ errorType: doc.errorType, errorMessage: doc.errorMessage, stack: doc.stackTrace })}\n`);
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
