// Running functions in the editor: CodeLens, invoke/load commands, the invocation panel, the
// status bar item and the history. Every invocation goes through the extension's one runtime service.
import * as vscode from 'vscode';
import { detectHandlers, languageOf, type DetectedHandler, type DetectionOptions } from '../../core/run/handlerDetection';
import type { LoadPlan } from '../../core/run/loadPlan';
import { runWhatIf } from '../../core/run/whatIf';
import { CommandIds } from '../commandIds';
import { registerSafeCommand } from '../commandBoundary';
import { SettingKeys } from '../config';
import { setContext } from '../contextKeys';
import type { ExtensionServices } from '../services';
import { HANDLER_SELECTOR, HandlerCodeLensProvider } from './codeLens';
import { saveTestEvent } from './eventPicker';
import { InvocationHistory } from './history';
import { HistoryFeed } from './historyFeed';
import { InvocationPanel } from './invocationPanel';
import { exportLoad, runLoadCommand } from './loadCommand';
import { RunService, type InvokeOptions } from './runService';
import type { PanelView } from '../../shared/invocationProtocol';
import { SAM_SELECTOR, SamCodeLensProvider } from './samCodeLens';
import { createSandboxStatusItem, showRunMenu } from './statusBar';
import { WorkspaceFunctions } from './workspaceFunctions';

/** Lets the user pick a handler: from the active editor, else from the workspace's handler files. */
async function pickHandler(detectionOptions: (uri: vscode.Uri) => Promise<DetectionOptions>): Promise<{ uri: vscode.Uri; handlerName: string } | undefined> {
  type Item = vscode.QuickPickItem & { uri: vscode.Uri; handler: DetectedHandler };
  const detect = async (uri: vscode.Uri, text: string, languageId?: string): Promise<Item[]> => {
    const language = (languageId && languageOf(languageId)) ?? languageOf(uri.fsPath);
    return language ? detectHandlers(text, language, await detectionOptions(uri)).map((h) => ({ label: h.handlerName, description: `${vscode.workspace.asRelativePath(uri)}:${h.line + 1}`, uri, handler: h })) : [];
  };
  const active = vscode.window.activeTextEditor?.document;
  let items = active ? await detect(active.uri, active.getText(), active.languageId) : [];
  if (items.length === 1) return { uri: items[0].uri, handlerName: items[0].handler.handlerName };
  if (!items.length) {
    // Read the bytes rather than opening documents: opening hundreds of files wakes every language server.
    const files = await vscode.workspace.findFiles('**/*.{js,mjs,cjs,ts,mts,py}', '{**/node_modules/**,**/dist/**,**/out/**,**/.venv/**}', 300);
    for (const uri of files) items.push(...(await detect(uri, new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)))));
  }
  if (!items.length) throw new Error('No handler found. Open a file that exports a handler (e.g. exports.handler = async (event) => …) or defines def lambda_handler(event, context); other names need the serverlessLab.handlers.extraNames setting or an entry in .serverless-lab/functions.json.');
  items = items.sort((a, b) => (a.description ?? '').localeCompare(b.description ?? ''));
  const pick = await vscode.window.showQuickPick(items, { title: 'Invoke Function', placeHolder: 'Choose a handler', matchOnDescription: true });
  return pick ? { uri: pick.uri, handlerName: pick.handler.handlerName } : undefined;
}

