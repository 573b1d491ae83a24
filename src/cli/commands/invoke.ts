// `serverless-lab invoke`: runs a function locally in Lambda-compatible sandboxes and prints what
// Lambda would print (response, logs with START/END/REPORT), or one JSON record per invocation with
// --json. The function is found through the same registry and runtime service as the editor's:
// a name from .serverless-lab/functions.json or a SAM template, or a handler file.
import type { Command } from 'commander';
import * as fs from 'fs';
import * as path from 'path';
import { FUNCTIONS_FILE, FunctionRegistry, nodeRegistryHost, type ResolvedFunction } from '../../core/functions';
import { createInvoker, type RuntimeKind } from '../../core/invoker';
import { completeConfig } from '../../core/invoker/launch';
import { parseEventText } from '../../core/run/eventFile';
import { RuntimeService, type RuntimeRecord } from '../../core/runtime';

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
  workspace?: string;
  json?: boolean;
  reservedConcurrency?: string;
  provisionedConcurrency?: string;
  gap?: string;
}

/** Registers `invoke` on the CLI program. */
export function registerInvokeCommand(program: Command): void {
  program
    .command('invoke')
    .description('Invoke a function locally in Lambda-compatible sandboxes (cold, then warm) and print the response and logs.')
    .argument('<function>', 'a function name from .serverless-lab/functions.json or a SAM template, or a handler file (.js/.mjs/.cjs/.ts for nodejs, .py for python, anything else a custom runtime `bootstrap`)')
    .option('--handler <name>', 'exported function name (default: from the configuration, else handler for nodejs, lambda_handler for python)')
    .option('--runtime <runtime>', 'nodejs | python | provided (default: from the configuration, else from the file extension)')
    .option('--event <file>', 'JSON event file (comments allowed, as in .serverless-lab/events), or - for stdin (default: {})')
    .option('--memory <MB>', 'memory size in MB, 128-10240 (default: from the configuration, else 128)')
    .option('--timeout <s>', 'timeout in seconds, 1-900 (default: from the configuration, else 3)')
    .option('--env <K=V>', 'environment variable for the function, over the configured ones (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--repeat <N>', 'number of invocations; warm sandboxes are reused as on Lambda', '1')
    .option('--concurrency <C>', 'invocations in flight at once (C busy sandboxes)', '1')
    .option('--keep-alive <s>', 'idle seconds before a warm sandbox shuts down (default: from the configuration, else 600)')
    .option('--workspace <dir>', `workspace folder holding ${FUNCTIONS_FILE} (default: the nearest folder above the current one that has it, else the current folder)`)
    .option('--reserved-concurrency <N>', 'at most N sandboxes; invocations beyond them are throttled (TooManyRequestsException)')
    .option('--provisioned-concurrency <N>', 'N sandboxes initialized before the first invocation (no Init Duration on them)')
    .option('--gap <ms>', 'idle time between sequential invocations (shows keep-alive expiry and leftover work failing later)', '0')
    .option('--json', 'print one JSON record per invocation (NDJSON)')
    .addHelpText('after', '\nExit status: 0 when every invocation succeeded, 1 when one returned an error, 2 on bad input (nothing invoked).')
    .action(async (target: string, opts: InvokeOptions) => {
      process.exitCode = await runInvoke(target, opts);
    });
}

/** Thrown for bad input: printed as-is, exit status 2, nothing invoked. */
class UsageError extends Error {}

/** The workspace folder: the nearest ancestor of `from` holding .serverless-lab/functions.json, else `from`. */
export function findWorkspace(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, FUNCTIONS_FILE))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from);
  }
}

async function runInvoke(target: string, opts: InvokeOptions): Promise<number> {
  const registry = new FunctionRegistry([opts.workspace ? path.resolve(opts.workspace) : findWorkspace(process.cwd())], nodeRegistryHost());
  let fn: ResolvedFunction;
  let event: unknown;
  let repeat: number;
  let concurrency: number;
  let gapMs: number;
  try {
    fn = await resolveTarget(registry, target, opts);
    event = await readEvent(opts.event);
    repeat = positiveInt(opts.repeat, '--repeat');
    concurrency = positiveInt(opts.concurrency, '--concurrency');
    gapMs = wholeNumber(opts.gap ?? '0', '--gap');
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 2;
  }
  const runtime = new RuntimeService(registry, createInvoker());
  const stop = (signal: NodeJS.Signals) => {
    void runtime.invoker.dispose().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let failed = false;
  try {
    if (fn.config.provisionedConcurrency) {
      try {
        await runtime.invoker.warm(fn.config);
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
        const record = await runtime.invokeResolved(fn, event, { source: 'cli' });
        if (record.error) failed = true;
        print(record, !!opts.json);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, repeat) }, worker));
  } finally {
    await runtime.invoker.dispose();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return failed ? 1 : 0;
}

