// The invoke flow shared by CodeLens, commands and the panel: resolve the function, choose the
// event, invoke (optionally cold or under the debugger), explain cold/warm, record history.
import { randomUUID } from 'node:crypto';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { generateEvent } from '../../core/sampleEvents';
import type { ResolvedFunction } from '../../core/functions/resolve';
import type { FunctionConfig } from '../../core/invoker/types';
import type { Prediction } from '../../core/run/prediction';
import type { RuntimeRecord } from '../../core/runtime/types';
import { getLogger } from '../log';
import type { RuntimeHost } from '../runtime/runtimeHost';
import type { InvokeMode } from './codeLens';
import { pickEvent, readEventFile, type ChosenEvent } from './eventPicker';
import type { InvocationHistory } from './history';
import type { HistoryFeed } from './historyFeed';
import type { WorkspaceFunctions } from './workspaceFunctions';

const log = getLogger('run');
const LAST_EVENTS_KEY = 'serverlessLab.run.lastEvents.v1';

/** Options accepted by the invoke commands (also used by tests and the panel). */
export interface InvokeOptions {
  mode?: InvokeMode;
  /** Use this event instead of asking. */
  event?: unknown;
  /** Use this saved event file (absolute path or Uri). */
  eventFile?: string | vscode.Uri;
  prediction?: Prediction;
  /** Show the invocation panel afterwards (default true). */
  reveal?: boolean;
  /** The SAM template whose CodeLens asked: re-read before resolving, in case its watcher event has not arrived yet. */
  template?: vscode.Uri;
}

/** Thrown when running is refused (Restricted Mode); the message says why and what to do. */
export class RunRefusedError extends Error {}

/** Refuses to run code from an untrusted workspace. */
export function assertTrusted(): void {
  if (!vscode.workspace.isTrusted) {
    throw new RunRefusedError('Running handlers is disabled in Restricted Mode because it executes code from this workspace. Use "Manage Workspace Trust" to trust the folder, then try again.');
  }
}

