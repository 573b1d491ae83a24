// The HTTP/1.1 under the Runtime API server: a small server over the public `net` API, kept hand-written
// where issue 12 §4 allows it ("only where `npm run bench` shows the public-API version missing the
// target"). Measured 2026-11-27 on this machine, same run, quiet: with node:http the warm Node no-op
// invocation was 0.086 ms at p50 against lambda-local's in-process 0.080 ms (1.08×; 1.28× under load),
// and node:http's own parsing, header objects and per-response writev were most of the host's CPU per
// call. See `npm run bench` for the figure with this server.
//
// It speaks what runtimes send to AWS_LAMBDA_RUNTIME_API, and nothing else:
// - keep-alive connections, HTTP/1.0 and `Connection: close`;
// - pipelined requests, answered strictly in order (a response waits for the ones before it);
// - bodies by Content-Length or chunked transfer coding (extensions and trailers ignored);
// - `Expect: 100-continue`, answered with 100 Continue only when every earlier response has been sent;
// - bodies over `maxBody` bytes drained, not kept (`tooLarge`), so a flood can't exhaust the host;
// - malformed requests answered with 400 and the connection closed.
import * as net from 'net';
import { EMPTY_BUFFER, HEAD_END, parseHeaders, startLineEnd } from './httpHead';

/** A fully read request. Header names are lower case. */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The body (UTF-8), cut at `maxBody` bytes. */
  body: string;
  /** The body exceeded `maxBody`; the rest was drained. */
  tooLarge: boolean;
}

/** The answer to one request; responses go out in request order. */
export interface HttpResponder {
  /** Sends the response once. `headerLines` are preformatted (`Name: value\r\n` each); Content-Length is added. */
  send(status: number, headerLines: string, body: string): void;
  /** The response was sent, or the connection is gone. */
  readonly finished: boolean;
  /** Runs `fn` if the connection closes before the response was sent. */
  onAbort(fn: () => void): void;
}

const REASONS: Record<number, string> = { 200: 'OK', 202: 'Accepted', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 413: 'Payload Too Large', 500: 'Internal Server Error' };
/** Longest head we accept: the Runtime API's heads are a few hundred bytes. */
const MAX_HEAD = 64 * 1024;
const CONTINUE = 'HTTP/1.1 100 Continue\r\n\r\n';

/** Creates the server; `onRequest` runs once per complete request. */
export function createRuntimeApiHttpServer(maxBody: number, onRequest: (req: HttpRequest, res: HttpResponder) => void): { server: net.Server; closeAll(): void } {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    new Connection(socket, maxBody, onRequest);
  });
  return {
    server,
    closeAll: () => {
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
  };
}

/** One response slot, in request order. */
class Slot implements HttpResponder {
  output: string | undefined;
  /** 100 Continue is owed once this slot is at the head of the queue (and the body has not all arrived). */
  wantsContinue = false;
  /** The whole request was read and handed to the server: its answer may take a while (a held /next). */
  requested = false;
  aborted = false;
  private abortFns: (() => void)[] = [];

  constructor(private readonly conn: Connection, public close: boolean) {}

  get finished(): boolean {
    return this.output !== undefined || this.aborted;
  }

  send(status: number, headerLines: string, body: string): void {
    if (this.finished) return;
    this.output = `HTTP/1.1 ${status} ${REASONS[status] ?? 'Unknown'}\r\n${headerLines}Content-Length: ${Buffer.byteLength(body)}\r\n${this.close ? 'Connection: close\r\n' : ''}\r\n${body}`;
    this.conn.flush();
  }

  onAbort(fn: () => void): void {
    this.abortFns.push(fn);
  }

  abort(): void {
    if (this.finished) return;
    this.aborted = true;
    for (const fn of this.abortFns.splice(0)) fn();
  }
}

/** A request whose body is still arriving. */
interface Reading {
  method: string;
  url: string;
  headers: Record<string, string>;
  slot: Slot;
  chunks: Buffer[];
  kept: number;
  size: number;
  /** Content-Length bytes still to read, or -1 for a chunked body. */
  remaining: number;
  /** Chunked: bytes left in the current chunk (then its CRLF), or -1 between chunks. */
  chunkLeft: number;
}

