// BaaS glue in the activation entry: command stubs, the BaaS view and the explorer serializer. Everything else
// (host, PGlite, panels) is in dist/lazy/baas.js and loads on the first BaaS command or when the view is expanded.
import * as vscode from 'vscode';
import { BAAS_EXPLORER_VIEW_TYPE } from '../../shared/baasExplorerProtocol';
import { reportError } from '../commandBoundary';
import { CommandIds } from '../commandIds';
import { setContext } from '../contextKeys';
import type { ExtensionServices } from '../services';
import { createBaasFeature, type BaasFeature } from './feature';
import type { BaasHost } from './host';
import type { BaasNode } from './tree';

/** Commands that the lazy feature implements (their ids are contributed in package.json or internal). */
const BAAS_COMMANDS = [
  CommandIds.baasStart, CommandIds.baasStop, CommandIds.baasOpenExplorer, CommandIds.baasRunSql, CommandIds.baasSqlHistory,
  CommandIds.baasImpersonate, CommandIds.baasCopyConnectionInfo, CommandIds.baasResetData, CommandIds.baasRestoreBackup,
  CommandIds.baasRefresh, CommandIds.baasDeleteUser, CommandIds.baasApplyMigration, CommandIds.baasApplyMigrationClean,
  CommandIds.baasMenu, CommandIds.baasExplorerRequest,
];

/** Registers the BaaS commands, view and serializer; returns `baas()`, which loads the feature and gives its host. */
export function registerBaas(services: ExtensionServices): () => Promise<BaasHost> {
  const { context } = services;
  let feature: BaasFeature | undefined;
  const treeChanged = new vscode.EventEmitter<BaasNode | undefined>();
  const load = (): BaasFeature => {
    if (!feature) {
      feature = createBaasFeature(services, (state) => void setContext('serverlessLab.baasState', state));
      context.subscriptions.push(feature.tree.onDidChangeTreeData((n) => treeChanged.fire(n)));
      treeChanged.fire(undefined);
    }
    return feature;
  };
  void setContext('serverlessLab.baasState', vscode.workspace.isTrusted ? 'stopped' : 'untrusted');
  for (const id of BAAS_COMMANDS) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await load().command(id, args);
        } catch (err) {
          // A failed start has already told the learner what to do; anything else gets the usual short message.
          if (!(err as { reported?: boolean }).reported) reportError(`${id} failed`, err);
          return undefined;
        }
      }),
    );
  }
  // The view stays empty (showing its welcome content) until the feature is loaded by a command.
  const provider: vscode.TreeDataProvider<BaasNode> = {
    onDidChangeTreeData: treeChanged.event,
    getChildren: (node) => (feature ? feature.tree.getChildren(node) : []),
    getTreeItem: (node) => (feature as BaasFeature).tree.getTreeItem(node),
  };
  context.subscriptions.push(
    treeChanged,
    vscode.window.createTreeView('serverlessLab.baas', { treeDataProvider: provider, showCollapseAll: false }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      feature?.host.trustChanged();
      void setContext('serverlessLab.baasState', feature?.host.state ?? 'stopped');
    }),
    vscode.window.registerWebviewPanelSerializer(BAAS_EXPLORER_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => load().restorePanel(panel, state),
    }),
  );
  return async () => load().host;
}