/** Finds a free loopback TCP port for the inspector. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when something listens on the port (the sandbox's inspector), or after `timeoutMs`. */
async function waitForPort(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Everything the run flow needs, created once by registerRun. */
export class RunService {
  private lastTarget: { uri: vscode.Uri; handlerName: string } | undefined;
  private readonly saveSub: vscode.Disposable;
  /** Function names that have run from each handler file, to reset them when the file is saved. */
  private readonly functionsByFile = new Map<string, Set<string>>();

  constructor(
    private readonly state: vscode.Memento,
    readonly host: RuntimeHost,
    readonly functions: WorkspaceFunctions,
    readonly history: InvocationHistory,
    private readonly feed: HistoryFeed,
    private readonly diagnostics: vscode.DiagnosticCollection,
  ) {
    // Like a new deployment on Lambda, changed code gets fresh sandboxes: warm ones still hold the old module.
    this.saveSub = vscode.workspace.onDidSaveTextDocument((doc) => {
      for (const name of this.functionsByFile.get(doc.uri.fsPath) ?? []) {
        if (host.sandboxCount(name) === 0) continue;
        log.info(`${doc.uri.fsPath} saved: stopping the sandboxes of ${name} so the next run loads the new code`);
        void host.stopFunction(name);
      }
    });
  }

  dispose(): void {
    this.saveSub.dispose();
  }

  /** The handler invoked most recently (for "Invoke Last Again"). */
  get last(): { uri: vscode.Uri; handlerName: string } | undefined {
    if (this.lastTarget) return this.lastTarget;
    const entry = this.history.last();
    return entry ? { uri: vscode.Uri.file(entry.handlerFile), handlerName: entry.handlerName } : undefined;
  }

  /** Resolves a handler through the registry. */
  async resolve(uri: vscode.Uri, handlerName: string): Promise<ResolvedFunction> {
    const resolved = await this.functions.resolve(uri, handlerName);
    const names = this.functionsByFile.get(uri.fsPath) ?? new Set<string>();
    this.functionsByFile.set(uri.fsPath, names.add(resolved.config.name));
    return resolved;
  }

  private lastEvents(): Record<string, { event: unknown; label: string }> {
    return this.state.get(LAST_EVENTS_KEY, {});
  }

  private async rememberEvent(functionName: string, chosen: ChosenEvent): Promise<void> {
    if (JSON.stringify(chosen.event ?? null).length > 256 * 1024) return;
    await this.state.update(LAST_EVENTS_KEY, { ...this.lastEvents(), [functionName]: chosen });
  }

  /** The event "▶ Invoke" uses: the last one for this function, else the configured trigger's sample, else {}. */
  defaultEvent(functionName: string, trigger: string | undefined): ChosenEvent {
    const last = this.lastEvents()[functionName];
    if (last) return last;
    if (trigger) {
      try {
        return { event: generateEvent(trigger), label: `${trigger} sample` };
      } catch (err) {
        log.warn(`trigger "${trigger}" of ${functionName}: ${String(err)}`);
      }
    }
    return { event: {}, label: '{}' };
  }

  /** Chooses the event according to the options; undefined means "do not invoke". */
  private async chooseEvent(uri: vscode.Uri, config: FunctionConfig, trigger: string | undefined, options: InvokeOptions): Promise<ChosenEvent | undefined> {
    if (options.event !== undefined) return { event: options.event, label: 'given event' };
    if (options.eventFile) {
      const file = typeof options.eventFile === 'string' ? vscode.Uri.file(options.eventFile) : options.eventFile;
      return readEventFile(file, this.diagnostics);
    }
    if (options.mode === 'withEvent') return pickEvent(vscode.workspace.getWorkspaceFolder(uri), config.name, trigger, this.diagnostics);
    return this.defaultEvent(config.name, trigger);
  }

  /** Invokes a handler; returns its record, or undefined when nothing was invoked (cancelled, bad event). */
  async invokeHandler(uri: vscode.Uri, handlerName: string, options: InvokeOptions = {}): Promise<RuntimeRecord | undefined> {
    assertTrusted();
    if (!(await this.savedOrAccepted(uri))) return undefined;
    if (options.template) this.functions.registry.invalidate(options.template.fsPath);
    const resolved = await this.resolve(uri, handlerName);
    const { config, trigger } = resolved;
    const chosen = await this.chooseEvent(uri, config, trigger, options);
    if (!chosen) return undefined;
    this.lastTarget = { uri, handlerName };
    let debugPort: number | undefined;
    if (options.mode === 'debug') {
      if (config.runtime === 'nodejs') debugPort = await freePort();
      else void vscode.window.showInformationMessage(`Serverless Lab: debugging is available for Node.js handlers only; ${config.runtime} handlers run without a debugger.`);
    }
    // The user's action is the cause of this invocation; the history feed finds the editor's details by it.
    const causationId = `editor-${randomUUID()}`;
    this.feed.expect(causationId, { eventLabel: chosen.label, reveal: options.reveal !== false, ...(options.prediction ? { prediction: options.prediction } : {}) });
    let record: RuntimeRecord;
    try {
      const runtime = await this.host.runtime();
      record = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `$(play) Invoking ${config.name}…` },
        async () => {
          const pending = runtime.invokeResolved(resolved, chosen.event, {
            source: 'editor', causationId, ...(options.mode === 'cold' ? { forceCold: true } : {}), ...(debugPort ? { debug: { inspectPort: debugPort } } : {}),
          });
          if (debugPort) void this.attachDebugger(uri, config.name, debugPort);
          return pending;
        },
      );
    } finally {
      this.feed.forget(causationId);
    }
    await this.rememberEvent(config.name, chosen);
    await this.feed.entryFor(record.requestId);
    return record;
  }

  /** The sandbox loads the file from disk: offer to save unsaved edits first (never saved without asking). */
  private async savedOrAccepted(uri: vscode.Uri): Promise<boolean> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!doc?.isDirty) return true;
    const name = vscode.workspace.asRelativePath(uri);
    const pick = await vscode.window.showWarningMessage(`${name} has unsaved changes. The sandbox runs the file on disk.`, { modal: true }, 'Save and Invoke', 'Invoke Saved Version');
    if (pick === 'Save and Invoke') return doc.save();
    return pick === 'Invoke Saved Version';
  }

  private async attachDebugger(uri: vscode.Uri, functionName: string, port: number): Promise<void> {
    if (!(await waitForPort(port, 10_000))) {
      void vscode.window.showWarningMessage(`Serverless Lab: the sandbox's inspector did not open port ${port}; the invocation ran without the debugger.`);
      return;
    }
    const started = await vscode.debug.startDebugging(vscode.workspace.getWorkspaceFolder(uri), {
      type: 'pwa-node', request: 'attach', name: `Serverless Lab: ${functionName}`, address: '127.0.0.1', port, continueOnAttach: true, skipFiles: ['<node_internals>/**'],
    }).then((ok) => ok, (err) => {
      log.error(`attaching the debugger failed: ${String(err)}`);
      return false;
    });
    if (!started) {
      // The sandbox waits at --inspect-brk with its timeout paused: stop it so the invocation cannot hang.
      await this.host.stopFunction(functionName);
      void vscode.window.showErrorMessage('Serverless Lab: the JavaScript debugger could not attach, so the paused sandbox was stopped. Check that the built-in JavaScript Debugger extension is enabled.');
    }
  }
}
