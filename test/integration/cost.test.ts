import * as assert from 'assert';
import * as vscode from 'vscode';
import { estimateCost, type CostModel } from '../../src/core/cost';
import { waitFor } from '../helpers/waitFor';

const measured = { durationsMs: [40, 45, 50, 180], maxMemoryUsedMb: 70, memoryMb: 256, coldFraction: 0.25, initMs: 150, functionName: 'itCostFn' };

function costTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('serverlessLab.cost'));
}

describe('cost panel', () => {
  afterEach(async () => {
    await vscode.window.tabGroups.close(costTabs());
  });

  it('opens from measured runs and the host computes all three totals', async () => {
    const model = await vscode.commands.executeCommand<CostModel | undefined>('serverlessLab.openCost', measured);
    assert.ok(model, 'the command returns the computed model');
    const tab = await waitFor(() => costTabs()[0], 'the Cost tab');
    assert.strictEqual(tab.label, 'Cost: itCostFn');
    assert.strictEqual(costTabs().length, 1, 'one Cost tab is open');
    // The host's totals are the pure calculator's, from the measured samples at the measured memory.
    const expectedAws = estimateCost({ provider: 'aws', memoryMb: 256, durationMs: measured.durationsMs, invocations: model.scenario.invocations, coldFraction: 0.25, initMs: 150 }).total;
    assert.strictEqual(model.providers.aws.total, expectedAws);
    assert.ok(model.providers.azure.total >= 0 && model.providers.gcp.total >= 0);
    assert.strictEqual(model.providers.azure.billing.billedMemoryMb, 128, 'Azure Consumption bills the 70 MB peak as 128 MB');
    assert.strictEqual(model.stats.medianMs, 45);
  });

  it('reuses the one panel and re-prices when opened again with other runs', async () => {
    await vscode.commands.executeCommand('serverlessLab.openCost', measured);
    const again = await vscode.commands.executeCommand<CostModel | undefined>('serverlessLab.openCost', { ...measured, durationsMs: [1000], functionName: 'slower' });
    assert.ok(again);
    await waitFor(() => costTabs()[0]?.label === 'Cost: slower', 'the tab to show the new function');
    assert.strictEqual(costTabs().length, 1);
    assert.strictEqual(again.stats.medianMs, 1000);
    assert.ok(again.providers.aws.items.compute > 0);
  });

  it('refuses a malformed argument without opening a panel', async () => {
    const result = await vscode.commands.executeCommand('serverlessLab.openCost', { durationsMs: 'fast' });
    assert.strictEqual(result, undefined);
    // Tab changes arrive in order: once an editor opened afterwards shows its tab, a panel opened by the
    // refused call would already be listed.
    const later = vscode.Uri.file(__filename);
    await vscode.window.showTextDocument(later, { preview: true });
    const laterTab = await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === later.toString()), 'an editor opened afterwards');
    assert.strictEqual(costTabs().length, 0);
    await vscode.window.tabGroups.close(laterTab);
  });
});