class Connection {
  private buffer: Buffer = EMPTY_BUFFER;
  private readonly slots: Slot[] = [];
  private reading: Reading | undefined;
  private closing = false;
  /** Inside `data`: answers given meanwhile are flushed once at its end, when every request in the read is known. */
  private parsing = false;
  private flushOwed = false;

  constructor(private readonly socket: net.Socket, private readonly maxBody: number, private readonly onRequest: (req: HttpRequest, res: HttpResponder) => void) {
    socket.on('data', (chunk: Buffer) => this.data(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      for (const slot of this.slots.splice(0)) slot.abort();
    });
  }

  /**
   * Writes every answered response at the head of the queue in one write, then a 100 Continue owed by the new
   * head. Answers are held while a later request on this connection, already read, still waits for its own:
   * that client pipelined (our bootstraps send POST /response and GET /next together) and waits for the later
   * answer anyway, so the 202 goes out with the next event in one write and wakes the runtime once, not twice.
   */
  flush(): void {
    if (this.parsing) {
      this.flushOwed = true;
      return;
    }
    let answered = 0;
    while (answered < this.slots.length && this.slots[answered].output !== undefined) answered++;
    const waiting = this.slots[answered];
    if (answered > 0 && waiting?.requested && !this.closing) return;
    let out = '';
    let close = false;
    while (this.slots.length && this.slots[0].output !== undefined) {
      const slot = this.slots.shift()!;
      out += slot.output;
      if (slot.close) {
        // Nothing after a closing response is answered: requests pipelined behind it are abandoned.
        close = true;
        for (const after of this.slots.splice(0)) after.abort();
        break;
      }
    }
    const head = this.slots[0];
    if (!close && head?.wantsContinue) {
      head.wantsContinue = false;
      out += CONTINUE;
    }
    if (this.socket.destroyed) return;
    if (out) this.socket.write(out);
    if (close) {
      this.closing = true;
      this.socket.end();
    }
  }

  private data(chunk: Buffer): void {
    if (this.closing) return;
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    let pos = 0;
    this.parsing = true;
    try {
      while (pos < this.buffer.length && !this.closing) {
        const used = this.reading ? this.body(this.reading, pos) : this.head(pos);
        if (used < 0) break; // needs more bytes
        pos = used;
      }
    } finally {
      this.parsing = false;
    }
    if (this.flushOwed) {
      this.flushOwed = false;
      this.flush();
    }
    // Chunks from 'data' are never reused by Node, so views into them are safe to keep.
    this.buffer = pos >= this.buffer.length ? EMPTY_BUFFER : this.buffer.subarray(pos);
    if (!this.reading && this.buffer.length > MAX_HEAD) this.fail('Request head too large');
  }

  /** Parses a head at `pos`; returns where it ended, or -1 when it is not complete. */
  private head(pos: number): number {
    const end = this.buffer.indexOf(HEAD_END, pos);
    if (end < 0) return -1;
    const text = this.buffer.toString('latin1', pos, end);
    const lineEnd = startLineEnd(text);
    const line = text.slice(0, lineEnd);
    const sp1 = line.indexOf(' ');
    const sp2 = line.indexOf(' ', sp1 + 1);
    const version = line.slice(sp2 + 1);
    if (sp1 <= 0 || sp2 <= sp1 + 1 || (version !== 'HTTP/1.1' && version !== 'HTTP/1.0')) {
      this.fail('Malformed request line');
      return -1;
    }
    const headers = parseHeaders(text, lineEnd);
    const connection = (headers['connection'] ?? '').toLowerCase();
    const close = connection === 'close' || (version === 'HTTP/1.0' && connection !== 'keep-alive');
    const chunked = (headers['transfer-encoding'] ?? '').toLowerCase();
    const lengthText = headers['content-length'];
    let remaining = 0;
    if (chunked) {
      if (chunked !== 'chunked') return this.failAt('Unsupported Transfer-Encoding');
      remaining = -1;
    } else if (lengthText !== undefined) {
      if (!/^\d+$/.test(lengthText)) return this.failAt('Invalid Content-Length');
      remaining = Number(lengthText);
    }
    const slot = new Slot(this, close);
    this.slots.push(slot);
    const reading: Reading = { method: line.slice(0, sp1), url: line.slice(sp1 + 1, sp2), headers, slot, chunks: [], kept: 0, size: 0, remaining, chunkLeft: -1 };
    const bodyAt = end + 4;
    if (remaining === 0) {
      this.complete(reading);
      return bodyAt;
    }
    if ((headers['expect'] ?? '').toLowerCase() === '100-continue' && this.buffer.length === bodyAt) {
      // The client waits for a go-ahead before it sends the body: give it now if nothing is ahead of it.
      if (this.slots.length === 1) this.socket.write(CONTINUE);
      else slot.wantsContinue = true;
    }
    this.reading = reading;
    return bodyAt;
  }

