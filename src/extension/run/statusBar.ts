// Status bar item with the number of running sandboxes; clicking opens a small menu.
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';

/** Creates the sandbox-count item; `count` is read on every change event. */
export function createSandboxStatusItem(onDidChange: vscode.Event<number>, count: () => number): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('serverlessLab.sandboxes', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Serverless Lab Sandboxes';
  item.command = CommandIds.runMenu;
  const update = (n: number): void => {
    item.text = `$(server-process) ${n}`;
    item.tooltip = `Serverless Lab: ${n} running sandbox${n === 1 ? '' : 'es'}. Click for options.`;
    item.accessibilityInformation = { label: `Serverless Lab: ${n} running sandboxes`, role: 'button' };
    item.show();
  };
  if (count() > 0) update(count());
  const sub = onDidChange(update);
  return vscode.Disposable.from(item, sub);
}

/** The status bar menu. */
export async function showRunMenu(count: number): Promise<void> {
  const items: (vscode.QuickPickItem & { command: string })[] = [
    { label: '$(debug-stop) Stop All Sandboxes', description: `${count} running`, command: CommandIds.stopAllSandboxes },
    { label: '$(play-circle) Show Invocations', command: CommandIds.showInvocations },
    { label: '$(debug-rerun) Invoke Last Again', command: CommandIds.invokeLast },
    { label: '$(pulse) Run Load…', command: CommandIds.runLoad },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'Serverless Lab sandboxes' });
  if (pick) await vscode.commands.executeCommand(pick.command);
}
