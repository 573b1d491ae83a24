// `serverless-lab events serve|put`: runs the workspace's event architecture headless, with the
// AWS-compatible endpoint (serve) or for one event to quiescence in virtual time (put).
import type { Command } from 'commander';
import * as fs from 'fs';
import * as path from 'path';
import { EventEngine, FileStateStore, ManualClock, systemClock, type TraceEvent } from '../../core/eventing';
import { applyArchitecture } from '../../core/eventing/definitions';
import { startEndpoint } from '../../core/eventing/endpoint/server';
import { toPutEventsEntry } from '../../core/eventing/putEntry';
import type { InvokerOptions } from '../../core/invoker';
import { createRuntime } from '../../core/runtime';
import { loadWorkspace } from '../eventing/workspace';

/** Options shared by the engine commands (and the system tests that drive them in-process). */
export interface EngineCommandOptions {
  dir: string;
  invoker?: InvokerOptions;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

const stdout = (line: string) => process.stdout.write(`${line}\n`);
const stderr = (line: string) => process.stderr.write(`${line}\n`);

/** One trace event as a JSON line. */
function traceLine(e: TraceEvent): string {
  return JSON.stringify(e);
}

/** Builds the engine for a workspace; returns undefined (after printing why) when the template has errors. */
async function buildEngine(o: EngineCommandOptions, clock: ConstructorParameters<typeof EventEngine>[0]['clock'], persist: boolean) {
  const ws = loadWorkspace(o.dir);
  if (ws.errors.length) {
    for (const e of ws.errors) (o.err ?? stderr)(e);
    (o.err ?? stderr)('Fix the template problems above, then run the command again.');
    return undefined;
  }
  const runtime = createRuntime({ folders: [o.dir], invoker: o.invoker });
  const invoker = runtime.invoker;
  // Targets may name any function the registry knows (functions.json, templates), as the runtime resolves them.
  const known = (await runtime.registry.list()).map((f) => f.config.name);
  const engine = new EventEngine({
    runtime, clock, knownFunctions: [...new Set([...known, ...ws.functions.map((f) => f.name)])],
    store: persist ? new FileStateStore(path.join(o.dir, '.serverless-lab', 'eventing')) : undefined,
    httpPost: async (url, body, headers) => {
      const res = await fetch(url, { method: 'POST', body, headers });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    },
  });
  if (ws.architecture) applyArchitecture(engine, ws.architecture);
  return { engine, invoker, runtime };
}

/** `events serve`: resolves when stopped by a signal; returns the exit code. */
export async function serve(o: EngineCommandOptions & { port: number; compression: number; signal?: AbortSignal }): Promise<number> {
  const built = await buildEngine(o, systemClock(o.compression), true);
  if (!built) return 2;
  const { engine, invoker, runtime } = built;
  const endpoint = await startEndpoint(engine, o.port);
  const removeEnv = runtime.addEnvironmentProvider(endpoint.environment);
  const out = o.out ?? stdout;
  out(JSON.stringify({ endpoint: endpoint.url }));
  engine.onTrace((e) => out(traceLine(e)));
  engine.start();
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    o.signal?.addEventListener('abort', stop);
  });
  engine.stop();
  removeEnv();
  await endpoint.close();
  await invoker.dispose();
  return 0;
}

/** `events put`: routes one event and runs the flow to quiescence in virtual time; returns the exit code. */
export async function put(o: EngineCommandOptions & { event: string; bus?: string }): Promise<number> {
  let entry: Record<string, unknown>;
  try {
    // Accept a PutEvents entry ({Source, DetailType, Detail}) or an event as EventBridge delivers it.
    entry = toPutEventsEntry(JSON.parse(fs.readFileSync(o.event, 'utf8'))) as Record<string, unknown>;
  } catch (err) {
    (o.err ?? stderr)(`${o.event}: ${(err as Error).message}. Give a JSON file with {"Source","DetailType","Detail"} or {"source","detail-type","detail"}.`);
    return 2;
  }
  const built = await buildEngine(o, new ManualClock(Date.now()), false);
  if (!built) return 2;
  const { engine, invoker } = built;
  const out = o.out ?? stdout;
  engine.onTrace((e) => out(traceLine(e)));
  engine.start();
  try {
    const result = engine.putEvents([{ ...entry, EventBusName: o.bus ?? (entry.EventBusName as string | undefined) }]);
    const failed = result.entries.find((e) => 'ErrorCode' in e);
    if (failed && 'ErrorCode' in failed) {
      (o.err ?? stderr)(`PutEvents failed: ${failed.ErrorCode}: ${failed.ErrorMessage}`);
      return 1;
    }
    const quiet = await engine.settle(20_000);
    if (!quiet) (o.err ?? stderr)('The flow did not settle within 20,000 steps (a schedule or an endless retry loop?); stopped.');
    return quiet ? 0 : 1;
  } finally {
    engine.stop();
    await invoker.dispose();
  }
}

/** Registers `events serve` and `events put` on the `events` command. */
export function registerEventsEngineCommands(events: Command): void {
  events
    .command('serve')
    .description('Run the workspace event architecture with an AWS-compatible endpoint (SQS, EventBridge, SNS); prints {"endpoint":…} then traces')
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '0')
    .option('--dir <dir>', 'workspace folder holding template.yaml', '.')
    .option('--compress <factor>', 'time compression (60: a minute passes in a second)', '1')
    .action(async (opts: { port: string; dir: string; compress: string }) => {
      const port = Number(opts.port);
      const compression = Number(opts.compress);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535 (got ${opts.port})`);
      process.exitCode = await serve({ dir: path.resolve(opts.dir), port, compression });
    });
  events
    .command('put')
    .description('Put an event into the workspace architecture, run it to quiescence (virtual time) and print the trace')
    .requiredOption('--event <file>', 'JSON file: a PutEvents entry or an EventBridge event')
    .option('--bus <name>', 'event bus (default: the entry\'s, else "default")')
    .option('--dir <dir>', 'workspace folder holding template.yaml', '.')
    .action(async (opts: { event: string; bus?: string; dir: string }) => {
      process.exitCode = await put({ dir: path.resolve(opts.dir), event: opts.event, bus: opts.bus });
    });
}
