// `serverless-lab invoke`: runs a handler in local Lambda-compatible sandboxes and prints what Lambda
// would print (response, logs with START/END/REPORT), or one JSON record per invocation with --json.
import type { Command } from 'commander';
import * as fs from 'fs';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import * as path from 'path';
import { createInvoker, type FunctionConfig, type InvocationRecord, type RuntimeKind } from '../../core/invoker';
import { resolveFunction } from '../../core/invoker/launch';

interface InvokeOptions {
  handler?: string;
  runtime?: string;
  event?: string;
  memory?: string;
  timeout?: string;
  env: string[];
  repeat: string;
  concurrency: string;
  keepAlive?: string;
  json?: boolean;
  reservedConcurrency?: string;
  provisionedConcurrency?: string;
  gap?: string;
}

/** Registers `invoke` on the CLI program. */
export function registerInvokeCommand(program: Command): void {
  program
    .command('invoke')
    .description('Invoke a handler locally in Lambda-compatible sandboxes (cold, then warm) and print the response and logs.')
    .argument('<handler-file>', 'handler file (.js/.mjs/.cjs/.ts for nodejs, .py for python) or a custom runtime `bootstrap` executable')
    .option('--handler <name>', 'exported function name (default: handler for nodejs, lambda_handler for python)')
    .option('--runtime <runtime>', 'nodejs | python | provided (default: from the file extension)')
    .option('--event <file>', 'JSON event file, or - for stdin (default: {})')
    .option('--memory <MB>', 'memory size in MB, 128-10240 (default 128)')
    .option('--timeout <s>', 'timeout in seconds, 1-900 (default 3)')
    .option('--env <K=V>', 'environment variable for the function (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--repeat <N>', 'number of invocations; warm sandboxes are reused as on Lambda', '1')
    .option('--concurrency <C>', 'invocations in flight at once (C busy sandboxes)', '1')
    .option('--keep-alive <s>', 'idle seconds before a warm sandbox shuts down (default 600)')
    .option('--reserved-concurrency <N>', 'at most N sandboxes; invocations beyond them are throttled (TooManyRequestsException)')
    .option('--provisioned-concurrency <N>', 'N sandboxes initialized before the first invocation (no Init Duration on them)')
    .option('--gap <ms>', 'idle time between sequential invocations (shows keep-alive expiry and leftover work failing later)', '0')
    .option('--json', 'print one JSON record per invocation (NDJSON)')
    .addHelpText('after', '\nExit status: 0 when every invocation succeeded, 1 when one returned an error, 2 on bad input (nothing invoked).')
    .action(async (file: string, opts: InvokeOptions) => {
      process.exitCode = await runInvoke(file, opts);
    });
}

/** Thrown for bad input: printed as-is, exit status 2, nothing invoked. */
class UsageError extends Error {}

