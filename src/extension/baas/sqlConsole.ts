// The SQL console: any .sql editor runs against the BaaS (Run lens, Ctrl/Cmd+Enter, "Run SQL…"), as the
// acting-as caller; results go to the explorer's SQL tab and Postgres errors become diagnostics at their position.
// Files in supabase/migrations/ also get "Apply" and "Apply to a clean database".
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatSqlError } from '../../core/baas/db/errors';
import { DatabaseError } from '../../core/baas/db/types';
import { applyMigrationFile, applyToCleanDatabase } from '../../core/baas/explorer/migrationActions';
import { runSql, sqlErrorLocation } from '../../core/baas/explorer/sqlRun';
import type { SqlConsoleResult } from '../../shared/baasExplorerProtocol';
import { CommandIds } from '../commandIds';
import type { ExplorerPanelManager } from './explorerPanel';
import type { BaasHost } from './host';

const HISTORY_KEY = 'serverlessLab.baas.sqlHistory';
const HISTORY_SIZE = 50;

/** One past console run. */
interface HistoryItem {
  sql: string;
  at: number;
  actingLabel: string;
  ok: boolean;
}

/** True for a `.sql` file inside a `supabase/migrations` folder. */
export function isMigrationFile(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && /[\\/]supabase[\\/]migrations[\\/][^\\/]+\.sql$/i.test(uri.fsPath);
}

