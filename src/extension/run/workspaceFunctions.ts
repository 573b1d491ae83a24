// Reads the workspace's function configuration (.serverless-lab/functions.json) and reports its
// problems as diagnostics on the exact lines; resolves a handler to the invoker's FunctionConfig.
import * as vscode from 'vscode';
import { FUNCTIONS_FILE, listedHandlerNames, parseFunctionsFile, resolveFunction, type FunctionEntry, type PositionedProblem, type ResolvedFunction } from '../../core/run/functionConfig';
import { getLogger } from '../log';
import { readWorkspaceTemplates, type LocatedSamFunction } from './samFunctions';

const log = getLogger('run');

/** Converts positioned problems to VS Code diagnostics. */
export function toDiagnostics(problems: readonly PositionedProblem[], source = 'Serverless Lab'): vscode.Diagnostic[] {
  return problems.map((p) => {
    const start = new vscode.Position(p.line, p.character);
    const d = new vscode.Diagnostic(new vscode.Range(start, start.translate(0, p.length)), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
    d.source = source;
    return d;
  });
}

/** Per-folder cache of functions.json entries, refreshed on save/create/delete. */
export class WorkspaceFunctions implements vscode.Disposable {
  private readonly entries = new Map<string, FunctionEntry[]>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after functions.json changed (CodeLens refreshes on it). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly diagnostics: vscode.DiagnosticCollection) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${FUNCTIONS_FILE}`);
    const reload = (uri: vscode.Uri): void => void this.load(uri);
    this.disposables.push(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete((uri) => {
      this.diagnostics.delete(uri);
      this.entries.clear();
      this.changed.fire();
    }), this.changed);
    const templates = vscode.workspace.createFileSystemWatcher('**/template.{yaml,yml}');
    const forgetSam = (): void => this.changed.fire();
    this.disposables.push(templates, templates.onDidChange(forgetSam), templates.onDidCreate(forgetSam), templates.onDidDelete((uri) => {
      this.diagnostics.delete(uri);
      forgetSam();
    }));
  }

  /** Functions declared in the workspace's SAM templates, read fresh each time (a few ms; never stale). */
  samFunctions(): Promise<LocatedSamFunction[]> {
    return readWorkspaceTemplates(this.diagnostics).catch((err) => {
      log.warn(`reading SAM templates failed: ${String(err)}`);
      return [];
    });
  }

  private async load(uri: vscode.Uri): Promise<FunctionEntry[]> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const key = folder?.uri.toString() ?? '';
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      this.entries.set(key, []);
      this.diagnostics.delete(uri);
      return [];
    }
    const { entries, problems } = parseFunctionsFile(text);
    this.diagnostics.set(uri, toDiagnostics(problems));
    if (problems.length) log.warn(`${uri.fsPath}: ${problems.length} problem(s) in function configuration`);
    this.entries.set(key, entries);
    this.changed.fire();
    return entries;
  }

  /** Entries of a folder's functions.json (read on first use). */
  async entriesFor(folder: vscode.WorkspaceFolder | undefined): Promise<FunctionEntry[]> {
    if (!folder) return [];
    const cached = this.entries.get(folder.uri.toString());
    if (cached) return cached;
    return this.load(vscode.Uri.joinPath(folder.uri, FUNCTIONS_FILE));
  }

  /** Resolves the configuration for a handler in a file. */
  async resolve(file: vscode.Uri, handlerName: string): Promise<ResolvedFunction> {
    const folder = vscode.workspace.getWorkspaceFolder(file);
    const entries = await this.entriesFor(folder);
    return resolveFunction(file.fsPath, handlerName, folder?.uri.fsPath, entries, await this.samFunctions());
  }

  /** Names that functions.json or a SAM template lists for this file (CodeLens shows them whatever their name). */
  async listedNames(file: vscode.Uri): Promise<string[]> {
    const folder = vscode.workspace.getWorkspaceFolder(file);
    return listedHandlerNames(file.fsPath, folder?.uri.fsPath, await this.entriesFor(folder), await this.samFunctions());
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
