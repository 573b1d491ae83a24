// SAM templates in the workspace: their AWS::Serverless::Function resources become invocable
// functions (handler file found from CodeUri + Handler), and template problems become diagnostics.
import * as vscode from 'vscode';
import { uriExists } from '../uriExists';
import type { SamFunctionLike } from '../../core/run/functionConfig';
import { readSamTemplate, type SamFunction } from '../../core/sam';

/** A SAM function with where it is declared. */
export interface LocatedSamFunction extends SamFunctionLike {
  template: vscode.Uri;
  range: vscode.Range;
}

/** Reads one template's functions, setting its diagnostics; functions whose handler file is missing are skipped. */
export async function readTemplate(template: vscode.Uri, text: string, diagnostics: vscode.DiagnosticCollection): Promise<LocatedSamFunction[]> {
  const result = readSamTemplate(text, template.fsPath);
  diagnostics.set(template, result.diagnostics.map((d) => {
    const diag = new vscode.Diagnostic(
      new vscode.Range(d.start.line, d.start.character, d.end.line, d.end.character),
      d.message,
      d.severity === 'error' ? vscode.DiagnosticSeverity.Error : d.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information,
    );
    diag.source = 'Serverless Lab (SAM)';
    return diag;
  }));
  const dir = vscode.Uri.joinPath(template, '..');
  const located: LocatedSamFunction[] = [];
  for (const fn of result.functions) {
    if (fn.runtimeKind === 'unsupported') continue;
    const file = await firstExisting(dir, fn);
    if (!file) continue;
    located.push({
      name: fn.name, handlerFile: file.fsPath, handlerName: fn.handlerName, runtime: fn.runtimeKind, memoryMb: fn.memoryMb,
      timeoutSec: fn.timeoutSec, env: fn.env, architecture: fn.architecture, trigger: fn.trigger, template,
      range: new vscode.Range(fn.range.start.line, fn.range.start.character, fn.range.end.line, fn.range.end.character),
    });
  }
  return located;
}

async function firstExisting(dir: vscode.Uri, fn: SamFunction): Promise<vscode.Uri | undefined> {
  for (const candidate of fn.handlerFileCandidates) {
    const uri = vscode.Uri.joinPath(dir, candidate);
    if (await uriExists(uri)) return uri;
  }
  return undefined;
}

/** Finds and reads every SAM template in the workspace (bounded, skipping dependencies). */
export async function readWorkspaceTemplates(diagnostics: vscode.DiagnosticCollection): Promise<LocatedSamFunction[]> {
  const templates = await vscode.workspace.findFiles('**/template.{yaml,yml}', '{**/node_modules/**,**/.aws-sam/**,**/.venv/**}', 20);
  const all: LocatedSamFunction[] = [];
  for (const t of templates) {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(t));
    all.push(...(await readTemplate(t, text, diagnostics)));
  }
  return all;
}
