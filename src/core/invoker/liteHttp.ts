// A small HTTP/1.1 server for the Runtime API's loopback hot path.
// Why not node:http: per warm invocation the runtime makes two requests, and node:http's
// request/response objects, streams and events cost more than the loopback round trip itself.
// This handles what Runtime API clients send (curl, urllib, Node's http, our bootstraps):
// keep-alive, pipelined requests served in order, Content-Length and chunked bodies,
// `Expect: 100-continue`, `Connection: close`; bodies above a limit are drained and flagged.
import * as net from 'net';
import { EMPTY_BUFFER as EMPTY, HEAD_END, parseHeaders, startLineEnd } from './httpHead';

/** A fully read request. */
export interface LiteRequest {
  method: string;
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The body, truncated to the limit (see `tooLarge`). */
  body: string;
  /** True when the body exceeded the limit; `body` then holds only the kept part. */
  tooLarge: boolean;
}

/** The response to one request; may be sent later (a held GET /next). */
export class LiteResponse {
  private sent = false;
  /** Set when the connection closed before the response was sent. */
  closed = false;
  onClose: (() => void) | undefined;

  constructor(private readonly conn: Connection) {}

  /** Sends status, header lines (preformatted, `Name: value\r\n` each) and body in one write. */
  send(status: number, headerLines: string, body: string): void {
    if (this.sent || this.closed) return;
    this.sent = true;
    // Bodies here are JSON text; an all-ASCII body's byte length is its string length.
    const bytes = body.length < 256 && isAscii(body) ? body.length : Buffer.byteLength(body);
    this.conn.respond(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Status'}\r\nContent-Length: ${bytes}\r\n${headerLines}\r\n${body}`);
  }
}

/** True when every UTF-16 unit of `s` is ASCII (then its UTF-8 byte length is s.length). */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 202: 'Accepted', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 413: 'Payload Too Large', 431: 'Request Header Fields Too Large', 500: 'Internal Server Error' };
const MAX_HEAD = 64 * 1024;
/** Loopback server calling `handler` once per complete request. */
export class LiteHttpServer {
  private readonly server: net.Server;
  private readonly connections = new Set<Connection>();

  constructor(private readonly bodyLimit: number, private readonly handler: (req: LiteRequest, res: LiteResponse) => void) {
    this.server = net.createServer((socket) => {
      socket.setNoDelay(true);
      const conn = new Connection(socket, this.bodyLimit, this.handler);
      this.connections.add(conn);
      socket.on('close', () => this.connections.delete(conn));
    });
  }

  /** Listens on an ephemeral loopback port; resolves with the port. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as net.AddressInfo).port));
    });
  }

  /** Closes the listener and every connection. */
  close(): void {
    for (const c of this.connections) c.destroy();
    this.server.close();
  }
}

/** A request whose head is parsed and whose Content-Length body is still streaming in. */
interface PendingBody {
  method: string;
  url: string;
  headers: Record<string, string>;
  length: number;
  received: number;
  kept: Buffer[];
  keptBytes: number;
}

/** One client connection: parses requests in order and serves them one at a time. */
class Connection {
  private buf: Buffer = EMPTY;
  private pending: PendingBody | undefined;
  private ready: LiteRequest[] = [];
  private waiting = false;
  private closeAfter = false;
  private current: LiteResponse | undefined;

  constructor(private readonly socket: net.Socket, private readonly limit: number, private readonly handler: (req: LiteRequest, res: LiteResponse) => void) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      const res = this.current;
      if (res) {
        res.closed = true;
        res.onClose?.();
      }
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  /**
   * Queues a response and moves on to the next pipelined request. When that request is held
   * (a runtime that pipelines POST /response with GET /next), the short 202 waits one loop turn
   * so it can share a single write with the next event: one syscall instead of two per invocation.
   */
  respond(data: string): void {
    this.out.push(data);
    this.waiting = false;
    this.current = undefined;
    if (this.closeAfter) {
      this.flush();
      this.socket.end();
      return;
    }
    this.serve();
    if (this.waiting) this.scheduleFlush();
    else this.flush();
  }

  private out: string[] = [];
  private flushScheduled = false;

  private scheduleFlush(): void {
    if (this.flushScheduled || !this.out.length) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (!this.out.length) return;
    const data = this.out.length === 1 ? this.out[0] : this.out.join('');
    this.out = [];
    if (!this.socket.destroyed) this.socket.write(data);
  }

  private onData(chunk: Buffer): void {
    let data = chunk;
    while (data.length) {
      if (this.pending) {
        data = this.feedBody(this.pending, data);
        continue;
      }
      this.buf = this.buf.length ? Buffer.concat([this.buf, data]) : data;
      data = EMPTY;
      const rest = this.parseHead();
      if (rest === undefined) break;
      this.buf = EMPTY;
      data = rest;
    }
    this.serve();
  }

