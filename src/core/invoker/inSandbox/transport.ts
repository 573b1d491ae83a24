// The byte pipe under the sandbox's Runtime API client: one loopback TCP connection over the
// public `net` API (issue 12 §4: no internal bindings, which can break with any Node or Electron
// upgrade). `onread` reads into one reused buffer, so no per-read allocation and no stream
// 'data' events on the warm path. The wire protocol is HTTP/1.1 to AWS_LAMBDA_RUNTIME_API.
import * as net from 'net';

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

/** Opens the connection; `onClosed` runs on EOF or error. */
export function openTransport(host: string, port: number, onBytes: OnBytes, onClosed: () => void): Transport {
  const socket = net.connect({
    port,
    host,
    noDelay: true,
    onread: {
      buffer: Buffer.allocUnsafe(64 * 1024),
      callback: (n: number, buf: Uint8Array) => {
        onBytes(buf as Buffer, n);
        return true;
      },
    },
  });
  socket.on('error', onClosed);
  socket.on('close', onClosed);
  return { write: (data) => void socket.write(data), setRef: (on) => void (on ? socket.ref() : socket.unref()) };
}
