// The Lambda Runtime API (version 2018-06-01) for ONE sandbox, on a loopback port of its own
// (AWS_LAMBDA_RUNTIME_API=127.0.0.1:<port>), exactly as a Lambda execution environment sees it.
// Spec: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html and its OpenAPI file
// (samples/runtime-api.zip), read 2026-11-26. Status codes: /next 200; /response and /error 202,
// 400 on an unknown request id, 403 on an invalid state transition (e.g. a second response),
// 413 on a body over the 6 MB limit; /init/error 202 (403 once init is over).
import * as http from 'http';
import type { AddressInfo } from 'net';
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
}

/** Optional hints from our own bootstraps (X-SL-* headers); other runtimes send none. */
export interface RuntimeHints {
  /** Flush markers written to stdout/stderr before this post. */
  flushMarkers: number;
  /** The runtime will exit right after this post (fatal error): don't reuse the sandbox. */
  exiting: boolean;
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
  private readonly server: http.Server;
  private heldNext: http.ServerResponse | undefined;
  private queued: PendingEvent | undefined;
  private inFlight: string | undefined;
  private readonly done = new Set<string>();
  private nextCount = 0;
  private initOver = false;

  constructor(private readonly listener: RuntimeApiListener) {
    this.server = http.createServer({ keepAlive: true, noDelay: true }, (req, res) => this.route(req, res));
    // A GET /next may wait for minutes between invocations: no server-side request timeouts.
    this.server.requestTimeout = 0;
    this.server.headersTimeout = 0;
    this.server.keepAliveTimeout = 0;
    this.server.timeout = 0;
  }

  /** Listens on an ephemeral loopback port and returns `host:port`. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Hands an event to the runtime (now if it is waiting on /next, else on its next call). */
  deliver(event: PendingEvent): void {
    this.inFlight = event.requestId;
    if (this.heldNext) {
      const res = this.heldNext;
      this.heldNext = undefined;
      this.send(res, event);
    } else {
      this.queued = event;
    }
  }

  /** Stops accepting connections and drops open ones. */
  close(): void {
    this.heldNext = undefined;
    this.server.closeAllConnections();
    this.server.close();
  }

  private send(res: http.ServerResponse, e: PendingEvent): void {
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(e.payload),
      'Lambda-Runtime-Aws-Request-Id': e.requestId,
      'Lambda-Runtime-Deadline-Ms': e.deadlineMs,
      'Lambda-Runtime-Invoked-Function-Arn': e.functionArn,
      'Lambda-Runtime-Trace-Id': e.traceId,
    };
    if (e.clientContext !== undefined) headers['Lambda-Runtime-Client-Context'] = e.clientContext;
    if (e.cognitoIdentity !== undefined) headers['Lambda-Runtime-Cognito-Identity'] = e.cognitoIdentity;
    res.writeHead(200, headers);
    res.end(e.payload);
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = req.url ?? '';
    if (req.method === 'GET' && url === `${BASE}/invocation/next`) return this.next(req, res);
    if (req.method === 'POST' && url === `${BASE}/init/error`) {
      return this.readBody(req, res, (body) => {
        if (this.initOver) return reply(res, 403, 'InvalidStateTransition', 'Init is already complete');
        this.initOver = true;
        reply(res, 202);
        this.listener.onInitError(parseError(body, req.headers));
      });
    }
    const m = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/.exec(url);
    if (req.method === 'POST' && m) {
      const id = decodeURIComponent(m[1]);
      const kind = m[2];
      return this.readBody(req, res, (body, tooLarge) => {
        if (this.done.has(id)) return reply(res, 403, 'InvalidStateTransition', `State transition from Response to ${kind} failed for request ${id}`);
        if (id !== this.inFlight) return reply(res, 400, 'InvalidRequestID', `Invalid request ID: ${id}`);
        this.inFlight = undefined;
        this.remember(id);
        if (tooLarge) {
          reply(res, 413, 'RequestEntityTooLarge', `Payload exceeds ${MAX_RESPONSE_BYTES} bytes`);
          return this.listener.onError(id, {
            errorType: 'Function.ResponseSizeTooLarge',
            errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
          }, { flushMarkers: Number(req.headers['x-sl-flush-markers']) || 0, exiting: false });
        }
        reply(res, 202);
        const hints: RuntimeHints = { flushMarkers: Number(req.headers['x-sl-flush-markers']) || 0, exiting: req.headers['x-sl-exiting'] === '1' };
        if (kind === 'response') this.listener.onResponse(id, body, hints);
        else this.listener.onError(id, parseError(body, req.headers), hints);
      });
    }
    req.resume();
    reply(res, 404, 'NotFound', `No such Runtime API resource: ${req.method} ${url}`);
  }

  private next(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    const first = this.nextCount++ === 0;
    this.initOver = true;
    res.on('close', () => {
      if (this.heldNext === res) this.heldNext = undefined;
    });
    const queued = this.queued;
    if (queued) {
      this.queued = undefined;
      this.send(res, queued);
    } else {
      this.heldNext = res;
    }
    const reported: ReportedInit = {};
    if (first) {
      const r = Number(req.headers['x-sl-runtime-init-ms']);
      const f = Number(req.headers['x-sl-function-init-ms']);
      if (Number.isFinite(r)) reported.runtimeInitMs = r;
      if (Number.isFinite(f)) reported.functionInitMs = f;
    }
    this.listener.onNext(first, reported);
  }

  /** Reads a body up to the payload limit; beyond it the rest is drained and discarded. */
  private readBody(req: http.IncomingMessage, res: http.ServerResponse, done: (body: string, tooLarge: boolean) => void): void {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_RESPONSE_BYTES) chunks.push(c);
    });
    req.on('end', () => done(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8'), size > MAX_RESPONSE_BYTES));
    req.on('error', () => res.destroy());
  }

  private remember(id: string): void {
    this.done.add(id);
    // Only recent ids matter for double-response detection; keep the set small.
    if (this.done.size > 64) this.done.delete(this.done.values().next().value as string);
  }
}

function reply(res: http.ServerResponse, status: number, errorType?: string, errorMessage?: string): void {
  const body = errorType ? JSON.stringify({ errorMessage, errorType }) : '{"status":"OK"}';
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Accepts the documented `stackTrace` and the Node runtime's `trace`; falls back to the error-type header. */
function parseError(body: string, headers: http.IncomingHttpHeaders): InvocationError {
  const headerType = headers['lambda-runtime-function-error-type'];
  try {
    const doc = JSON.parse(body) as { errorType?: unknown; errorMessage?: unknown; stackTrace?: unknown; trace?: unknown };
    const trace = Array.isArray(doc.stackTrace) ? doc.stackTrace : Array.isArray(doc.trace) ? doc.trace : undefined;
    return {
      errorType: typeof doc.errorType === 'string' ? doc.errorType : String(headerType ?? 'Runtime.Unknown'),
      errorMessage: typeof doc.errorMessage === 'string' ? doc.errorMessage : body,
      ...(trace ? { stackTrace: trace.map(String) } : {}),
    };
  } catch {
    return { errorType: String(headerType ?? 'Runtime.Unknown'), errorMessage: body || 'Unknown error' };
  }
}
