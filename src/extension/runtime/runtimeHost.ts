// Owns the extension's one function registry and one runtime service. The registry exists from
// activation (it parses nothing until asked) and is fed file-watcher events; the runtime service,
// with its invoker, is created on first use and disposed on deactivate so no sandbox outlives the
// extension host. Function logs stream to their own channel.
import * as vscode from 'vscode';
import { FUNCTIONS_FILE } from '../../core/functions/functionsFile';
import { FunctionRegistry } from '../../core/functions/registry';
import type { RuntimeService } from '../../core/runtime/runtimeService';
import type { RuntimeRecord } from '../../core/runtime/types';
import { getLogger } from '../log';
import { vscodeRegistryHost } from './vscodeRegistryHost';

const log = getLogger('runtime');

/** The registry, the lazily created runtime service, sandbox-count and invocation events. */
export class RuntimeHost implements vscode.Disposable {
  /** The one function registry of the workspace. */
  readonly registry: FunctionRegistry;
  private service: RuntimeService | undefined;
  private creating: Promise<RuntimeService> | undefined;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly countEmitter = new vscode.EventEmitter<number>();
  private readonly invokedEmitter = new vscode.EventEmitter<RuntimeRecord>();
  private functionsChannel: vscode.LogOutputChannel | undefined;
  /** Fires with the live sandbox count whenever a sandbox starts or stops. */
  readonly onDidChangeSandboxCount = this.countEmitter.event;
  /** Fires after every invocation through the runtime service (every source). */
  readonly onDidInvoke = this.invokedEmitter.event;

  constructor(private readonly storage: vscode.Uri) {
    const folders = (): string[] => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    this.registry = new FunctionRegistry(folders(), vscodeRegistryHost());
    const invalidate = (uri: vscode.Uri): void => this.registry.invalidate(uri.fsPath);
    const config = vscode.workspace.createFileSystemWatcher(`**/${FUNCTIONS_FILE}`);
    const templates = vscode.workspace.createFileSystemWatcher('**/template.{yaml,yml}');
    this.disposables.push(config, templates, this.countEmitter, this.invokedEmitter);
    for (const w of [config, templates]) this.disposables.push(w.onDidChange(invalidate), w.onDidCreate(invalidate), w.onDidDelete(invalidate));
    this.disposables.push(vscode.workspace.onDidChangeWorkspaceFolders(() => this.registry.setFolders(folders())));
  }

  /** The function log channel, created on first use so an unused feature adds no channel. */
  get channel(): vscode.LogOutputChannel {
    this.functionsChannel ??= vscode.window.createOutputChannel('Serverless Lab: Functions', { log: true });
    return this.functionsChannel;
  }

  /** Live sandboxes (0 before the runtime exists). */
  sandboxCount(functionName?: string): number {
    return this.service?.invoker.sandboxCount(functionName) ?? 0;
  }

  /** The runtime service, created (with its invoker) on first use. */
  runtime(): Promise<RuntimeService> {
    if (this.service) return Promise.resolve(this.service);
    this.creating ??= (async () => {
      const [{ createInvoker }, { RuntimeService }] = await Promise.all([import('../../core/invoker/index'), import('../../core/runtime/runtimeService')]);
      const invoker = createInvoker({ cacheDir: this.storage.fsPath, onWarning: (m) => log.warn(m) });
      const service = new RuntimeService(this.registry, invoker);
      this.unsubscribe.push(
        invoker.on('log', (e) => this.channel.info(`[${e.functionName}] ${e.line}`)),
        invoker.on('sandboxStarted', (e) => {
          log.info(`sandbox ${e.sandboxId} started for ${e.functionName} (pid ${e.pid})`);
          this.countEmitter.fire(invoker.sandboxCount());
        }),
        invoker.on('sandboxStopped', (e) => {
          log.info(`sandbox ${e.sandboxId} of ${e.functionName} stopped: ${e.reason}`);
          this.countEmitter.fire(invoker.sandboxCount());
        }),
        service.onInvocation((r) => this.invokedEmitter.fire(r)),
      );
      this.service = service;
      return service;
    })();
    // A failed start must not be cached: the next run tries again.
    this.creating.catch(() => (this.creating = undefined));
    return this.creating;
  }

  /** Stops every sandbox; a no-op when nothing ever ran. */
  async stopAll(): Promise<void> {
    await this.service?.invoker.stopSandboxes();
    this.countEmitter.fire(this.sandboxCount());
  }

  /** Stops one function's sandboxes. */
  async stopFunction(functionName: string): Promise<void> {
    await this.service?.invoker.stopSandboxes(functionName);
    this.countEmitter.fire(this.sandboxCount());
  }

  /** Stops all sandboxes and frees the invoker (awaited by deactivate()). */
  async shutdown(): Promise<void> {
    const service = this.service ?? (this.creating ? await this.creating.catch(() => undefined) : undefined);
    this.service = undefined;
    this.creating = undefined;
    for (const u of this.unsubscribe.splice(0)) u();
    await service?.invoker.dispose();
  }

  dispose(): void {
    void this.shutdown().catch((err) => log.error(`runtime shutdown failed: ${String(err)}`));
    for (const d of this.disposables.splice(0)) d.dispose();
    this.functionsChannel?.dispose();
  }
}