  /** Consumes body bytes of the pending request; returns the bytes left over (the next request). */
  private feedBody(p: PendingBody, data: Buffer): Buffer {
    const take = Math.min(data.length, p.length - p.received);
    const piece = data.subarray(0, take);
    p.received += take;
    // Beyond the limit the body is drained, not kept: a flood can't exhaust the host's memory.
    if (p.keptBytes < this.limit) {
      const keep = piece.subarray(0, this.limit - p.keptBytes);
      p.kept.push(keep);
      p.keptBytes += keep.length;
    }
    if (p.received === p.length) {
      this.pending = undefined;
      const body = p.kept.length === 1 ? p.kept[0] : Buffer.concat(p.kept);
      this.ready.push({ method: p.method, url: p.url, headers: p.headers, body: body.toString('utf8'), tooLarge: p.length > this.limit });
    }
    return data.subarray(take);
  }

  /** Parses a request head from `buf`; returns the bytes after it, or undefined if incomplete. */
  private parseHead(): Buffer | undefined {
    const end = this.buf.indexOf(HEAD_END);
    if (end < 0) {
      if (this.buf.length > MAX_HEAD) this.fail(431);
      return undefined;
    }
    // One string per head and index arithmetic: no split() arrays or per-line copies on the hot path.
    const head = this.buf.toString('latin1', 0, end);
    const eol = startLineEnd(head);
    const sp1 = head.indexOf(' ');
    const sp2 = head.indexOf(' ', sp1 + 1);
    const method = head.slice(0, sp1);
    const url = head.slice(sp1 + 1, sp2 > sp1 && sp2 < eol ? sp2 : eol);
    const headers = parseHeaders(head, eol);
    const connection = headers.connection;
    if (connection !== undefined && connection.toLowerCase() === 'close') this.closeAfter = true;
    const after = this.buf.subarray(end + 4);
    const te = headers['transfer-encoding'];
    if (te !== undefined && /chunked/i.test(te)) return this.parseChunked(method, url, headers, after);
    const cl = headers['content-length'];
    const length = cl === undefined ? 0 : Number(cl);
    if (!Number.isInteger(length) || length < 0) return this.fail(400);
    // curl sends `Expect: 100-continue` for bodies over 1 KiB and waits for this before sending them.
    const expect = headers.expect;
    if (expect !== undefined && expect.toLowerCase() === '100-continue') this.socket.write('HTTP/1.1 100 Continue\r\n\r\n');
    if (length === 0) {
      this.ready.push({ method, url, headers, body: '', tooLarge: false });
      return after;
    }
    // The common case: the whole (small) body arrived with its head. Decode it straight from the buffer.
    if (length <= after.length && length <= this.limit) {
      this.ready.push({ method, url, headers, body: after.toString('utf8', 0, length), tooLarge: false });
      return after.subarray(length);
    }
    this.pending = { method, url, headers, length, received: 0, kept: [], keptBytes: 0 };
    return after;
  }

  /** Chunked bodies (rare from Runtime API clients) are decoded once complete, bounded by the head limit plus the body limit. */
  private parseChunked(method: string, url: string, headers: Record<string, string>, after: Buffer): Buffer | undefined {
    const parts: Buffer[] = [];
    let pos = 0;
    let size = 0;
    let kept = 0;
    for (;;) {
      const eol = after.indexOf('\r\n', pos);
      if (eol < 0) return this.needMore(after);
      const n = parseInt(after.toString('latin1', pos, eol), 16);
      if (!Number.isFinite(n)) return this.fail(400);
      if (n === 0) {
        const close = after.indexOf('\r\n', eol + 2);
        if (close < 0) return this.needMore(after);
        this.ready.push({ method, url, headers, body: Buffer.concat(parts).toString('utf8'), tooLarge: size > this.limit });
        return after.subarray(close + 2);
      }
      if (after.length < eol + 2 + n + 2) return this.needMore(after);
      size += n;
      if (kept < this.limit) {
        const take = Math.min(n, this.limit - kept);
        parts.push(after.subarray(eol + 2, eol + 2 + take));
        kept += take;
      }
      pos = eol + 2 + n + 2;
    }
  }

  private needMore(after: Buffer): undefined {
    if (after.length > this.limit + MAX_HEAD * 16) this.fail(413);
    return undefined;
  }

  private serve(): void {
    while (!this.waiting && this.ready.length) {
      const req = this.ready.shift()!;
      this.waiting = true;
      const res = new LiteResponse(this);
      this.current = res;
      this.handler(req, res);
    }
  }

  private fail(status: number): undefined {
    this.socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    this.buf = EMPTY;
    this.pending = undefined;
    return undefined;
  }
}
