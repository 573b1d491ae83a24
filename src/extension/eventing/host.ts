// The editor's one event engine: built from the workspace's SAM templates, invoking functions only
// through the runtime service, persisting queues under .serverless-lab/eventing, serving the
// AWS-compatible endpoint to sandboxes, and rebuilt (debounced) when a template changes.
// Loaded lazily (scripts/lazyModules.mjs): nothing here runs before the first event feature is used.
import * as path from 'path';
import * as vscode from 'vscode';
import { FileStateStore, startEndpoint, systemClock, type EventEndpoint, type EventEngine, type TraceEvent } from '../../core/eventing';
import type { RecentEvent } from '../../core/eventing/recentEvents';
import type { FaultSettings } from '../../core/eventing/faults';
import type { SamDiagnostic } from '../../core/sam/reader';
import type { RuntimeService } from '../../core/runtime/runtimeService';
import { WorkspaceEngine, type LoadProblem } from '../../core/eventing/workspaceEngine';
import { functionRulesSource, type FunctionRulesSource } from '../../core/eventing/functionRules';
import { FUNCTIONS_FILE } from '../../core/functions/functionsFile';
import type { Logger } from '../log';

/** Templates the host reads (the same glob the runtime's registry watches). */
export const TEMPLATE_GLOB = '**/template.{yaml,yml}';
const TEMPLATE_EXCLUDE = '**/{node_modules,.aws-sam,.serverless-lab}/**';
const RELOAD_DEBOUNCE_MS = 300;
/** functions.json files, whose `events` declare rules too (New Function writes them for the BaaS triggers). */
const FUNCTIONS_GLOB = '**/.serverless-lab/functions.json';

/** What the host needs from the extension. */
export interface EventingHostDeps {
  runtime: RuntimeService;
  /** The extension's logger (passed in: this module is a separate lazy bundle with its own module state). */
  log: Logger;
  /** Time compression factor (1 = real time), read at each rebuild. */
  compression: () => number;
}

