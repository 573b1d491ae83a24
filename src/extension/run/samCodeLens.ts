// CodeLens in SAM templates: above each AWS::Serverless::Function whose handler file exists, the
// same run actions as above a handler in code.
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { InvokeMode } from './codeLens';
import { readTemplate } from './samFunctions';

/** Selector for SAM templates. */
export const SAM_SELECTOR: vscode.DocumentSelector = [{ scheme: 'file', pattern: '**/template.{yaml,yml}' }];

/** Provides run lenses on SAM function resources. */
export class SamCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly enabled: () => boolean, private readonly diagnostics: vscode.DiagnosticCollection) {}

  /** Asks VS Code to re-query the lenses. */
  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!this.enabled()) return [];
    const functions = await readTemplate(document.uri, document.getText(), this.diagnostics);
    return functions.flatMap((fn) => {
      const file = vscode.Uri.file(fn.handlerFile);
      if (!vscode.workspace.isTrusted) {
        return [new vscode.CodeLens(fn.lensRange, { title: '$(shield) Running is disabled in Restricted Mode', command: 'workbench.trust.manage' })];
      }
      const lens = (title: string, mode: InvokeMode): vscode.CodeLens =>
        new vscode.CodeLens(fn.lensRange, { title, tooltip: `${fn.name}: ${vscode.workspace.asRelativePath(file)} → ${fn.handlerName}`, command: CommandIds.invokeHandler, arguments: [file, fn.handlerName, { mode, template: document.uri }] });
      return [lens('▶ Invoke', 'invoke'), lens('Invoke with event…', 'withEvent'), lens('Invoke cold', 'cold'), lens('Debug', 'debug')];
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