/** Resolves the target through the registry, then applies the command-line overrides (validated as Lambda does). */
async function resolveTarget(registry: FunctionRegistry, target: string, opts: InvokeOptions): Promise<ResolvedFunction> {
  if (opts.runtime !== undefined && !['nodejs', 'python', 'provided'].includes(opts.runtime)) throw new UsageError(`--runtime ${opts.runtime}: use nodejs, python or provided.`);
  // A name from the configuration first; otherwise a file path is relative to the current directory, as shells expect.
  const looksLikePath = path.isAbsolute(target) || /[\\/]/.test(target) || path.extname(target) !== '';
  const named = looksLikePath ? undefined : await registry.byName(target);
  const file = path.resolve(target);
  const resolved = named ?? (fs.existsSync(file) && fs.statSync(file).isFile() ? await registry.resolveFile(file, opts.handler) : undefined);
  if (!resolved) {
    const known = (await registry.list()).map((f) => f.config.name);
    throw new UsageError(`${target}: no such function or handler file. Pass a function name from ${FUNCTIONS_FILE} or a SAM template${known.length ? ` (${known.join(', ')})` : ''}, or the path of a .js/.ts/.py handler or a bootstrap executable.`);
  }
  for (const problem of (await registry.functionsFiles()).flatMap((f) => f.problems.filter((p) => p.severity === 'error').map((p) => `${f.file}:${p.line + 1}:${p.character + 1}: ${p.message}`))) {
    process.stderr.write(`warning: ${problem} (that setting is ignored)\n`);
  }
  const env: Record<string, string> = { ...resolved.config.env };
  for (const pair of opts.env) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--env ${pair}: expected KEY=VALUE.`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const config = { ...resolved.config, env };
  if (opts.runtime !== undefined) config.runtime = opts.runtime as RuntimeKind;
  if (opts.handler !== undefined) config.handlerName = opts.handler;
  if (opts.memory !== undefined) config.memoryMb = Number(opts.memory);
  if (opts.timeout !== undefined) config.timeoutSec = Number(opts.timeout);
  if (opts.keepAlive !== undefined) config.keepAliveSec = Number(opts.keepAlive);
  if (opts.reservedConcurrency !== undefined) config.reservedConcurrency = wholeNumber(opts.reservedConcurrency, '--reserved-concurrency');
  if (opts.provisionedConcurrency !== undefined) config.provisionedConcurrency = wholeNumber(opts.provisionedConcurrency, '--provisioned-concurrency');
  const checked = completeConfig(config);
  if ('errorType' in checked) throw new UsageError(checked.errorMessage);
  return { ...resolved, config };
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

/** Parses a JSON event, comments and trailing commas allowed as in the editor's saved events; on error, throws `file:line:col: message`. */
export function parseEvent(text: string, name: string): unknown {
  const parsed = parseEventText(text);
  if (parsed.ok) return parsed.event;
  const first = parsed.problems[0];
  const where = `${name}:${first.line + 1}:${first.character + 1}`;
  const code = /JSON syntax error: (\w+)\./.exec(first.message)?.[1];
  throw new UsageError(code ? `${where}: invalid JSON event (${code}). Fix the file and run again; nothing was invoked.` : `${where}: ${first.message} Nothing was invoked.`);
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

function print(record: RuntimeRecord, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(record)}\n`);
    return;
  }
  for (const line of record.logs) process.stdout.write(`${line}\n`);
  // Local explanations (contended Init figures, leftover work, what this OS can't simulate): not Lambda output, so marked as ours.
  for (const note of [...(record.notes ?? []), ...(record.platformLimits?.notes ?? [])]) process.stdout.write(`[serverless-lab] ${note}\n`);
  if (record.error) process.stdout.write(`${JSON.stringify(record.error, null, 2)}\n`);
  else process.stdout.write(`${JSON.stringify(record.response, null, 2)}\n`);
}
