// Wiring of the pattern playground and the template.yaml event support: the playground's file system,
// commands, completion, CodeLens, hover and diagnostics. It runs at activation, so it is part of the entry;
// the matcher, YAML reader and sample catalogue sit behind `feature`, a lazy module loaded on first use.
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type * as Feature from './feature';
import type { Playground } from './playground';
import { PLAYGROUND_SCHEME, PlaygroundFileSystem } from './playgroundFs';
import type { FeatureLog, PlaygroundDeps, RecentEventsSource } from './types';

/** SAM templates, as the run feature's lenses select them. */
const TEMPLATE_SELECTOR: vscode.DocumentSelector = [{ scheme: 'file', pattern: '**/template.{yaml,yml}' }];
const isTemplate = (doc: vscode.TextDocument) => doc.uri.scheme === 'file' && /(^|[\\/])template\.ya?ml$/.test(doc.uri.fsPath);
const DIAGNOSE_DEBOUNCE_MS = 300;

/** What the activation entry hands over: its command boundary, log and settings. */
export interface PlaygroundWiring {
  context: vscode.ExtensionContext;
  registerSafeCommand(context: vscode.ExtensionContext, id: string, handler: (...args: never[]) => unknown): void;
  log: FeatureLog;
  /** True when CodeLens are enabled (serverlessLab.codeLens.enabled). */
  lensesEnabled(): boolean;
  onDidChangeConfig: vscode.Event<unknown>;
  /** The event engine host, when the extension has one. */
  eventing?: () => Promise<RecentEventsSource>;
  /** Loads the heavy half (a lazy module). */
  feature(): typeof Feature;
}

/** Registers the playground and template features; returns the playground accessor (tests). */
export function registerPlayground(w: PlaygroundWiring): () => Playground {
  const { context } = w;
  const files = new PlaygroundFileSystem(context.workspaceState, () => w.feature().defaultDocuments());
  const diagnostics = vscode.languages.createDiagnosticCollection('serverlessLab.events');
  const deps: PlaygroundDeps = { files, diagnostics, eventing: w.eventing, log: w.log };
  let playground: Playground | undefined;
  const pg = () => (playground ??= new (w.feature().Playground)(deps));
  const lensesChanged = new vscode.EventEmitter<void>();
  const timers = new Map<string, NodeJS.Timeout>();
  const diagnose = (doc: vscode.TextDocument) => {
    if (!isTemplate(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      if (!doc.isClosed) w.feature().diagnoseTemplate(doc, diagnostics);
    }, DIAGNOSE_DEBOUNCE_MS));
  };
  context.subscriptions.push(
    files, diagnostics, lensesChanged,
    { dispose: () => { playground?.dispose(); timers.forEach((t) => clearTimeout(t)); } },
    vscode.workspace.registerFileSystemProvider(PLAYGROUND_SCHEME, files, { isCaseSensitive: true }),
    vscode.workspace.onDidChangeTextDocument((e) => (e.document.uri.scheme === PLAYGROUND_SCHEME ? pg().changed(e.document) : diagnose(e.document))),
    vscode.workspace.onDidOpenTextDocument((doc) => (doc.uri.scheme === PLAYGROUND_SCHEME ? pg().changed(doc) : diagnose(doc))),
    vscode.workspace.onDidCloseTextDocument((doc) => isTemplate(doc) && diagnostics.delete(doc.uri)),
    vscode.languages.registerCompletionItemProvider({ scheme: PLAYGROUND_SCHEME, pattern: '**/*.eventpattern.json' }, { provideCompletionItems: (doc, position) => pg().completions(doc, position) }, '"'),
    vscode.languages.registerCodeLensProvider(TEMPLATE_SELECTOR, {
      onDidChangeCodeLenses: lensesChanged.event,
      provideCodeLenses: async (doc) => (w.lensesEnabled() ? w.feature().templateLenses(doc, new Set(await vscode.commands.getCommands(true))) : []),
    }),
    vscode.languages.registerHoverProvider(TEMPLATE_SELECTOR, { provideHover: (doc, position) => w.feature().patternHover(deps, doc, position) }),
    w.onDidChangeConfig(() => lensesChanged.fire()),
  );
  vscode.workspace.textDocuments.forEach(diagnose);
  // Playground editors restored after a reload may open before the listeners above: evaluate them now.
  vscode.workspace.textDocuments.filter((d) => d.uri.scheme === PLAYGROUND_SCHEME).forEach((d) => pg().changed(d));
  w.registerSafeCommand(context, CommandIds.openPatternPlayground, (args?: Feature.OpenPlaygroundArgs) => pg().open(args instanceof vscode.Uri ? undefined : args));
  w.registerSafeCommand(context, CommandIds.playgroundTryRecent, () => pg().tryRecent());
  w.registerSafeCommand(context, CommandIds.playgroundChooseEvent, () => pg().chooseEvent());
  w.registerSafeCommand(context, CommandIds.playgroundSaveAsRule, (args?: Feature.SaveAsRuleArgs) => w.feature().saveAsRule(pg().currentPattern(), args instanceof vscode.Uri ? undefined : args));
  w.registerSafeCommand(context, CommandIds.explainLastMatch, (uri: vscode.Uri, ruleName: string) => w.feature().explainLastMatch(deps, uri, ruleName, (a) => pg().open(a)));
  return pg;
}
