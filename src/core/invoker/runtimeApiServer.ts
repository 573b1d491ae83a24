// The Lambda Runtime API (version 2018-06-01) for ONE sandbox, on a loopback port of its own
// (AWS_LAMBDA_RUNTIME_API=127.0.0.1:<port>), exactly as a Lambda execution environment sees it.
// Spec: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html and its OpenAPI file
// (samples/runtime-api.zip), read 2026-11-26. Status codes: /next 200; /response and /error 202,
// 400 on an unknown request id, 403 on an invalid state transition (e.g. a second response),
// 413 on a body over the 6 MB limit; /init/error 202 (403 once init is over).
// HTTP comes from runtimeApiHttp.ts: a small hand-written server over `net`, kept because node:http
// missed the warm-latency target (issue 12 §4; the measurement is in that file's header).
import type * as net from 'net';
import type { AddressInfo } from 'net';
import { createRuntimeApiHttpServer, type HttpRequest, type HttpResponder } from './runtimeApiHttp';
import type { InvocationError } from './types';

/** Largest response a runtime may post, in bytes. Lambda's error names 6291556 bytes. */
export const MAX_RESPONSE_BYTES = 6291556;
const BASE = '/2018-06-01/runtime';

/** An event ready for delivery on GET /invocation/next. */
export interface PendingEvent {
  requestId: string;
  payload: string;
  deadlineMs: number;
  functionArn: string;
  traceId: string;
  clientContext?: string;
  cognitoIdentity?: string;
}

/** Timings a bootstrap may report with its first GET /next (our bootstraps do; others need not). */
export interface ReportedInit {
  runtimeInitMs?: number;
  functionInitMs?: number;
  /** Flush markers (request id `init`) written before the first GET /next. */
  flushMarkers?: number;
}

/** Optional hints from our own bootstraps (X-SL-* headers); other runtimes send none. */
export interface RuntimeHints {
  /** Flush markers written to stdout/stderr before this post; undefined when the runtime sent none (not ours). */
  flushMarkers?: number;
  /** The runtime's own peak RSS in KiB (getrusage ru_maxrss), when it reports it. */
  maxRssKb?: number;
  /** The runtime will exit right after this post (fatal error): don't reuse the sandbox. */
  exiting: boolean;
  /** The error was raised by work an earlier invocation left running (its request id; empty: init code). */
  leftoverFrom?: string;
}

/** What the sandbox learns from its runtime. */
export interface RuntimeApiListener {
  /** The runtime asked for work (first call = runtime ready, init done). */
  onNext(first: boolean, reported: ReportedInit): void;
  onResponse(requestId: string, body: string, hints: RuntimeHints): void;
  onError(requestId: string, error: InvocationError, hints: RuntimeHints): void;
  onInitError(error: InvocationError): void;
}

/** HTTP server implementing the Runtime API for one execution environment. */
export class RuntimeApiServer {
  private readonly server: net.Server;
  private readonly closeAll: () => void;
  private heldNext: HttpResponder | undefined;
  private queued: PendingEvent | undefined;
  private inFlight: string | undefined;
  private readonly done = new Set<string>();
  private nextCount = 0;
  private nextWaiter: (() => void) | undefined;
  private initOver = false;

  constructor(private readonly listener: RuntimeApiListener) {
    // No request or keep-alive timeouts: a runtime legitimately holds GET /next open for as long as
    // the sandbox stays warm, and the connection lives as long as the sandbox.
    const { server, closeAll } = createRuntimeApiHttpServer(MAX_RESPONSE_BYTES, (req, res) => this.route(req, res));
    this.server = server;
    this.closeAll = closeAll;
  }

