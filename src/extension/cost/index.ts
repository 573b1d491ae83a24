// Cost feature glue: the "Estimate Cost…" command and the panel serializer.
import * as vscode from 'vscode';
import { COST_VIEW_TYPE, migrateCostState, parseOpenCostArgs } from '../../shared/costProtocol';
import { registerSafeCommand } from '../commandBoundary';
import { CommandIds } from '../commandIds';
import type { ExtensionServices } from '../services';
import { CostPanelManager } from './costPanel';

/**
 * Registers `serverlessLab.openCost` (optional argument: OpenCostArgs from src/shared/costProtocol;
 * returns the computed CostModel) and restores the Cost panel after a reload.
 */
export function registerCost(services: ExtensionServices): void {
  const { context } = services;
  const manager = new CostPanelManager(context.extensionUri, context.globalState);
  context.subscriptions.push(manager);
  registerSafeCommand(context, CommandIds.openCost, (raw?: unknown) => {
    if (raw === undefined || raw === null || raw instanceof vscode.Uri) return manager.open();
    const args = parseOpenCostArgs(raw);
    if (!args) throw new Error('Estimate Cost needs at least one measured duration: { durationsMs: number[] (non-empty, ms), memoryMb: number, maxMemoryUsedMb?, coldFraction?, initMs?, functionName? }. Invoke the function first.');
    return manager.open(args);
  });
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(COST_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => manager.restore(panel, migrateCostState(state)?.scenario),
    }),
  );
}
