// SAM templates shown in the editor: the functions of a template's live text (for CodeLens, before
// it is saved), found with the registry's own rules, and its problems as diagnostics.
import * as vscode from 'vscode';
import { locateSamFunctions, type LocatedSamFunction } from '../../core/functions/registry';
import { uriExists } from '../uriExists';
import { samDiagnostics } from './workspaceFunctions';

/** A SAM function with the range of its resource, for CodeLens. */
export interface EditorSamFunction extends LocatedSamFunction {
  lensRange: vscode.Range;
}

/** Reads one template's functions from `text`, setting its diagnostics; functions whose handler file is missing are left out (with a warning). */
export async function readTemplate(template: vscode.Uri, text: string, diagnostics: vscode.DiagnosticCollection): Promise<EditorSamFunction[]> {
  const result = await locateSamFunctions(text, template.fsPath, (file) => uriExists(vscode.Uri.file(file)));
  diagnostics.set(template, samDiagnostics(result.diagnostics));
  return result.functions.map((fn) => ({ ...fn, lensRange: new vscode.Range(fn.range.start.line, fn.range.start.character, fn.range.end.line, fn.range.end.character) }));
}