/** The workspace's event engine, as the editor's features see it. */
export class EventingHost implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly traceEmitter = new vscode.EventEmitter<TraceEvent>();
  /** Fires when the architecture, faults, paused state or queue contents may have changed. */
  readonly onDidChange = this.changeEmitter.event;
  /** Every trace event of the live engine (forwarded across rebuilds). */
  readonly onTrace = this.traceEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter, this.traceEmitter];
  private readonly workspace: WorkspaceEngine;
  private endpointServer?: EventEndpoint;
  private removeEnvironment: () => void = () => undefined;
  private reloadTimer?: NodeJS.Timeout;
  private reloading: Promise<void> = Promise.resolve();
  private disposed = false;

  private constructor(private readonly deps: EventingHostDeps, stateDir: string | undefined) {
    this.workspace = new WorkspaceEngine({
      runtime: deps.runtime,
      clock: (startAt) => systemClock(Math.max(1, deps.compression()), startAt),
      store: stateDir ? new FileStateStore(stateDir) : undefined,
      httpPost: async (url, body, headers) => {
        const res = await fetch(url, { method: 'POST', body, headers });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
      },
    });
    const unsubscribe = [this.workspace.onTrace((e) => this.traceEmitter.fire(e)), this.workspace.onChange(() => this.changeEmitter.fire())];
    this.disposables.push({ dispose: () => unsubscribe.forEach((u) => u()) });
    const watcher = vscode.workspace.createFileSystemWatcher(TEMPLATE_GLOB);
    const schedule = (uri: vscode.Uri) => {
      if (/[\\/](node_modules|\.aws-sam|\.serverless-lab)[\\/]/.test(uri.fsPath)) return;
      this.scheduleReload();
    };
    const functionsWatcher = vscode.workspace.createFileSystemWatcher(FUNCTIONS_GLOB);
    const reloadForFunctions = () => this.scheduleReload();
    this.disposables.push(watcher, watcher.onDidChange(schedule), watcher.onDidCreate(schedule), watcher.onDidDelete(schedule), vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload()));
    this.disposables.push(functionsWatcher, functionsWatcher.onDidChange(reloadForFunctions), functionsWatcher.onDidCreate(reloadForFunctions), functionsWatcher.onDidDelete(reloadForFunctions));
  }

  /** Builds the host: reads the templates, starts the engine and the endpoint. */
  static async start(deps: EventingHostDeps): Promise<EventingHost> {
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
    const host = new EventingHost(deps, folder ? path.join(folder.uri.fsPath, '.serverless-lab', 'eventing') : undefined);
    await host.reload();
    return host;
  }

  /** The live engine (replaced when a template changes: ask again rather than keep it). */
  engine(): EventEngine {
    return this.workspace.engine;
  }

  /** The endpoint's URL (what sandboxes get as AWS_ENDPOINT_URL), once started. */
  get endpointUrl(): string | undefined {
    return this.endpointServer?.url;
  }

  /** Templates the architecture came from. */
  templates(): readonly string[] {
    return this.workspace.templates;
  }

  /** Events buses saw, newest first, with the rules that matched (optionally of one bus). */
  recentEvents(limit = 50, bus?: string): RecentEvent[] {
    return this.workspace.recent.list(limit, bus);
  }

  /** Definition problems of the templates, with file and line (for diagnostics). */
  problems(): readonly SamDiagnostic[] {
    return this.workspace.problems();
  }

  /** What kept the last load from applying fully. */
  startProblems(): readonly LoadProblem[] {
    return this.workspace.startProblems();
  }

  /** Current fault injection (kept across rebuilds). */
  faults(): FaultSettings {
    return this.workspace.faultSettings;
  }

  /** Replaces fault injection; throws with the engine's message when a rate is out of range. */
  setFaults(faults: FaultSettings): void {
    this.workspace.setFaults(faults);
  }

  /** True while schedule rules are paused. */
  get schedulesPaused(): boolean {
    return this.workspace.schedulesPaused;
  }

  /** Pauses or resumes schedule rules. */
  setSchedulesPaused(paused: boolean): void {
    this.workspace.setSchedulesPaused(paused);
  }

  /** Forgets the trace history and recent events (queues keep their messages). */
  clearHistory(): void {
    this.workspace.engine.trace.clear();
    this.workspace.recent.clear();
    this.workspace.emitChange();
  }

  /** Tells views that queue contents changed outside a trace event. */
  notifyChanged(): void {
    this.workspace.emitChange();
  }

  /** Re-reads every template now (also what the watcher does, debounced). */
  reload(): Promise<void> {
    this.reloading = this.reloading.then(() => this.doReload()).catch((err: unknown) => this.deps.log.error(`reload failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`));
    return this.reloading;
  }

  private scheduleReload(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload(), RELOAD_DEBOUNCE_MS);
  }

  private async doReload(): Promise<void> {
    if (this.disposed) return;
    const uris = await vscode.workspace.findFiles(TEMPLATE_GLOB, TEMPLATE_EXCLUDE, 20);
    uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
    const templates = await Promise.all(uris.map(async (uri) => ({ file: uri.fsPath, text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) })));
    const functionRules = await this.readFunctionRules();
    // The registry may not have seen a function New Function just added: its rule's target is known all the same.
    const known = [...(await this.deps.runtime.registry.list().catch(() => [])).map((f) => f.config.name), ...functionRules.flatMap((s) => s.functions.map((f) => f.name))];
    if (this.disposed) return;
    this.workspace.load(templates, known, functionRules);
    for (const p of this.workspace.startProblems()) this.deps.log.warn(p.message);
    this.deps.log.info(`event engine loaded ${templates.length} template(s): ${this.workspace.problems().length} problem(s)`);
    await this.serveEndpoint();
  }

  /**
   * Each workspace folder's functions.json, read here rather than through the registry's cache: this runs
   * right after the file changed, possibly before the registry's own watcher has invalidated it.
   */
  private async readFunctionRules(): Promise<FunctionRulesSource[]> {
    const sources: FunctionRulesSource[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, FUNCTIONS_FILE);
      const bytes = await vscode.workspace.fs.readFile(uri).then((b) => b, () => undefined);
      if (!bytes) continue;
      const source = functionRulesSource(uri.fsPath, new TextDecoder().decode(bytes));
      if (source) sources.push(source);
    }
    return sources;
  }

  /**
   * A rebuilt engine is served by the running endpoint: same URL, and the sandboxes' environment never
   * changes or lapses, so a template edit does not turn warm sandboxes cold (a closed-and-reopened endpoint
   * did, for any invocation that landed in between).
   */
  private async serveEndpoint(): Promise<void> {
    if (this.endpointServer) {
      this.endpointServer.serve(this.workspace.engine);
      return;
    }
    const server = await startEndpoint(this.workspace.engine, 0);
    if (this.disposed) {
      await server.close();
      return;
    }
    this.endpointServer = server;
    this.removeEnvironment = this.deps.runtime.addEnvironmentProvider(server.environment);
  }

  /** Stops the engine (queues saved) and closes the endpoint. */
  async shutdown(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.workspace.dispose();
    this.removeEnvironment();
    await this.endpointServer?.close();
    this.disposables.forEach((d) => d.dispose());
  }

  dispose(): void {
    void this.shutdown();
  }
}
