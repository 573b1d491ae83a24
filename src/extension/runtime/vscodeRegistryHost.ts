// The function registry's host inside VS Code: reads through vscode.workspace.fs (so remote and
// virtual file systems work) and finds templates with findFiles. No stamps: RuntimeHost's file
// watchers tell the registry when functions.json or a template changes.
import * as vscode from 'vscode';
import type { RegistryHost } from '../../core/functions/registry';

/** Template search bounds, as before: at most 20, dependencies and build output skipped. */
const TEMPLATE_EXCLUDE = '{**/node_modules/**,**/.aws-sam/**,**/.venv/**}';
const MAX_TEMPLATES = 20;

/** A RegistryHost over the workspace file system. */
export function vscodeRegistryHost(): RegistryHost {
  return {
    readFile: async (file) => {
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(file)));
      } catch {
        return undefined;
      }
    },
    exists: async (file) => {
      try {
        return (await vscode.workspace.fs.stat(vscode.Uri.file(file))).type === vscode.FileType.File;
      } catch {
        return false;
      }
    },
    findTemplates: async (root) => {
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(vscode.Uri.file(root), '**/template.{yaml,yml}'), TEMPLATE_EXCLUDE, MAX_TEMPLATES);
      return found.map((u) => u.fsPath);
    },
  };
}
