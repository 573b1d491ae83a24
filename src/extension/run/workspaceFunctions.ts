// The run feature's view of the one function registry: resolves handlers through it and shows its
// problems (functions.json and SAM templates) as diagnostics on the exact lines.
import * as vscode from 'vscode';
import type { PositionedProblem } from '../../core/functions/jsonc';
import type { FunctionRegistry } from '../../core/functions/registry';
import type { ResolvedFunction } from '../../core/functions/resolve';
import type { SamDiagnostic } from '../../core/sam';
import { getLogger } from '../log';

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

/** Converts SAM reader diagnostics to VS Code diagnostics. */
export function samDiagnostics(diagnostics: readonly SamDiagnostic[]): vscode.Diagnostic[] {
  return diagnostics.map((d) => {
    const diag = new vscode.Diagnostic(
      new vscode.Range(d.start.line, d.start.character, d.end.line, d.end.character),
      d.message,
      d.severity === 'error' ? vscode.DiagnosticSeverity.Error : d.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information,
    );
    diag.source = 'Serverless Lab (SAM)';
    return diag;
  });
}

/** Resolves handlers through the registry and keeps its diagnostics current. */
export class WorkspaceFunctions implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after functions.json or a template changed (CodeLens refreshes on it). */
  readonly onDidChange = this.changed.event;
  private readonly unsubscribe: () => void;
  /** Files that currently carry our diagnostics, so a deleted or fixed file is cleared. */
  private shown = new Set<string>();
  private refreshing: Promise<void> | undefined;
  private dirty = false;

  constructor(readonly registry: FunctionRegistry, private readonly diagnostics: vscode.DiagnosticCollection) {
    this.unsubscribe = registry.onDidChange(() => {
      void this.refreshDiagnostics();
      this.changed.fire();
    });
  }

  /** Re-reads (from the registry's cache) every functions.json and template and publishes their problems. */
  refreshDiagnostics(): Promise<void> {
    if (this.refreshing) {
      this.dirty = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.dirty = false;
        try {
          const next = new Map<string, vscode.Diagnostic[]>();
          for (const f of await this.registry.functionsFiles()) {
            if (!f.exists) continue;
            next.set(f.file, toDiagnostics(f.problems));
            if (f.problems.length) log.warn(`${f.file}: ${f.problems.length} problem(s) in function configuration`);
          }
          for (const t of await this.registry.templateResults()) next.set(t.file, samDiagnostics(t.diagnostics));
          for (const file of this.shown) if (!next.has(file)) this.diagnostics.delete(vscode.Uri.file(file));
          for (const [file, diags] of next) this.diagnostics.set(vscode.Uri.file(file), diags);
          this.shown = new Set(next.keys());
        } catch (err) {
          log.warn(`reading function configuration failed: ${String(err)}`);
        }
      } while (this.dirty);
    })().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** Resolves the configuration for a handler in a file (and makes sure its problems are shown). */
  async resolve(file: vscode.Uri, handlerName: string): Promise<ResolvedFunction> {
    const resolved = await this.registry.resolveFile(file.fsPath, handlerName);
    void this.refreshDiagnostics();
    return resolved;
  }

  /** Names that functions.json or a SAM template lists for this file (CodeLens shows them whatever their name). */
  listedNames(file: vscode.Uri): Promise<string[]> {
    return this.registry.handlerNamesFor(file.fsPath);
  }

  dispose(): void {
    this.unsubscribe();
    this.changed.dispose();
  }
}
