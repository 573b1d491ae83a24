// Formats console output the way the managed Node.js runtime does (text log format):
// `<ISO timestamp>\t<request id>\t<LEVEL>\t<message>`.
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html (read 2026-11-26).
import { format } from 'util';
import { FLUSH_MARKER } from './markers';

let requestId = 'undefined';
let dirtyOut = false;
let dirtyErr = false;


/**
 * Writes a flush marker on each stream written to since the last call and returns how many.
 * Why: Node's pipe writes can be queued, so a response may reach the invoker before the handler's
 * output; the invoker waits for these markers to keep every line in its own invocation.
 */
export function writeFlushMarkers(id: string): number {
  let n = 0;
  if (dirtyOut) { process.stdout.write(`${FLUSH_MARKER}${id}\n`); n++; }
  if (dirtyErr) { process.stderr.write(`${FLUSH_MARKER}${id}\n`); n++; }
  dirtyOut = dirtyErr = false;
  return n;
}

/** Sets the request id stamped on subsequent log lines. */
export function setRequestId(id: string): void {
  requestId = id;
}

/** Replaces console methods with Lambda-formatted writers to stdout (info/log/debug) and stderr (warn/error). */
export function installConsole(): void {
  // process.stdout/stderr are created lazily by Node; creating them costs cold-start time, so they
  // are patched on first access instead of up front.
  patchLazily('stdout', () => (dirtyOut = true));
  patchLazily('stderr', () => (dirtyErr = true));
  const levels: [keyof Console, string, 'stdout' | 'stderr'][] = [
    ['log', 'INFO', 'stdout'], ['info', 'INFO', 'stdout'], ['debug', 'DEBUG', 'stdout'],
    ['warn', 'WARN', 'stderr'], ['error', 'ERROR', 'stderr'], ['trace', 'TRACE', 'stderr'],
  ];
  for (const [method, level, name] of levels) {
    (console as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      process[name].write(`${new Date().toISOString()}\t${requestId}\t${level}\t${format(...args)}\n`);
    };
  }
}

/** Wraps the lazy process.stdout/stderr getter: on first use, make writes blocking and track them. */
function patchLazily(name: 'stdout' | 'stderr', onWrite: () => void): void {
  const descriptor = Object.getOwnPropertyDescriptor(process, name);
  if (!descriptor?.get) return patch(process[name], onWrite);
  let stream: NodeJS.WriteStream | undefined;
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: descriptor.enumerable,
    get() {
      if (!stream) {
        stream = descriptor.get!.call(process) as NodeJS.WriteStream;
        patch(stream, onWrite);
      }
      return stream;
    },
  });
}

function patch(stream: NodeJS.WriteStream, onWrite: () => void): void {
  // Blocking writes, as Lambda's log pipe behaves: a flood can't pile up in the sandbox's memory
  // and output is in the pipe before the response is posted.
  (stream as unknown as { _handle?: { setBlocking?: (b: boolean) => void } })._handle?.setBlocking?.(true);
  const write = stream.write.bind(stream) as (...a: unknown[]) => boolean;
  stream.write = ((...args: unknown[]) => {
    onWrite();
    return write(...args);
  }) as typeof stream.write;
}