  /** Consumes body bytes from `pos`; returns where it stopped, or -1 when it needs more bytes. */
  private body(r: Reading, pos: number): number {
    const buf = this.buffer;
    if (r.remaining >= 0) {
      const take = Math.min(r.remaining, buf.length - pos);
      this.keep(r, buf, pos, pos + take);
      r.remaining -= take;
      if (r.remaining === 0) this.complete(r);
      return take === 0 ? -1 : pos + take;
    }
    // Chunked: <hex size>[;ext]\r\n <data>\r\n … 0\r\n [trailers] \r\n
    if (r.chunkLeft > 0) {
      const take = Math.min(r.chunkLeft, buf.length - pos);
      this.keep(r, buf, pos, pos + take);
      r.chunkLeft -= take;
      return take === 0 ? -1 : pos + take;
    }
    if (r.chunkLeft === 0) {
      if (buf.length - pos < 2) return -1;
      if (buf[pos] !== 13 || buf[pos + 1] !== 10) return this.failAt('Malformed chunk');
      r.chunkLeft = -1;
      return pos + 2;
    }
    const eol = buf.indexOf('\r\n', pos, 'latin1');
    if (eol < 0) return buf.length - pos > 1024 ? this.failAt('Malformed chunk size') : -1;
    const sizeText = buf.toString('latin1', pos, eol).split(';')[0].trim();
    if (!/^[0-9a-fA-F]{1,8}$/.test(sizeText)) return this.failAt('Malformed chunk size');
    const size = parseInt(sizeText, 16);
    if (size > 0) {
      r.chunkLeft = size;
      return eol + 2;
    }
    // The last chunk: skip trailer lines up to the blank line.
    let at = eol + 2;
    for (;;) {
      const next = buf.indexOf('\r\n', at, 'latin1');
      if (next < 0) return -1;
      if (next === at) break;
      at = next + 2;
    }
    this.complete(r);
    return at + 2;
  }

  private keep(r: Reading, buf: Buffer, from: number, to: number): void {
    r.size += to - from;
    if (r.kept >= this.maxBody || to <= from) return;
    const end = Math.min(to, from + (this.maxBody - r.kept));
    r.chunks.push(buf.subarray(from, end));
    r.kept += end - from;
  }

  private complete(r: Reading): void {
    this.reading = undefined;
    r.slot.wantsContinue = false;
    r.slot.requested = true;
    const body = r.chunks.length === 0 ? '' : r.chunks.length === 1 ? r.chunks[0].toString('utf8') : Buffer.concat(r.chunks).toString('utf8');
    this.onRequest({ method: r.method, url: r.url, headers: r.headers, body, tooLarge: r.size > this.maxBody }, r.slot);
  }

  private failAt(why: string): number {
    this.fail(why);
    return -1;
  }

  /** Answers a malformed request with 400 (after the responses before it) and closes the connection. */
  private fail(why: string): void {
    // A body that went wrong answers in its own request's place; a bad head gets a place of its own.
    const slot = this.reading?.slot ?? new Slot(this, true);
    if (!this.reading) this.slots.push(slot);
    this.reading = undefined;
    slot.close = true;
    slot.wantsContinue = false;
    this.closing = true;
    const body = JSON.stringify({ errorMessage: why, errorType: 'BadRequest' });
    slot.send(400, 'Content-Type: application/json\r\n', body);
  }
}
