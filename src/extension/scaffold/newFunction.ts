// "Serverless Lab: New Function…": provider, language, trigger, name and target folder, then creates
// the handler, its test, sample events and a functions.json entry as ONE undoable workspace edit.
import * as path from 'path';
import * as vscode from 'vscode';
import { readWorkspaceText, uriExists } from '../uriExists';
import {
  addFunctionEntry, checkNewFunctionName, functionsFilePath, parseFunctionsFile, planScaffold, renderFunction, suggestFreeName,
  templateNameClash, triggersFor, validateFunctionName, type FunctionEntry, type LanguageId, type ProviderId, type RenderedFunction,
  type TemplateSource,
} from '../../core/scaffold';
import { getLogger } from '../log';
import { BACK, inputText, pickOne, runSteps } from './multiStep';

const log = getLogger('scaffold');

/** All answers, as collected by the wizard or passed as the command argument (tests, links). */
export interface NewFunctionArgs {
  provider: ProviderId;
  language: LanguageId;
  trigger: string;
  name: string;
  /** Target folder: a path or Uri; defaults to the only workspace folder. */
  folder?: string | vscode.Uri;
}

/** What the command returns: the files it created (or the conflicts that stopped it). */
export interface NewFunctionResult {
  created: vscode.Uri[];
  handler?: vscode.Uri;
  conflicts: string[];
}

/** Functions already in the folder's functions.json (empty when absent or unreadable). */
async function existingFunctions(folder: vscode.Uri): Promise<Record<string, FunctionEntry>> {
  const text = await readWorkspaceText(vscode.Uri.joinPath(folder, functionsFilePath));
  try {
    return text ? parseFunctionsFile(text).functions : {};
  } catch {
    return {};
  }
}

/** Checks that need no folder: the name's form and the template's own identifiers. */
function nameProblem(templates: TemplateSource, args: Omit<NewFunctionArgs, 'folder'>): string | undefined {
  return validateFunctionName(args.name, args.language) ?? templateNameClash(templates.manifest, templates.read, args);
}

/** Collects the answers through QuickPicks with Back navigation; undefined when cancelled. */
async function askAnswers(templates: TemplateSource, preset: Partial<NewFunctionArgs>): Promise<NewFunctionArgs | undefined> {
  const m = templates.manifest;
  const a: Partial<NewFunctionArgs> = { ...preset };
  const folders = vscode.workspace.workspaceFolders ?? [];
  const total = folders.length === 1 ? 4 : 5;
  const info = (step: number) => ({ title: 'Serverless Lab: New Function', step, totalSteps: total });
  const ok = await runSteps([
    async () => {
      const items = (Object.keys(m.providers) as ProviderId[]).filter((p) => m.triggers.some((t) => t.provider === p))
        .map((id) => ({ id, label: m.providers[id].label, detail: m.providers[id].description }));
      const r = await pickOne(info(1), items, 'Provider style', items.find((i) => i.id === a.provider));
      if (r === BACK || !r) return r ? 'back' : 'cancel';
      a.provider = r.id;
      return 'next';
    },
    async () => {
      const items = (Object.keys(m.languages) as LanguageId[]).filter((l) => triggersFor(m, a.provider!, l).length)
        .map((id) => ({ id, label: m.languages[id].label }));
      const r = await pickOne(info(2), items, 'Language', items.find((i) => i.id === a.language));
      if (r === BACK || !r) return r ? 'back' : 'cancel';
      a.language = r.id;
      return 'next';
    },
    async () => {
      const items = triggersFor(m, a.provider!, a.language!).map((t) => ({ id: t.id, label: t.label, description: t.detail }));
      const r = await pickOne(info(3), items, 'Trigger', items.find((i) => i.id === a.trigger));
      if (r === BACK || !r) return r ? 'back' : 'cancel';
      a.trigger = r.id;
      return 'next';
    },
    async () => {
      const suggestion = a.name ?? `${a.trigger!.replace(/-([a-z])/g, (_x, c: string) => c.toUpperCase())}Function`;
      const r = await inputText(info(4), 'Function name (letters, digits, "-" or "_"); it names the folder and the functions.json entry', suggestion, (v) => nameProblem(templates, { ...(a as NewFunctionArgs), name: v }));
      if (r === BACK || r === undefined) return r === BACK ? 'back' : 'cancel';
      a.name = r;
      return 'next';
    },
    async () => {
      if (folders.length === 1) {
        a.folder = folders[0].uri;
        return 'skip';
      }
      if (folders.length === 0) {
        const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Create Function Here', title: 'Serverless Lab: choose a folder for the function' });
        if (!picked?.length) return 'cancel';
        a.folder = picked[0];
        return 'next';
      }
      const items = folders.map((f) => ({ label: f.name, description: f.uri.fsPath, uri: f.uri }));
      const r = await pickOne(info(5), items, 'Workspace folder');
      if (r === BACK || !r) return r ? 'back' : 'cancel';
      a.folder = r.uri;
      return 'next';
    },
  ]);
  return ok ? (a as NewFunctionArgs) : undefined;
}

function folderUri(folder: string | vscode.Uri | undefined): vscode.Uri {
  if (folder instanceof vscode.Uri) return folder;
  if (typeof folder === 'string') return vscode.Uri.file(folder);
  const only = vscode.workspace.workspaceFolders;
  if (only?.length === 1) return only[0].uri;
  throw new Error('Pass a target folder: the workspace has no folder or several folders');
}

