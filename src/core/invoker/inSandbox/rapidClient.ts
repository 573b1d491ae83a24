// Minimal HTTP/1.1 client for the Lambda Runtime API, used inside Node sandboxes.
// Why not `http.request`: the warm hot path is one round trip per invocation and Node's http client
// costs more than the loopback round trip itself. This speaks exactly the subset the Runtime API needs
// (one request at a time on one keep-alive socket, Content-Length bodies) and nothing else.
// Protocol: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html (read 2026-11-26).
import * as net from 'net';

/** A parsed Runtime API response. */
export interface RapidResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One keep-alive connection to AWS_LAMBDA_RUNTIME_API; requests are strictly sequential. */
export class RapidClient {
  private socket: net.Socket | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private waiter: { resolve: (r: RapidResponse) => void; reject: (e: Error) => void } | undefined;

  constructor(private readonly host: string, private readonly port: number) {}

  /** Sends one request and resolves with the whole response. */
  request(method: string, path: string, body?: string, headers?: Record<string, string>): Promise<RapidResponse> {
    const socket = this.connect();
    let head = `${method} ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n`;
    if (headers) for (const k in headers) head += `${k}: ${headers[k]}\r\n`;
    const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
    head += `Content-Length: ${payload ? payload.length : 0}\r\n\r\n`;
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
      if (payload && payload.length < 65536) socket.write(Buffer.concat([Buffer.from(head, 'latin1'), payload]));
      else {
        socket.write(head, 'latin1');
        if (payload) socket.write(payload);
      }
    });
  }

  private connect(): net.Socket {
    if (this.socket) return this.socket;
    const socket = net.connect(this.port, this.host);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const fail = (err?: Error) => {
      this.socket = undefined;
      const w = this.waiter;
      this.waiter = undefined;
      w?.reject(err ?? new Error('Runtime API connection closed'));
    };
    socket.on('error', fail);
    socket.on('close', () => {
      // The Runtime API never closes a healthy connection: the host is gone or stopped us.
      if (!this.waiter) process.exit(0);
      fail();
    });
    this.socket = socket;
    return socket;
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const lines = this.buffer.toString('latin1', 0, end).split('\r\n');
    const status = Number(lines[0].split(' ')[1]);
    const headers: Record<string, string> = {};
    for (let i = 1; i < lines.length; i++) {
      const c = lines[i].indexOf(':');
      if (c > 0) headers[lines[i].slice(0, c).toLowerCase()] = lines[i].slice(c + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    if (this.buffer.length < end + 4 + length) return;
    const body = this.buffer.toString('utf8', end + 4, end + 4 + length);
    this.buffer = this.buffer.subarray(end + 4 + length);
    const w = this.waiter;
    this.waiter = undefined;
    w?.resolve({ status, headers, body });
  }
}