/** Runs SQL from editors and keeps the console's diagnostics and history. */
export class SqlConsole implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('serverlessLab.baasSql');
  private readonly lensChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensChanged.event;
  private readonly subs: vscode.Disposable[];

  constructor(private readonly host: BaasHost, private readonly panel: ExplorerPanelManager, private readonly memento: vscode.Memento, private readonly ensureRunning: () => Promise<unknown>) {
    this.subs = [
      host.onDidChange(() => this.lensChanged.fire()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.diagnostics.has(e.document.uri) && e.contentChanges.length) this.diagnostics.delete(e.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.diagnostics.delete(d.uri)),
    ];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses = [
      new vscode.CodeLens(top, { title: `$(play) Run as ${this.host.actingLabel}`, command: CommandIds.baasRunSql, arguments: [document.uri] }),
      new vscode.CodeLens(top, { title: 'Act as…', command: CommandIds.baasImpersonate }),
    ];
    if (isMigrationFile(document.uri)) {
      lenses.push(
        new vscode.CodeLens(top, { title: 'Apply', tooltip: 'Apply this migration to the running BaaS and record it, as the Supabase CLI does', command: CommandIds.baasApplyMigration, arguments: [document.uri] }),
        new vscode.CodeLens(top, { title: 'Apply to a clean database', tooltip: 'Replay every migration up to this one on a throwaway database: proves it works from scratch', command: CommandIds.baasApplyMigrationClean, arguments: [document.uri] }),
      );
    }
    return lenses;
  }

  /** "Run SQL…": runs the active .sql editor (its selection, or all of it), or opens a new console document. */
  async run(target?: vscode.Uri): Promise<SqlConsoleResult | undefined> {
    const editor = target ? vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target.toString()) : vscode.window.activeTextEditor;
    const document = editor?.document ?? (target ? await vscode.workspace.openTextDocument(target) : undefined);
    if (!document || document.languageId !== 'sql') {
      const doc = await vscode.workspace.openTextDocument({
        language: 'sql',
        content: `-- SQL console: runs against the local BaaS as ${this.host.actingLabel}.\n-- Run with the lens above or Ctrl+Enter (Cmd+Enter); select text to run only that.\nselect * from auth.users limit 10;\n`,
      });
      await vscode.window.showTextDocument(doc);
      return undefined;
    }
    const selection = editor && !editor.selection.isEmpty ? editor.selection : undefined;
    const sql = document.getText(selection);
    const origin = selection ? document.offsetAt(selection.start) : 0;
    return this.execute(document, sql, origin);
  }

  /** Runs `sql` (found at `origin` in `document`) as the acting-as caller; a Postgres error becomes a diagnostic. */
  async execute(document: vscode.TextDocument, sql: string, origin = 0): Promise<SqlConsoleResult> {
    await this.ensureRunning();
    const baas = this.host.require();
    this.diagnostics.delete(document.uri);
    const actor = this.host.actingAs;
    const label = this.host.actingLabel;
    let outcome: SqlConsoleResult;
    try {
      const result = await runSql(baas.db, sql, actor.kind === 'service' ? undefined : this.host.claims());
      outcome = { sql, actingLabel: label, result };
      this.host.touched();
    } catch (err) {
      outcome = { sql, actingLabel: label, error: err instanceof DatabaseError ? formatSqlError(err, sql) : err instanceof Error ? err.message : String(err) };
      this.placeError(document, sql, origin, err);
    }
    await this.remember({ sql, at: Date.now(), actingLabel: label, ok: !outcome.error });
    this.panel.showSqlResult(outcome);
    return outcome;
  }

  private placeError(document: vscode.TextDocument, sql: string, origin: number, err: unknown): void {
    const at = sqlErrorLocation(sql, err);
    const start = document.positionAt(origin + (at ? sql.split('\n').slice(0, at.line).reduce((n, l) => n + l.length + 1, 0) + at.column : 0));
    const wordEnd = document.getWordRangeAtPosition(start)?.end ?? start.translate(0, 1);
    const diagnostic = new vscode.Diagnostic(new vscode.Range(start, at ? wordEnd : document.lineAt(start.line).range.end), err instanceof Error ? err.message : String(err), vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'Postgres';
    if (err instanceof DatabaseError && err.code) diagnostic.code = err.code;
    this.diagnostics.set(document.uri, [diagnostic]);
  }

  /** The past runs, newest first. */
  history(): HistoryItem[] {
    return this.memento.get<HistoryItem[]>(HISTORY_KEY, []);
  }

  private async remember(item: HistoryItem): Promise<void> {
    const items = [item, ...this.history().filter((h) => h.sql !== item.sql)].slice(0, HISTORY_SIZE);
    await this.memento.update(HISTORY_KEY, items);
  }

  /** "SQL History…": pick a past run and reopen it as a console document. */
  async pickHistory(): Promise<void> {
    const items = this.history().map((h) => ({ label: `${h.ok ? '$(check)' : '$(error)'} ${h.sql.replace(/\s+/g, ' ').trim().slice(0, 80)}`, description: `${new Date(h.at).toLocaleString()} · ${h.actingLabel}`, sql: h.sql }));
    if (!items.length) {
      void vscode.window.showInformationMessage('No SQL has been run yet. Run SQL… opens a console.');
      return;
    }
    const pick = await vscode.window.showQuickPick(items, { title: 'SQL history', matchOnDescription: true });
    if (pick) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'sql', content: pick.sql }));
  }

  /** The "Apply" lens: runs one migration file on the running database and records it. */
  async applyMigration(uri: vscode.Uri): Promise<void> {
    await this.ensureRunning();
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.isDirty) await document.save();
    this.diagnostics.delete(uri);
    try {
      const applied = await applyMigrationFile(this.host.require().db, uri.fsPath);
      this.host.touched();
      void vscode.window.showInformationMessage(applied ? `Applied ${path.basename(uri.fsPath)} and recorded it in supabase_migrations.schema_migrations.` : `${path.basename(uri.fsPath)} is already applied (it is recorded in supabase_migrations.schema_migrations). Reset BaaS Data to replay every migration.`);
    } catch (err) {
      this.placeError(document, document.getText(), 0, err);
      throw new Error(`${path.basename(uri.fsPath)} failed: ${err instanceof Error ? err.message : String(err)} (see the Problems view).`);
    }
  }

  /** The "Apply to a clean database" lens: replays the folder up to this file on a throwaway database. */
  async applyClean(uri: vscode.Uri): Promise<void> {
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Applying migrations up to ${path.basename(uri.fsPath)} on a clean database…` }, () => applyToCleanDatabase(uri.fsPath));
    if (!outcome.failed) {
      void vscode.window.showInformationMessage(`All ${outcome.applied.length} migration(s) up to ${path.basename(uri.fsPath)} apply cleanly to a new database.`);
      return;
    }
    const failedUri = vscode.Uri.file(outcome.failed.file);
    const document = await vscode.workspace.openTextDocument(failedUri);
    this.placeError(document, outcome.failed.sql, 0, outcome.failed.error);
    const message = outcome.failed.error instanceof Error ? outcome.failed.error.message : String(outcome.failed.error);
    void vscode.window.showErrorMessage(`${path.basename(outcome.failed.file)} fails on a clean database (after ${outcome.applied.length} earlier file(s)): ${message}`, 'Open File').then((pick) => {
      if (pick) void vscode.window.showTextDocument(document);
    });
  }

  dispose(): void {
    this.subs.forEach((d) => d.dispose());
    this.diagnostics.dispose();
    this.lensChanged.dispose();
  }
}
