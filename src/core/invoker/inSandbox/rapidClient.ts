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

/** One request to send. */
export interface RapidRequest {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

/** One keep-alive connection to AWS_LAMBDA_RUNTIME_API; responses are matched to requests in order. */
export class RapidClient {
  private socket: net.Socket | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly waiters: { resolve: (r: RapidResponse) => void; reject: (e: Error) => void }[] = [];

  constructor(private readonly host: string, private readonly port: number) {}

  /** Sends one request and resolves with its response. */
  request(method: string, path: string, body?: string, headers?: Record<string, string>): Promise<RapidResponse> {
    return this.pipeline([{ method, path, body, headers }])[0];
  }

  /**
   * Sends several requests in one write (HTTP/1.1 pipelining) and returns their responses in order.
   * The runtime loop posts a response and asks for the next event together: one syscall, not two.
   */
  pipeline(requests: RapidRequest[]): Promise<RapidResponse>[] {
    const socket = this.connect();
    // One UTF-8 string, one write: header names and values are ASCII, bodies are JSON text.
    let out = '';
    const promises = requests.map((r) => {
      out += `${r.method} ${r.path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n`;
      if (r.headers) for (const k in r.headers) out += `${k}: ${r.headers[k]}\r\n`;
      out += `Content-Length: ${r.body === undefined ? 0 : Buffer.byteLength(r.body)}\r\n\r\n`;
      if (r.body !== undefined) out += r.body;
      return new Promise<RapidResponse>((resolve, reject) => this.waiters.push({ resolve, reject }));
    });
    socket.write(out);
    return promises;
  }

  /** Opens the connection now, so the TCP handshake overlaps with loading the handler. */
  open(): void {
    this.connect();
  }

  private connect(): net.Socket {
    if (this.socket) return this.socket;
    const socket = net.connect(this.port, this.host);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    // The Runtime API never closes a healthy connection: the host is gone or stopped this sandbox.
    socket.on('error', () => process.exit(0));
    socket.on('close', () => process.exit(0));
    this.socket = socket;
    return socket;
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
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
      // 1xx interim responses (100 Continue) carry no final answer.
      if (status >= 100 && status < 200) continue;
      this.waiters.shift()?.resolve({ status, headers, body });
    }
  }
}
