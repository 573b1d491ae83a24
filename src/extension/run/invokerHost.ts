// Owns the one embedded invoker: created lazily on the first run, disposed on deactivate so no
// sandbox process outlives the extension host. Streams function logs to their own channel.
import * as vscode from 'vscode';
import type { FunctionConfig, InvocationRecord, Invoker, InvokeRequest } from '../../core/invoker/types';
import { getLogger } from '../log';

const log = getLogger('run');

/** Lazily created invoker plus the "Serverless Lab: Functions" log channel and a sandbox-count event. */
export class InvokerHost implements vscode.Disposable {
  private invoker: Invoker | undefined;
  private creating: Promise<Invoker> | undefined;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly countEmitter = new vscode.EventEmitter<number>();
  private readonly finishedEmitter = new vscode.EventEmitter<InvocationRecord>();
  private functionsChannel: vscode.LogOutputChannel | undefined;
  /** Fires with the live sandbox count whenever a sandbox starts or stops. */
  readonly onDidChangeSandboxCount = this.countEmitter.event;
  /** Fires after every invocation (including load runs). */
  readonly onDidFinishInvocation = this.finishedEmitter.event;

  /** The function log channel, created on first use so an unused feature adds no channel. */
  get channel(): vscode.LogOutputChannel {
    this.functionsChannel ??= vscode.window.createOutputChannel('Serverless Lab: Functions', { log: true });
    return this.functionsChannel;
  }

  /** Live sandboxes (0 before the invoker exists). */
  sandboxCount(functionName?: string): number {
    return this.invoker?.sandboxCount(functionName) ?? 0;
  }

  /** Returns the invoker, creating it on first use. */
  async get(): Promise<Invoker> {
    if (this.invoker) return this.invoker;
    this.creating ??= (async () => {
      const { createInvoker } = await import('../../core/invoker/index');
      const invoker = createInvoker({});
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
        invoker.on('invocationFinished', (r) => this.finishedEmitter.fire(r)),
      );
      this.invoker = invoker;
      return invoker;
    })();
    // A failed start must not be cached: the next run tries again.
    this.creating.catch(() => (this.creating = undefined));
    return this.creating;
  }

  /** Invokes through the (lazily created) invoker. */
  async invoke(fn: FunctionConfig, request: InvokeRequest): Promise<InvocationRecord> {
    return (await this.get()).invoke(fn, request);
  }

  /** Stops every sandbox; a no-op when nothing ever ran. */
  async stopAll(): Promise<void> {
    await this.invoker?.stopSandboxes();
    this.countEmitter.fire(this.sandboxCount());
  }

  /** Stops one function's sandboxes. */
  async stopFunction(functionName: string): Promise<void> {
    await this.invoker?.stopSandboxes(functionName);
    this.countEmitter.fire(this.sandboxCount());
  }

  /** Stops all sandboxes and frees the invoker (awaited by deactivate()). */
  async shutdown(): Promise<void> {
    const invoker = this.invoker ?? (this.creating ? await this.creating.catch(() => undefined) : undefined);
    this.invoker = undefined;
    this.creating = undefined;
    for (const u of this.unsubscribe.splice(0)) u();
    await invoker?.dispose();
  }

  dispose(): void {
    void this.shutdown().catch((err) => log.error(`invoker shutdown failed: ${String(err)}`));
    this.countEmitter.dispose();
    this.finishedEmitter.dispose();
    this.functionsChannel?.dispose();
  }
}
