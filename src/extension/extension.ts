import * as vscode from 'vscode';
import { CommandIds } from './commandIds';
import { Config } from './config';
import { getLogger, initLog, showLog } from './log';
import { registerBaas } from './baas';
import { registerCost } from './cost';
import { eventingService, registerEventing } from './eventing';
import { registerLessons } from './lessons';
import { registerPatternPlayground } from './playground';
import { registerRun } from './run';
import { RuntimeHost } from './runtime/runtimeHost';
import { registerScaffold } from './scaffold';
import type { BaasHost } from './baas/host';
import type { ExtensionServices, SlApi } from './services';

const deactivateHooks: (() => Promise<void>)[] = [];

/** Thin activation: each feature registers itself and pushes its disposables. */
export function activate(context: vscode.ExtensionContext): SlApi {
  initLog(context);
  const config = new Config();
  context.subscriptions.push(config, vscode.commands.registerCommand(CommandIds.showLog, showLog));
  const runtimeHost = new RuntimeHost(context.globalStorageUri);
  context.subscriptions.push(runtimeHost);
  deactivateHooks.push(() => runtimeHost.shutdown());
  // Features that other features reach through services are registered below; the holder breaks the cycle.
  const registered: { baas?: () => Promise<BaasHost> } = {};
  const base = {
    context,
    config,
    runtimeHost,
    runtime: () => runtimeHost.runtime(),
    baas: () => (registered.baas ? registered.baas() : Promise.reject(new Error('The BaaS feature is not registered yet.'))),
    onDeactivate: (hook: () => Promise<void>) => deactivateHooks.push(hook),
  };
  const services: ExtensionServices = { ...base, eventing: eventingService(base) };
  // Feature modules register here, one line each: registerX(services).
  registered.baas = registerBaas(services);
  registerCost(services);
  registerEventing(services);
  registerLessons(services);
  registerRun(services);
  registerScaffold(services);
  registerPatternPlayground(services);
  getLogger('activate').info(`Serverless Lab ${context.extension.packageJSON.version} activated`);
  return publicApi(context, services);
}

/** The small public API; stored state is exposed only to the integration tests (test mode). */
function publicApi(context: vscode.ExtensionContext, services: ExtensionServices): SlApi {
  if (context.extensionMode !== vscode.ExtensionMode.Test) return { apiVersion: 1 };
  const { globalState, workspaceState } = context;
  return { apiVersion: 1, testing: { globalState, workspaceState, runtime: () => services.runtimeHost.runtime(), eventing: () => services.eventing(), baas: () => services.baas() } };
}

/** Awaits async cleanup (sandbox shutdown) before VS Code disposes context.subscriptions. */
export async function deactivate(): Promise<void> {
  const hooks = deactivateHooks.splice(0);
  await Promise.allSettled(hooks.map((hook) => hook()));
}
