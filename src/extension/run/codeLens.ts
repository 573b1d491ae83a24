// CodeLens above every detected handler: "▶ Invoke", "Invoke with event…", "Invoke cold", "Debug".
// Detection is the pure scanner in core/run; in Restricted Mode one lens explains why running is off.
import * as vscode from 'vscode';
import { detectHandlers, languageOf, type DetectionOptions } from '../../core/run/handlerDetection';
import { CommandIds } from '../commandIds';

/** How a CodeLens (or command) wants to invoke. */
export type InvokeMode = 'invoke' | 'withEvent' | 'cold' | 'debug';

/** Document selector for handler files. */
export const HANDLER_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'javascript' },
  { scheme: 'file', language: 'typescript' },
  { scheme: 'file', language: 'javascriptreact' },
  { scheme: 'file', language: 'typescriptreact' },
  { scheme: 'file', language: 'python' },
];

/** Provides the run lenses; refreshes when settings, trust or function configuration change. */
export class HandlerCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly enabled: () => boolean,
    /** Detection options for a file: configured extra names and the names functions.json / SAM list for it. */
    private readonly detectionOptions: (uri: vscode.Uri) => Promise<DetectionOptions>,
  ) {}

  /** Asks VS Code to re-query the lenses. */
  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!this.enabled()) return [];
    const language = languageOf(document.languageId) ?? languageOf(document.fileName);
    if (!language) return [];
    const handlers = detectHandlers(document.getText(), language, await this.detectionOptions(document.uri));
    const lenses: vscode.CodeLens[] = [];
    for (const h of handlers) {
      const range = new vscode.Range(h.line, h.character, h.line, h.character + h.handlerName.length);
      if (!vscode.workspace.isTrusted) {
        lenses.push(new vscode.CodeLens(range, { title: '$(shield) Running is disabled in Restricted Mode', tooltip: 'Invoking runs code from this workspace. Trust the workspace to enable it.', command: 'workbench.trust.manage' }));
        continue;
      }
      const args = (mode: InvokeMode): unknown[] => [document.uri, h.handlerName, { mode }];
      lenses.push(
        new vscode.CodeLens(range, { title: '▶ Invoke', tooltip: `Invoke ${h.handlerName} with the last or default event`, command: CommandIds.invokeHandler, arguments: args('invoke') }),
        new vscode.CodeLens(range, { title: 'Invoke with event…', tooltip: 'Choose a sample or saved event', command: CommandIds.invokeHandler, arguments: args('withEvent') }),
        new vscode.CodeLens(range, { title: 'Invoke cold', tooltip: 'Start a fresh sandbox even if a warm one is idle', command: CommandIds.invokeHandler, arguments: args('cold') }),
        new vscode.CodeLens(range, {
          title: 'Debug',
          tooltip: h.language === 'python' ? 'Python debugging is not available yet: runs without a debugger' : 'Invoke with the Node inspector and attach the debugger',
          command: CommandIds.invokeHandler,
          arguments: args('debug'),
        }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
