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

/**
 * A workspace file's text as the learner sees it: an open document's unsaved edits win, otherwise the file on
 * disk decides (undefined when it does not exist). A closed editor's document can outlive its file, so an open
 * but saved document is not taken as proof that the file still exists.
 */
export async function readWorkspaceText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
