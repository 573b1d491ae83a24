// Formats console output the way the managed Node.js runtime does (text log format):
// `<ISO timestamp>\t<request id>\t<LEVEL>\t<message>`.
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html (read 2026-11-26).
import { format } from 'util';

let requestId = 'undefined';

/** Sets the request id stamped on subsequent log lines. */
export function setRequestId(id: string): void {
  requestId = id;
}

/** Replaces console methods with Lambda-formatted writers to stdout (info/log/debug) and stderr (warn/error). */
export function installConsole(): void {
  const levels: [keyof Console, string, NodeJS.WriteStream][] = [
    ['log', 'INFO', process.stdout], ['info', 'INFO', process.stdout], ['debug', 'DEBUG', process.stdout],
    ['warn', 'WARN', process.stderr], ['error', 'ERROR', process.stderr], ['trace', 'TRACE', process.stderr],
  ];
  for (const [method, level, stream] of levels) {
    (console as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      stream.write(`${new Date().toISOString()}\t${requestId}\t${level}\t${format(...args)}\n`);
    };
  }
}
