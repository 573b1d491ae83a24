// The byte pipe under the sandbox's Runtime API client: one loopback TCP connection.
//
// Why two implementations: loading `net` (and the whole `stream` family it pulls in) and building a
// Socket cost about 10 ms of every Node cold start here (A/B in one run: 1.31x -> 1.11x bare `node`).
// The fast path drives libuv's TCP handle directly through `process.binding('tcp_wrap')`, the same
// handle `net` wraps, which Node creates in ~0.3 ms. It is an internal interface, so it is
// feature-checked and falls back to `net` if any piece is missing or fails; `SL_RUNTIME_TRANSPORT=net`
// forces the fallback (tests carry large bodies over both). Measured figures: README, Benchmarks.
// The wire protocol is unchanged: HTTP/1.1 to AWS_LAMBDA_RUNTIME_API (host:port).

/** A connected (or connecting) stream of bytes to the Runtime API. */
export interface Transport {
  /** Queues a write (sent once connected); writes are sent in order. */
  write(data: string): void;
  /**
   * Whether the connection keeps the process alive. Unref'd while the handler runs, so that a handler
   * with nothing left to do empties the event loop, as under the managed runtime (Runtime.NodeJsExit).
   */
  setRef(on: boolean): void;
}

/** Called with `n` bytes read into `buf`; the buffer may be reused after the call returns. */
export type OnBytes = (buf: Buffer, n: number) => void;

/** Opens the connection: the direct TCP handle when available, else `net`. `onClosed` runs on EOF or error. */
export function openTransport(host: string, port: number, onBytes: OnBytes, onClosed: () => void): Transport {
  const wantNet = process.env.SL_RUNTIME_TRANSPORT === 'net';
  return (wantNet ? undefined : openTcpWrap(host, port, onBytes, onClosed)) ?? openNet(host, port, onBytes, onClosed);
}

interface TcpHandle {
  connect(req: object, address: string, port: number): number;
  readStart(): number;
  setNoDelay(on: boolean): number;
  writeUtf8String(req: object, data: string): number;
  close(cb?: () => void): void;
  ref(): void;
  unref(): void;
  onread: ((arrayBuffer: ArrayBuffer) => void) | undefined;
}

interface TcpWrapBinding {
  TCP: new (type: number) => TcpHandle;
  TCPConnectWrap: new () => { oncomplete?: (status: number) => void };
  constants: { SOCKET: number };
}

interface StreamWrapBinding {
  WriteWrap: new () => { handle?: TcpHandle; oncomplete?: (status: number) => void; async?: boolean };
  streamBaseState: Int32Array;
  kReadBytesOrError: number;
  kArrayBufferOffset: number;
  kLastWriteWasAsync: number;
}

/** The fast path; undefined when this Node (or Electron) doesn't offer the handle API we expect. */
function openTcpWrap(host: string, port: number, onBytes: OnBytes, onClosed: () => void): Transport | undefined {
  const binding = (process as unknown as { binding?: (name: string) => unknown }).binding;
  // With --pending-deprecation, process.binding prints DEP0111 into the learner's logs.
  if (typeof binding !== 'function' || process.execArgv.includes('--pending-deprecation') || (process.env.NODE_OPTIONS ?? '').includes('--pending-deprecation')) return undefined;
  let tcp: TcpWrapBinding;
  let sw: StreamWrapBinding;
  let handle: TcpHandle;
  try {
    tcp = binding('tcp_wrap') as TcpWrapBinding;
    sw = binding('stream_wrap') as StreamWrapBinding;
    if (typeof tcp?.TCP !== 'function' || typeof tcp.TCPConnectWrap !== 'function' || typeof sw?.WriteWrap !== 'function' || !(sw.streamBaseState instanceof Int32Array)) return undefined;
    handle = new tcp.TCP(tcp.constants.SOCKET);
    if (typeof handle.connect !== 'function' || typeof handle.writeUtf8String !== 'function' || typeof handle.readStart !== 'function' || typeof handle.unref !== 'function') return undefined;
  } catch {
    return undefined;
  }
  const state = sw.streamBaseState;
  let connected = false;
  let closed = false;
  let queued = '';
  const close = () => {
    if (closed) return;
    closed = true;
    handle.close();
    onClosed();
  };
  const send = (data: string) => {
    const req = new sw.WriteWrap();
    req.handle = handle;
    req.async = false;
    req.oncomplete = (status) => {
      if (status < 0) close();
    };
    const err = handle.writeUtf8String(req, data);
    if (err < 0) return close();
    // An async write (a full socket buffer) completes later through oncomplete; libuv keeps `req` alive.
    req.async = state[sw.kLastWriteWasAsync] !== 0;
  };
  handle.onread = (arrayBuffer) => {
    const n = state[sw.kReadBytesOrError];
    if (n > 0) onBytes(Buffer.from(arrayBuffer, state[sw.kArrayBufferOffset], n), n);
    else if (n < 0) close();
  };
  const req = new tcp.TCPConnectWrap();
  req.oncomplete = (status) => {
    if (status < 0 || handle.readStart() < 0) return close();
    connected = true;
    handle.setNoDelay(true);
    if (queued) {
      const data = queued;
      queued = '';
      send(data);
    }
  };
  if (handle.connect(req, host, port) < 0) {
    handle.close();
    return undefined;
  }
  return {
    write(data: string) {
      if (closed) return;
      if (connected) send(data);
      else queued += data;
    },
    setRef(on: boolean) {
      if (closed) return;
      if (on) handle.ref();
      else handle.unref();
    },
  };
}

/** The portable path: a `net.Socket` reading into one reused buffer (no stream 'data' events). */
function openNet(host: string, port: number, onBytes: OnBytes, onClosed: () => void): Transport {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when the fast path is unavailable
  const net = require('net') as typeof import('net');
  const socket = net.connect({ port, host, onread: { buffer: Buffer.allocUnsafe(64 * 1024), callback: (n: number, buf: Uint8Array) => { onBytes(buf as Buffer, n); return true; } } });
  socket.setNoDelay(true);
  socket.on('error', onClosed);
  socket.on('close', onClosed);
  return { write: (data) => void socket.write(data), setRef: (on) => void (on ? socket.ref() : socket.unref()) };
}
