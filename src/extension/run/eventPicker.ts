// The event picker: built-in sample events (by trigger) plus the workspace's saved events in
// .serverless-lab/events/<function>/*.json (JSONC). A malformed saved event becomes a diagnostic
// at its line and column, and the invocation does not happen.
import * as vscode from 'vscode';
import { uriExists } from '../uriExists';
import { generateEvent, listEvents } from '../../core/sampleEvents';
import { eventFileName, eventsFolder, parseEventText } from '../../core/run/eventFile';
import { toDiagnostics } from './workspaceFunctions';

/** A chosen event and a short label for the history. */
export interface ChosenEvent {
  event: unknown;
  label: string;
}

/** Reads and parses a saved event; on a syntax error sets diagnostics and returns undefined. */
export async function readEventFile(uri: vscode.Uri, diagnostics: vscode.DiagnosticCollection): Promise<ChosenEvent | undefined> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const parsed = parseEventText(text);
  if (!parsed.ok) {
    diagnostics.set(uri, toDiagnostics(parsed.problems));
    const first = parsed.problems[0];
    const name = vscode.workspace.asRelativePath(uri);
    void vscode.window.showErrorMessage(`Serverless Lab: ${name}:${first.line + 1}:${first.character + 1}: ${first.message} Not invoked: fix the event and try again.`, 'Open Event').then((pick) => {
      if (pick) void vscode.window.showTextDocument(uri, { selection: new vscode.Range(first.line, first.character, first.line, first.character + first.length) });
    });
    return undefined;
  }
  diagnostics.delete(uri);
  return { event: parsed.event, label: `saved: ${uri.path.split('/').pop()}` };
}

/** Saved event files for a function. */
export async function savedEvents(folder: vscode.WorkspaceFolder | undefined, functionName: string): Promise<vscode.Uri[]> {
  if (!folder) return [];
  const dir = vscode.Uri.joinPath(folder.uri, eventsFolder(functionName));
  try {
    const entries = await vscode.workspace.fs.readDirectory(dir);
    return entries.filter(([n, t]) => t === vscode.FileType.File && n.endsWith('.json')).map(([n]) => vscode.Uri.joinPath(dir, n)).sort((a, b) => a.path.localeCompare(b.path));
  } catch {
    return [];
  }
}

interface EventPick extends vscode.QuickPickItem {
  saved?: vscode.Uri;
  sampleId?: string;
  empty?: boolean;
}

/** Shows the picker; resolves undefined when cancelled or when the chosen file is malformed. */
export async function pickEvent(
  folder: vscode.WorkspaceFolder | undefined,
  functionName: string,
  defaultTrigger: string | undefined,
  diagnostics: vscode.DiagnosticCollection,
): Promise<ChosenEvent | undefined> {
  const items: EventPick[] = [];
  const saved = await savedEvents(folder, functionName);
  if (saved.length) {
    items.push({ label: 'Saved events', kind: vscode.QuickPickItemKind.Separator });
    for (const uri of saved) items.push({ label: `$(file) ${uri.path.split('/').pop()}`, description: vscode.workspace.asRelativePath(uri), saved: uri });
  }
  items.push({ label: 'Sample events', kind: vscode.QuickPickItemKind.Separator });
  const samples = listEvents().sort((a, b) => Number(b.id === defaultTrigger) - Number(a.id === defaultTrigger));
  for (const s of samples) items.push({ label: `$(zap) ${s.label}`, description: s.id === defaultTrigger ? `${s.id} (configured trigger)` : s.id, detail: s.source, sampleId: s.id });
  items.push({ label: '$(symbol-namespace) Empty object {}', empty: true });
  const pick = await vscode.window.showQuickPick(items, { title: `Event for ${functionName}`, placeHolder: 'Choose a saved event or a sample event', matchOnDescription: true });
  if (!pick) return undefined;
  if (pick.saved) return readEventFile(pick.saved, diagnostics);
  if (pick.sampleId) return { event: generateEvent(pick.sampleId), label: `${pick.sampleId} sample` };
  return { event: {}, label: '{}' };
}

/** Saves an event as `.serverless-lab/events/<function>/<name>.json`, asking before overwriting. */
export async function saveTestEvent(folder: vscode.WorkspaceFolder, functionName: string, event: unknown): Promise<vscode.Uri | undefined> {
  const name = await vscode.window.showInputBox({ title: `Save test event for ${functionName}`, prompt: 'Name of the event file', value: 'my-event', validateInput: (v) => (v.trim() ? undefined : 'Enter a name') });
  if (!name) return undefined;
  const uri = vscode.Uri.joinPath(folder.uri, eventsFolder(functionName), eventFileName(name));
  if (await uriExists(uri)) {
    const answer = await vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(uri)} exists. Overwrite it?`, { modal: true }, 'Overwrite');
    if (answer !== 'Overwrite') return undefined;
  }
  const header = `// Test event for ${functionName}. Comments are allowed (JSONC).\n`;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(header + JSON.stringify(event, null, 2) + '\n'));
  return uri;
}