/** Finds conflicts for a name: existing files, or a clash with a function in functions.json (name, SAM logical ids). */
async function conflictsFor(templates: TemplateSource, args: NewFunctionArgs, folder: vscode.Uri): Promise<{ rendered: RenderedFunction; conflicts: string[] }> {
  const rendered = renderFunction(templates.manifest, templates.read, args);
  const plan = await planScaffold(rendered, (rel) => uriExists(vscode.Uri.joinPath(folder, rel)));
  const clash = checkNewFunctionName(templates.manifest, templates.read, args, await existingFunctions(folder));
  if (clash) plan.conflicts.push(clash);
  return { rendered, conflicts: plan.conflicts };
}

/** The command: asks (or takes `preset` answers), checks for conflicts, creates, opens the handler. */
export async function newFunction(templates: TemplateSource, preset?: Partial<NewFunctionArgs>): Promise<NewFunctionResult | undefined> {
  const complete = preset && preset.provider && preset.language && preset.trigger && preset.name;
  let args = complete ? (preset as NewFunctionArgs) : await askAnswers(templates, preset ?? {});
  if (!args) return undefined;
  const bad = nameProblem(templates, args);
  if (bad) throw new Error(bad);
  const folder = folderUri(args.folder);
  for (;;) {
    const { rendered, conflicts } = await conflictsFor(templates, args, folder);
    if (!conflicts.length) return create(rendered, folder);
    if (complete) return { created: [], conflicts }; // scripted use: report, never overwrite
    // Offer a free name, another name, or cancel; the existing files are never touched.
    const free = await suggestFreeName(args.name, async (n) => !(await conflictsFor(templates, { ...args!, name: n }, folder)).conflicts.length);
    const useFree = free ? `Use "${free}"` : undefined;
    const choice = await vscode.window.showWarningMessage(
      `Cannot create "${args.name}": ${conflicts.join('; ')}. Nothing was overwritten.`,
      { modal: true },
      ...[useFree, 'Enter Another Name…'].filter((x): x is string => Boolean(x)),
    );
    if (choice === useFree && free) args = { ...args, name: free };
    else if (choice === 'Enter Another Name…') {
      const name = await vscode.window.showInputBox({ title: 'Serverless Lab: New Function', prompt: 'Function name', value: free ?? args.name, validateInput: (v) => nameProblem(templates, { ...args!, name: v }) });
      if (!name) return undefined;
      args = { ...args, name };
    } else return undefined;
  }
}

/** Creates every file in one WorkspaceEdit (one Undo), merges functions.json, opens the handler. */
async function create(rendered: RenderedFunction, folder: vscode.Uri): Promise<NewFunctionResult> {
  const edit = new vscode.WorkspaceEdit();
  const meta = { label: `New function ${path.posix.basename(rendered.functionDir)}`, needsConfirmation: false };
  const created: vscode.Uri[] = [];
  const encoder = new TextEncoder();
  for (const f of rendered.files) {
    const uri = vscode.Uri.joinPath(folder, f.path);
    edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: encoder.encode(f.content) }, meta);
    created.push(uri);
  }
  const functionsUri = vscode.Uri.joinPath(folder, functionsFilePath);
  const name = path.posix.basename(rendered.functionDir);
  const current = await readWorkspaceText(functionsUri);
  const merged = addFunctionEntry(current, name, rendered.entry);
  let functionsDoc: vscode.TextDocument | undefined;
  if (current === undefined) {
    edit.createFile(functionsUri, { overwrite: false, contents: encoder.encode(merged) }, meta);
    created.push(functionsUri);
  } else {
    functionsDoc = await vscode.workspace.openTextDocument(functionsUri);
    edit.replace(functionsUri, new vscode.Range(functionsDoc.positionAt(0), functionsDoc.positionAt(functionsDoc.getText().length)), merged, meta);
  }
  if (!(await vscode.workspace.applyEdit(edit, { isRefactoring: false }))) throw new Error('VS Code refused the edit; no files were created');
  await functionsDoc?.save();
  log.info(`created ${name}: ${created.map((u) => vscode.workspace.asRelativePath(u)).join(', ')}${functionsDoc ? ` (+ entry in ${functionsFilePath})` : ''}`);
  const handler = vscode.Uri.joinPath(folder, rendered.cursor.path);
  const editor = await vscode.window.showTextDocument(handler, { preview: false });
  const at = new vscode.Position(rendered.cursor.line, rendered.cursor.character);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  void offerNextSteps(rendered, folder, name);
  return { created, handler, conflicts: [] };
}

/** Tells what was created; for TypeScript without its type packages installed, offers to install them. */
async function offerNextSteps(rendered: RenderedFunction, folder: vscode.Uri, name: string): Promise<void> {
  const missing: string[] = [];
  for (const pkg of rendered.typePackages) {
    if (!(await uriExists(vscode.Uri.joinPath(folder, 'node_modules', pkg, 'package.json')))) missing.push(pkg);
  }
  const install = 'Install Type Packages';
  const files = rendered.files.map((f) => f.path.split('/').slice(-2).join('/')).join(', ');
  // A function with rules (the BaaS triggers) runs on its own: say when, and where the rule is to edit.
  const fires = rendered.entry.events ? ` It runs when a matching event happens (its rule is "events" in ${functionsFilePath}; BaaS events need the BaaS started).` : '';
  const message = `Created ${name} in one undoable edit: ${files}, and an entry in ${functionsFilePath}. Run its test: ${rendered.testCommand.join(' ')} (in ${rendered.functionDir}).${fires}`
    + (missing.length ? ` The editor needs ${missing.join(', ')} to type-check it.` : '');
  const choice = await vscode.window.showInformationMessage(message, ...(missing.length ? [install] : []));
  if (choice !== install) return;
  // A visible terminal, so the learner sees exactly what runs (and any npm error).
  const terminal = vscode.window.createTerminal({ name: 'Serverless Lab: npm', cwd: folder });
  terminal.show();
  terminal.sendText(`npm install --save-dev ${missing.join(' ')}`);
}
