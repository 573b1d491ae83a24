// Minimal HTTP/1.1 client for the Lambda Runtime API, used inside Node sandboxes.
// Why not `http.request`: the warm hot path is one round trip per invocation and Node's http client
// costs more than the loopback round trip itself. This speaks exactly the subset the Runtime API needs
// (one request at a time on one keep-alive socket, Content-Length bodies) and nothing else.
// Protocol: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html (read 2026-11-26).
import { EMPTY_BUFFER as EMPTY, HEAD_END, parseHeaders, startLineEnd } from '../httpHead';
import { openTransport, type Transport } from './transport';

function ignore(): void {
  // The answer to a POST whose outcome the runtime doesn't need (202 Accepted).
}

/** A parsed Runtime API response. */
export interface RapidResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One request to send. */
export interface RapidRequest {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

/** One keep-alive connection to AWS_LAMBDA_RUNTIME_API; responses are matched to requests in order. */
export class RapidClient {
  private transport: Transport | undefined;
  private buffer: Buffer = EMPTY;
  /** Pieces of a response whose body is still arriving, and the bytes it needs in all. */
  private parts: Buffer[] = [];
  private partsBytes = 0;
  private need = 0;
  /** Resolvers of the requests in flight, in order. (A broken connection ends the process: nothing rejects.) */
  private readonly waiters: ((r: RapidResponse) => void)[] = [];
  private readonly hostLine: string;
  private referenced = true;

  constructor(private readonly host: string, private readonly port: number) {
    this.hostLine = `Host: ${host}:${port}\r\n`;
  }

  /** Sends one request and resolves with its response. */
  request(method: string, path: string, body?: string, headers?: Record<string, string>): Promise<RapidResponse> {
    return this.pipeline([{ method, path, body, headers }])[0];
  }

  /**
   * Sends several requests in one write (HTTP/1.1 pipelining) and returns their responses in order.
   * The runtime loop posts a response and asks for the next event together: one syscall, not two.
   */
  pipeline(requests: RapidRequest[]): Promise<RapidResponse>[] {
    // One UTF-8 string, one write: header names and values are ASCII, bodies are JSON text.
    let out = '';
    const promises = requests.map((r) => {
      let lines = '';
      if (r.headers) for (const k in r.headers) lines += `${k}: ${r.headers[k]}\r\n`;
      out += this.format(r.method, r.path, lines, r.body ?? '');
      return new Promise<RapidResponse>((resolve) => this.waiters.push(resolve));
    });
    this.keepAlive(true);
    this.connect().write(out);
    return promises;
  }

  /**
   * The warm hot path: POST a result and GET the next event in one write; resolves with the next event.
   * `headerLines` are preformatted (`Name: value\r\n` each). The POST's 202 needs no promise of its own.
   */
  postThenNext(path: string, headerLines: string, body: string, nextPath: string): Promise<RapidResponse> {
    const out = this.format('POST', path, headerLines, body) + this.format('GET', nextPath, '', '');
    this.waiters.push(ignore);
    const next = new Promise<RapidResponse>((resolve) => this.waiters.push(resolve));
    this.keepAlive(true);
    this.connect().write(out);
    return next;
  }

  private format(method: string, path: string, headerLines: string, body: string): string {
    return `${method} ${path} HTTP/1.1\r\n${this.hostLine}${headerLines}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  }

  /**
   * Whether the idle connection keeps the process alive. The runtime loop lets go of it while the handler
   * runs: an event loop with nothing else in it then ends, which is how Lambda's Node runtime detects a
   * promise that can never settle. Every request takes it back.
   */
  keepAlive(on: boolean): void {
    if (this.referenced === on) return;
    this.referenced = on;
    this.transport?.setRef(on);
  }

  /** Opens the connection now, so the TCP handshake overlaps with loading the handler. */
  open(): void {
    this.connect();
  }

  private connect(): Transport {
    if (this.transport) return this.transport;
    // The Runtime API never closes a healthy connection: the host is gone or stopped this sandbox.
    this.transport = openTransport(this.host, this.port, (buf, n) => this.onData(buf, n), () => process.exit(0));
    return this.transport;
  }

  /** Parses complete responses from the `n` bytes read into `chunk` (a reused buffer). */
  private onData(chunk: Buffer, n: number): void {
    if (this.need) {
      // A large body is arriving: collect copies and join them once, not once per read.
      this.parts.push(Buffer.from(chunk.subarray(0, n)));
      this.partsBytes += n;
      if (this.partsBytes < this.need) return;
      const joined = Buffer.concat(this.parts, this.partsBytes);
      this.parts = [];
      this.partsBytes = this.need = 0;
      return this.parse(joined);
    }
    this.parse(this.buffer.length ? Buffer.concat([this.buffer, chunk.subarray(0, n)]) : chunk.subarray(0, n));
  }

  private parse(buf: Buffer): void {
    let pos = 0;
    for (;;) {
      const end = buf.indexOf(HEAD_END, pos);
      if (end < 0) break;
      // One string per head and index arithmetic: no split() arrays or per-line copies on the hot path.
      const head = buf.toString('latin1', pos, end);
      const status = Number(head.slice(9, 12));
      const headers = parseHeaders(head, startLineEnd(head));
      const cl = headers['content-length'];
      const length = cl === undefined ? 0 : Number(cl) || 0;
      const bodyStart = end + 4;
      if (buf.length < bodyStart + length) {
        // Keep the partial response (a copy: the read buffer is reused) and wait for the rest.
        this.parts = [Buffer.from(buf.subarray(pos))];
        this.partsBytes = buf.length - pos;
        this.need = bodyStart + length - pos;
        this.buffer = EMPTY;
        return;
      }
      const body = length ? buf.toString('utf8', bodyStart, bodyStart + length) : '';
      pos = bodyStart + length;
      // 1xx interim responses (100 Continue) carry no final answer.
      if (status >= 100 && status < 200) continue;
      this.waiters.shift()?.({ status, headers, body });
    }
    // Keep an incomplete head as a copy: the read buffer is overwritten by the next read.
    this.buffer = pos === buf.length ? EMPTY : Buffer.from(buf.subarray(pos));
  }
}