  /** Listens on an ephemeral loopback port and returns `host:port`. */
  listen(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(this.server.address() as AddressInfo).port}`));
    });
  }

  /** Hands an event to the runtime (now if it is waiting on /next, else on its next call). */
  deliver(event: PendingEvent): void {
    this.inFlight = event.requestId;
    const res = this.heldNext;
    if (res && !res.finished) {
      this.heldNext = undefined;
      send(res, event);
    } else {
      this.heldNext = undefined;
      this.queued = event;
    }
  }

  /** Stops accepting connections and drops open ones. */
  close(): void {
    this.heldNext = undefined;
    this.server.close();
    this.closeAll();
  }

  private route(req: HttpRequest, res: HttpResponder): void {
    const url = req.url;
    if (req.method === 'GET' && url === `${BASE}/invocation/next`) return this.next(req, res);
    if (req.method === 'POST' && url === `${BASE}/init/error`) {
      if (this.initOver) return reply(res, 403, 'InvalidStateTransition', 'Init is already complete');
      this.initOver = true;
      reply(res, 202);
      return this.listener.onInitError(parseError(req.body, req.headers['lambda-runtime-function-error-type']));
    }
    const m = req.method === 'POST' ? invocationPost(url) : undefined;
    if (m) {
      const [id, kind] = m;
      if (this.done.has(id)) return reply(res, 403, 'InvalidStateTransition', `State transition from Response to ${kind} failed for request ${id}`);
      if (id !== this.inFlight) return reply(res, 400, 'InvalidRequestID', `Invalid request ID: ${id}`);
      this.inFlight = undefined;
      this.remember(id);
      const hints = readHints(req.headers);
      if (req.tooLarge) {
        reply(res, 413, 'RequestEntityTooLarge', `Payload exceeds ${MAX_RESPONSE_BYTES} bytes`);
        return this.listener.onError(id, {
          errorType: 'Function.ResponseSizeTooLarge',
          errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
        }, hints);
      }
      reply(res, 202);
      if (kind === 'response') this.listener.onResponse(id, req.body, hints);
      else this.listener.onError(id, parseError(req.body, req.headers['lambda-runtime-function-error-type']), hints);
      return;
    }
    reply(res, 404, 'NotFound', `No such Runtime API resource: ${req.method} ${url}`);
  }

  private next(req: HttpRequest, res: HttpResponder): void {
    const first = this.nextCount++ === 0;
    this.initOver = true;
    res.onAbort(() => {
      if (this.heldNext === res) this.heldNext = undefined;
    });
    const queued = this.queued;
    if (queued) {
      this.queued = undefined;
      send(res, queued);
    } else {
      this.heldNext = res;
      const waiter = this.nextWaiter;
      this.nextWaiter = undefined;
      waiter?.();
    }
    if (first) {
      const reported: ReportedInit = {};
      const r = Number(req.headers['x-sl-runtime-init-ms']);
      const f = Number(req.headers['x-sl-function-init-ms']);
      if (Number.isFinite(r)) reported.runtimeInitMs = r;
      if (Number.isFinite(f)) reported.functionInitMs = f;
      const markers = Number(req.headers['x-sl-flush-markers']);
      if (markers > 0) reported.flushMarkers = markers;
      this.listener.onNext(true, reported);
    } else {
      this.listener.onNext(false, {});
    }
  }

  /** The runtime is waiting for its next event on an open connection (a live, idle runtime). */
  awaitingNext(): boolean {
    return this.heldNext !== undefined && !this.heldNext.finished;
  }

  /** Calls `waiter` once when the runtime next asks for an event (undefined cancels). */
  onceAwaitingNext(waiter: (() => void) | undefined): void {
    this.nextWaiter = waiter;
  }

  private remember(id: string): void {
    this.done.add(id);
    // Only recent ids matter for double-response detection; keep the set small.
    if (this.done.size > 64) this.done.delete(this.done.values().next().value as string);
  }
}

function send(res: HttpResponder, e: PendingEvent): void {
  let lines = `Content-Type: application/json\r\nLambda-Runtime-Aws-Request-Id: ${e.requestId}\r\nLambda-Runtime-Deadline-Ms: ${e.deadlineMs}\r\nLambda-Runtime-Invoked-Function-Arn: ${e.functionArn}\r\nLambda-Runtime-Trace-Id: ${e.traceId}\r\n`;
  if (e.clientContext !== undefined) lines += `Lambda-Runtime-Client-Context: ${e.clientContext}\r\n`;
  if (e.cognitoIdentity !== undefined) lines += `Lambda-Runtime-Cognito-Identity: ${e.cognitoIdentity}\r\n`;
  res.send(200, lines, e.payload);
}

const INVOCATION = `${BASE}/invocation/`;

/** `[requestId, 'response' | 'error']` for POST …/invocation/{id}/response|error, else undefined. */
function invocationPost(url: string): [string, 'response' | 'error'] | undefined {
  if (!url.startsWith(INVOCATION)) return undefined;
  const slash = url.indexOf('/', INVOCATION.length);
  if (slash <= INVOCATION.length || url.indexOf('/', slash + 1) >= 0) return undefined;
  const kind = url.slice(slash + 1);
  if (kind !== 'response' && kind !== 'error') return undefined;
  const raw = url.slice(INVOCATION.length, slash);
  let id = raw;
  if (raw.includes('%')) {
    try {
      id = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return [id, kind];
}

function readHints(headers: Record<string, string | undefined>): RuntimeHints {
  const markers = headers['x-sl-flush-markers'];
  const rss = headers['x-sl-max-rss-kb'];
  return {
    flushMarkers: markers === undefined ? undefined : Number(markers) || 0,
    maxRssKb: rss === undefined ? undefined : Number(rss) || undefined,
    exiting: headers['x-sl-exiting'] === '1',
    ...(headers['x-sl-leftover-from'] !== undefined ? { leftoverFrom: String(headers['x-sl-leftover-from']) } : {}),
  };
}

const OK_BODY = '{"status":"OK"}';
const JSON_TYPE = 'Content-Type: application/json\r\n';

function reply(res: HttpResponder, status: number, errorType?: string, errorMessage?: string): void {
  res.send(status, JSON_TYPE, errorType ? JSON.stringify({ errorMessage, errorType }) : OK_BODY);
}

/**
 * Keeps the runtime's own field names, because the caller sees them: the documented `stackTrace` (and
 * Python's `requestId`), or the Node runtime's `trace`. Falls back to the error-type header.
 */
function parseError(body: string, headerType: string | undefined): InvocationError {
  try {
    const doc = JSON.parse(body) as Record<string, unknown>;
    const error = {} as InvocationError;
    // In the document's own key order: Node writes errorType first, Python errorMessage.
    for (const key of Object.keys(doc)) {
      const value = doc[key];
      if (key === 'errorType' && typeof value === 'string') error.errorType = value;
      else if (key === 'errorMessage' && typeof value === 'string') error.errorMessage = value;
      else if (key === 'requestId' && typeof value === 'string') error.requestId = value;
      else if ((key === 'stackTrace' || key === 'trace') && Array.isArray(value)) error[key] = value.map(String);
    }
    error.errorType ??= String(headerType ?? 'Runtime.Unknown');
    error.errorMessage ??= body;
    return error;
  } catch {
    return { errorType: String(headerType ?? 'Runtime.Unknown'), errorMessage: body || 'Unknown error' };
  }
}
