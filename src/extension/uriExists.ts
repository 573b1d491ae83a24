import * as vscode from 'vscode';

/** Whether a file or folder exists, through the workspace file system (works for remote and virtual folders). */
export async function uriExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