async function runInvoke(file: string, opts: InvokeOptions): Promise<number> {
  let fn: FunctionConfig;
  let event: unknown;
  let repeat: number;
  let concurrency: number;
  let gapMs: number;
  try {
    fn = functionFromOptions(file, opts);
    event = await readEvent(opts.event);
    repeat = positiveInt(opts.repeat, '--repeat');
    concurrency = positiveInt(opts.concurrency, '--concurrency');
    gapMs = wholeNumber(opts.gap ?? '0', '--gap');
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 2;
  }
  const invoker = createInvoker();
  const stop = (signal: NodeJS.Signals) => {
    void invoker.dispose().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let failed = false;
  try {
    if (fn.provisionedConcurrency) {
      try {
        await invoker.warm(fn);
      } catch (err) {
        process.stderr.write(`${(err as Error).message}\n`);
        return 1;
      }
    }
    let next = 0;
    const worker = async () => {
      while (next < repeat) {
        // --gap: each worker idles between its invocations, as a caller pausing between requests would.
        if (next >= concurrency && gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
        if (next >= repeat) break;
        next++;
        const record = await invoker.invoke(fn, { event });
        if (record.error) failed = true;
        print(record, !!opts.json);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, repeat) }, worker));
  } finally {
    await invoker.dispose();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return failed ? 1 : 0;
}

function functionFromOptions(file: string, opts: InvokeOptions): FunctionConfig {
  const handlerFile = path.resolve(file);
  if (!fs.existsSync(handlerFile)) throw new UsageError(`${file}: handler file not found. Pass the path of a .js/.ts/.py handler or of a bootstrap executable.`);
  const runtime = (opts.runtime ?? runtimeFromFile(handlerFile)) as RuntimeKind;
  if (!['nodejs', 'python', 'provided'].includes(runtime)) throw new UsageError(`--runtime ${opts.runtime}: use nodejs, python or provided.`);
  const env: Record<string, string> = {};
  for (const pair of opts.env) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--env ${pair}: expected KEY=VALUE.`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const fn: FunctionConfig = {
    name: path.basename(handlerFile).replace(/\.[^.]+$/, ''),
    handlerFile,
    handlerName: opts.handler ?? (runtime === 'python' ? 'lambda_handler' : 'handler'),
    runtime,
    env,
  };
  if (opts.memory !== undefined) fn.memoryMb = Number(opts.memory);
  if (opts.timeout !== undefined) fn.timeoutSec = Number(opts.timeout);
  if (opts.keepAlive !== undefined) fn.keepAliveSec = Number(opts.keepAlive);
  if (opts.reservedConcurrency !== undefined) fn.reservedConcurrency = wholeNumber(opts.reservedConcurrency, '--reserved-concurrency');
  if (opts.provisionedConcurrency !== undefined) fn.provisionedConcurrency = wholeNumber(opts.provisionedConcurrency, '--provisioned-concurrency');
  const checked = resolveFunction(fn);
  if ('errorType' in checked) throw new UsageError(checked.errorMessage);
  return fn;
}

/** Infers the runtime from the extension: .py is python, JavaScript/TypeScript is nodejs, anything else a custom runtime. */
export function runtimeFromFile(file: string): RuntimeKind {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.py') return 'python';
  if (['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'].includes(ext)) return 'nodejs';
  return 'provided';
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} ${value}: expected a whole number ≥ 1.`);
  return n;
}

function wholeNumber(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new UsageError(`${flag} ${value}: expected a whole number ≥ 0.`);
  return n;
}

async function readEvent(source: string | undefined): Promise<unknown> {
  if (source === undefined) return {};
  let text: string;
  const name = source === '-' ? '<stdin>' : source;
  try {
    text = source === '-' ? await readStdin() : fs.readFileSync(source, 'utf8');
  } catch (err) {
    throw new UsageError(`${name}: cannot read the event file (${(err as Error).message}).`);
  }
  return parseEvent(text, name);
}

/** Parses strict JSON; on error, throws `file:line:col: message` pointing at the first problem. */
export function parseEvent(text: string, name: string): unknown {
  if (!text.trim()) throw new UsageError(`${name}:1:1: the event file is empty; write a JSON value such as {}.`);
  const errors: ParseError[] = [];
  const value = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length) {
    const e = errors[0];
    const before = text.slice(0, e.offset).split('\n');
    const line = before.length;
    const col = before[before.length - 1].length + 1;
    throw new UsageError(`${name}:${line}:${col}: invalid JSON event (${printParseErrorCode(e.error)}). Fix the file and run again; nothing was invoked.`);
  }
  return value;
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

function print(record: InvocationRecord, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(record)}\n`);
    return;
  }
  for (const line of record.logs) process.stdout.write(`${line}\n`);
  // Local explanations (contended Init figures, leftover work): not Lambda output, so marked as ours.
  for (const note of record.notes ?? []) process.stdout.write(`[serverless-lab] ${note}\n`);
  if (record.error) process.stdout.write(`${JSON.stringify(record.error, null, 2)}\n`);
  else process.stdout.write(`${JSON.stringify(record.response, null, 2)}\n`);
}
