// "Serverless Lab: Export to AWS SAM": writes or merges template.yaml from .serverless-lab/functions.json.
// Asks before touching an existing template; existing resources are never changed.
import * as vscode from 'vscode';
import { exportSam } from '../../core/sam';
import { functionsFilePath, parseFunctionsFile } from '../../core/scaffold';
import { getLogger } from '../log';
import { readWorkspaceText } from '../uriExists';

const log = getLogger('sam');

/** Optional argument (tests): the folder, and `confirmMerge` to skip the merge question. */
export interface ExportSamArgs {
  folder?: string | vscode.Uri;
  confirmMerge?: boolean;
}

/** What the command returns. */
export interface ExportSamResult {
  template: vscode.Uri;
  added: string[];
  skipped: { name: string; reason: string }[];
}

async function pickFolder(arg?: string | vscode.Uri): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string') return vscode.Uri.file(arg);
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0].uri;
  if (!folders.length) throw new Error('Open a folder with .serverless-lab/functions.json first (New Function… creates one)');
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Export which folder to AWS SAM?' }))?.uri;
}

/** Runs the export; undefined when the user cancelled. */
export async function exportToSam(args: ExportSamArgs = {}): Promise<ExportSamResult | undefined> {
  const folder = await pickFolder(args.folder);
  if (!folder) return undefined;
  const functionsText = await readWorkspaceText(vscode.Uri.joinPath(folder, functionsFilePath));
  if (functionsText === undefined) throw new Error(`No ${functionsFilePath} in ${folder.fsPath}: create a function with "Serverless Lab: New Function…" first`);
  const { functions } = parseFunctionsFile(functionsText, vscode.Uri.joinPath(folder, functionsFilePath).fsPath);
  if (!Object.keys(functions).length) throw new Error(`${functionsFilePath} has no functions to export`);
  const template = vscode.Uri.joinPath(folder, 'template.yaml');
  const existing = await readWorkspaceText(template);
  if (existing !== undefined && !args.confirmMerge) {
    const merge = 'Merge';
    const answer = await vscode.window.showWarningMessage(
      'template.yaml already exists. Merge the functions into it? Only new resources are added; nothing already in it is changed.',
      { modal: true },
      merge,
    );
    if (answer !== merge) return undefined;
  }
  const result = exportSam(functions, existing);
  if (!result.added.length) {
    void vscode.window.showWarningMessage(`Nothing exported: ${result.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
    return { template, added: [], skipped: result.skipped };
  }
  const edit = new vscode.WorkspaceEdit();
  if (existing === undefined) edit.createFile(template, { overwrite: false, contents: new TextEncoder().encode(result.text) });
  else {
    const doc = await vscode.workspace.openTextDocument(template);
    edit.replace(template, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), result.text);
  }
  // Files sam build needs (a TypeScript function's package.json) are created only when missing.
  const warnings: string[] = [];
  for (const f of result.files) {
    const uri = vscode.Uri.joinPath(folder, f.path);
    const current = await readWorkspaceText(uri);
    if (current === undefined) edit.createFile(uri, { overwrite: false, ignoreIfExists: true, contents: new TextEncoder().encode(f.content) });
    else {
      const problem = f.check(current);
      if (problem) warnings.push(problem);
    }
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code refused the edit; template.yaml was not written');
  if (existing !== undefined) await (await vscode.workspace.openTextDocument(template)).save();
  log.info(`exported ${result.added.join(', ')} to ${template.fsPath}; skipped: ${JSON.stringify(result.skipped)}`);
  await vscode.window.showTextDocument(template, { preview: false });
  const skipped = result.skipped.length ? ` Skipped: ${result.skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}.` : '';
  void vscode.window.showInformationMessage(`Exported ${result.added.length} function(s) to template.yaml. Deploy with "sam build && sam deploy --guided".${skipped}`);
  for (const w of warnings) {
    log.warn(w);
    void vscode.window.showWarningMessage(w);
  }
  return { template, added: result.added, skipped: result.skipped };
}