/** Registers the run feature. */
export function registerRun(services: ExtensionServices): void {
  const { context, config } = services;
  const diagnostics = vscode.languages.createDiagnosticCollection('serverlessLab.run');
  const host = services.runtimeHost;
  const functions = new WorkspaceFunctions(host.registry, diagnostics);
  const history = new InvocationHistory(context.workspaceState, () => config.get<number>(SettingKeys.runHistorySize, 50));
  const feed = new HistoryFeed(host.onDidInvoke, history);
  const run = new RunService(context.workspaceState, host, functions, history, feed, diagnostics);
  const lensesEnabled = (): boolean => config.get<boolean>(SettingKeys.codeLensEnabled, true);
  const detectionOptions = async (uri: vscode.Uri): Promise<DetectionOptions> => ({
    extraNames: config.get<string[]>(SettingKeys.handlerExtraNames, []).filter((n) => typeof n === 'string'),
    listedNames: await functions.listedNames(uri),
  });
  const lenses = new HandlerCodeLensProvider(lensesEnabled, detectionOptions);
  const samLenses = new SamCodeLensProvider(lensesEnabled, diagnostics);
  const targetOf = (requestId?: string): { uri: vscode.Uri; handlerName: string } => {
    const entry = requestId ? history.find(requestId) : undefined;
    const target = entry ? { uri: vscode.Uri.file(entry.handlerFile), handlerName: entry.handlerName } : run.last;
    if (!target) throw new Error('Nothing has been invoked yet: use "▶ Invoke" above a handler or "Serverless Lab: Invoke Function…".');
    return target;
  };
  const panel = new InvocationPanel(context.extensionUri, history, {
    invokeAgain: async (requestId, cold, prediction) => {
      const t = targetOf(requestId);
      await run.invokeHandler(t.uri, t.handlerName, { mode: cold ? 'cold' : 'invoke', prediction });
    },
    runWhatIf: async (request) => {
      const fn = history.last()?.record.functionName;
      return runWhatIf(request, history.all().filter((e) => e.record.functionName === fn).map((e) => e.record), fn);
    },
    exportLoad: (format) => exportLoad(history.lastLoad(), format),
    openCost: async (source, requestId) => {
      const entries = source === 'invocation' && requestId ? [history.find(requestId)].filter((e) => !!e) : [];
      const load = history.lastLoad();
      const args = source === 'load' && load
        ? { durationsMs: load.samples.filter((s) => !s.throttled).map((s) => s.durationMs), maxMemoryUsedMb: Math.max(0, ...load.samples.map((s) => s.maxMemoryUsedMb)), memoryMb: history.last()?.memoryMb ?? 128, coldFraction: load.summary.coldPct / 100, initMs: load.samples.find((s) => s.initMs !== undefined)?.initMs, functionName: load.functionName }
        : entries[0] && { durationsMs: [entries[0].record.report.durationMs], maxMemoryUsedMb: entries[0].record.report.maxMemoryUsedMb, memoryMb: entries[0].memoryMb, coldFraction: entries[0].record.cold ? 1 : 0, initMs: entries[0].record.report.initDurationMs, functionName: entries[0].record.functionName };
      if (!args) throw new Error('Nothing to estimate yet: invoke the function or run a load first.');
      await vscode.commands.executeCommand('serverlessLab.openCost', args);
    },
    saveTestEvent: async (requestId) => {
      const t = targetOf(requestId);
      await vscode.commands.executeCommand(CommandIds.saveTestEvent, t.uri, t.handlerName);
    },
    runLoad: async (requestId) => {
      const t = targetOf(requestId);
      await vscode.commands.executeCommand(CommandIds.runLoad, t.uri, t.handlerName);
    },
  });
  feed.onEntry = (entry, reveal) => {
    panel.showEntry(entry, reveal);
    void setContext('serverlessLab.hasLastInvocation', true);
  };
  void setContext('serverlessLab.hasLastInvocation', history.all().length > 0);

  context.subscriptions.push(
    diagnostics, feed, run, functions, history, lenses, panel,
    samLenses,
    vscode.languages.registerCodeLensProvider(HANDLER_SELECTOR, lenses),
    vscode.languages.registerCodeLensProvider(SAM_SELECTOR, samLenses),
    functions.onDidChange(() => lenses.refresh()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => { lenses.refresh(); samLenses.refresh(); }),
    config.onDidChange(() => { lenses.refresh(); samLenses.refresh(); }),
    createSandboxStatusItem(host.onDidChangeSandboxCount, () => host.sandboxCount()),
  );

  const invokeHandler = (uri?: vscode.Uri, handlerName?: string, options?: InvokeOptions) =>
    uri && handlerName ? run.invokeHandler(uri, handlerName, options) : pickHandler(detectionOptions).then((t) => (t ? run.invokeHandler(t.uri, t.handlerName, options) : undefined));
  registerSafeCommand(context, CommandIds.invokeFunction, invokeHandler);
  registerSafeCommand(context, CommandIds.invokeHandler, invokeHandler);
  registerSafeCommand(context, CommandIds.invokeLast, async () => {
    const t = targetOf();
    return run.invokeHandler(t.uri, t.handlerName, { mode: 'invoke' });
  });
  registerSafeCommand(context, CommandIds.runLoad, async (uri?: vscode.Uri, handlerName?: string, plan?: LoadPlan) => {
    const t = uri && handlerName ? { uri, handlerName } : (run.last ?? (await pickHandler(detectionOptions)));
    if (!t) return undefined;
    const load = await runLoadCommand(run, t.uri, t.handlerName, plan);
    if (load) panel.showLoad(load);
    return load;
  });
  registerSafeCommand(context, CommandIds.stopAllSandboxes, async () => {
    const n = host.sandboxCount();
    await host.stopAll();
    void vscode.window.setStatusBarMessage(`Serverless Lab: stopped ${n} sandbox${n === 1 ? '' : 'es'}`, 3000);
  });
  // Optional { view } so lesson links can open the load results or the keep-alive what-if directly.
  registerSafeCommand(context, CommandIds.showInvocations, (args?: { view?: PanelView }) => panel.show(args && typeof args === 'object' && ['invocation', 'load', 'whatIf'].includes(args.view as string) ? args.view : undefined, false));
  registerSafeCommand(context, CommandIds.runMenu, () => showRunMenu(host.sandboxCount()));
  registerSafeCommand(context, CommandIds.saveTestEvent, async (uri?: vscode.Uri, handlerName?: string) => {
    const t = uri && handlerName ? { uri, handlerName } : targetOf();
    const { config: fn, trigger } = await run.resolve(t.uri, t.handlerName);
    const folder = vscode.workspace.getWorkspaceFolder(t.uri) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('Open a folder first: test events are saved in its .serverless-lab/events folder.');
    const saved = await saveTestEvent(folder, fn.name, run.defaultEvent(fn.name, trigger).event);
    if (saved) await vscode.window.showTextDocument(saved);
  });
}
