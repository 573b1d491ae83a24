import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildCatalog, parseFrontMatter, type LessonProblem } from '../../core/lessons';
import { isOwnedLesson } from '../../core/lessons/ownership';
import type { LessonLibrary } from './lessonLibrary';

/**
 * A lesson file the extension owns: Markdown in its own lesson folder(s), or declaring the lesson schema in
 * its front matter. Any other repository's `lessons/*.md` gets no diagnostics.
 */
export function isLessonDocument(doc: vscode.TextDocument, lessonRoots: readonly string[]): boolean {
  return doc.languageId === 'markdown' && doc.uri.scheme === 'file' && isOwnedLesson(doc.uri.fsPath, doc.getText(), lessonRoots);
}

/**
 * Author-time validation, the equivalent of jsonValidation for Markdown front matter: runs the
 * same checks as `serverless-lab lessons check` on open lesson files and reports at the exact line.
 */
export function registerLessonDiagnostics(context: vscode.ExtensionContext, library: LessonLibrary, lessonRoots: readonly string[]): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection('serverless-lab-lessons');
  const timers = new Map<string, NodeJS.Timeout>();
  const run = async (doc: vscode.TextDocument): Promise<void> => {
    if (!isLessonDocument(doc, lessonRoots)) {
      collection.delete(doc.uri); // the schema comment may just have been removed
      return;
    }
    const version = doc.version;
    const problems = await checkDocument(doc, library);
    if (doc.isClosed || doc.version !== version) return;
    collection.set(doc.uri, problems.map((p) => toDiagnostic(doc, p)));
  };
  const schedule = (doc: vscode.TextDocument): void => {
    const key = doc.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => void run(doc), 300));
  };
  context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument((d) => void run(d)),
    vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => collection.delete(d.uri)),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
  vscode.workspace.textDocuments.forEach((d) => void run(d));
  return collection;
}

/** All problems of one lesson document, including those needing its sibling files (ids, prerequisites). */
async function checkDocument(doc: vscode.TextDocument, library: LessonLibrary): Promise<LessonProblem[]> {
  const file = doc.uri.fsPath;
  const text = doc.getText();
  const { source, problems } = parseFrontMatter(file, text);
  if (!source) return problems;
  const renderer = await library.renderer();
  const out = [...renderer.render(source).problems];
  const dir = path.dirname(file);
  const siblings = doc.uri.scheme === 'file' ? await readSiblings(dir, file) : [];
  const catalog = buildCatalog([{ file, text }, ...siblings]);
  out.push(...catalog.problems.filter((p) => p.file === file));
  return out;
}

async function readSiblings(dir: string, self: string): Promise<{ file: string; text: string }[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const files = names.filter((n) => n.endsWith('.md') && n.toLowerCase() !== 'readme.md').map((n) => path.join(dir, n)).filter((f) => f !== self);
  return Promise.all(files.map(async (f) => ({ file: f, text: await fs.readFile(f, 'utf8').catch(() => '') })));
}

function toDiagnostic(doc: vscode.TextDocument, p: LessonProblem): vscode.Diagnostic {
  const line = Math.min(Math.max(p.line - 1, 0), Math.max(doc.lineCount - 1, 0));
  const range = doc.lineAt(line).range;
  const d = new vscode.Diagnostic(range, p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  d.source = 'serverless-lab';
  return d;
}
