import * as vscode from 'vscode';
import { CommandIds } from './commandIds';
import { Config } from './config';
import { getLogger, initLog, showLog } from './log';
import { registerCost } from './cost';
import { registerLessons } from './lessons';
import { registerRun } from './run';
import { RuntimeHost } from './runtime/runtimeHost';
import type { RuntimeService } from '../core/runtime/runtimeService';
import { registerScaffold } from './scaffold';

/** Services shared by the feature modules; created once in activate(). */
export interface ExtensionServices {
  context: vscode.ExtensionContext;
  config: Config;
  /** The one function registry, runtime service and sandbox events (cheap until first used). */
  runtimeHost: RuntimeHost;
  /** The one runtime service, created on first use: every feature that runs a function invokes through it. */
  runtime(): Promise<RuntimeService>;
  /** Registers async cleanup that deactivate() awaits (disposables alone cannot be awaited). */
  onDeactivate(hook: () => Promise<void>): void;
}

const deactivateHooks: (() => Promise<void>)[] = [];

/** Thin activation: each feature registers itself and pushes its disposables. */
export function activate(context: vscode.ExtensionContext): ExtensionServices {
  initLog(context);
  const config = new Config();
  context.subscriptions.push(config, vscode.commands.registerCommand(CommandIds.showLog, showLog));
  const runtimeHost = new RuntimeHost(context.globalStorageUri);
  context.subscriptions.push(runtimeHost);
  deactivateHooks.push(() => runtimeHost.shutdown());
  const services: ExtensionServices = { context, config, runtimeHost, runtime: () => runtimeHost.runtime(), onDeactivate: (hook) => deactivateHooks.push(hook) };
  // Feature modules register here, one line each: registerX(services).
  registerCost(services);
  registerLessons(services);
  registerRun(services);
  registerScaffold(services);
  getLogger('activate').info(`Serverless Lab ${context.extension.packageJSON.version} activated`);
  return services;
}

/** Awaits async cleanup (sandbox shutdown) before VS Code disposes context.subscriptions. */
export async function deactivate(): Promise<void> {
  const hooks = deactivateHooks.splice(0);
  await Promise.allSettled(hooks.map((hook) => hook()));
}
