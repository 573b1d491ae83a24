// The pattern playground: pattern and event in real JSON editors, a read-only result beside them that
// follows both (debounced), pattern problems as diagnostics at the offending text, completion from the
// event's fields, and "Try against recent events" over the engine's history.
import * as vscode from 'vscode';
import { patternSuggestions } from '../../core/eventing/playground/completion';
import { checkPatternText, readEventText, type TextProblem } from '../../core/eventing/playground/patternText';
import { renderResult, type RecentEventLine } from '../../core/eventing/playground/resultText';
import { generateEvent, listEvents } from '../../core/sampleEvents';
import { PLAYGROUND_SCHEME, playgroundUri } from './playgroundFs';
import type { PlaygroundDeps, RecentBusEvent } from './types';

const DEBOUNCE_MS = 250;
const RECENT_LIMIT = 50;

/** Arguments of Open Pattern Playground (CodeLens, tests): JSON values to load. */
export interface OpenPlaygroundArgs {
  pattern?: unknown;
  event?: unknown;
}

/** The default documents: a custom event and a pattern that matches it. */
export function defaultDocuments(): { pattern: string; event: string } {
  const pattern = { source: ['com.example.orders'], 'detail-type': ['OrderPlaced'], detail: { total: [{ numeric: ['>', 40] }] } };
  return { pattern: `${JSON.stringify(pattern, null, 2)}\n`, event: `${JSON.stringify(generateEvent('eventbridge-custom'), null, 2)}\n` };
}

const toRange = (doc: vscode.TextDocument, p: TextProblem) => new vscode.Range(doc.positionAt(p.offset), doc.positionAt(p.offset + Math.max(1, p.length)));

function label(e: RecentBusEvent): string {
  const time = new Date(e.at).toISOString().slice(11, 19);
  const rules = e.matchedRules.length ? `  (matched: ${e.matchedRules.join(', ')})` : '';
  return `${time} ${String(e.event.source)} / ${String(e.event['detail-type'])} on ${e.bus}${rules}`;
}

/** The playground's behaviour; documents are served by PlaygroundFileSystem. */
export class Playground implements vscode.Disposable {
  private timer?: NodeJS.Timeout;
  private recent?: RecentBusEvent[];

  constructor(private readonly deps: PlaygroundDeps) {}

  /** The open document's text if any (it may be newer than the stored text), else the stored text. */
  private text(file: 'pattern' | 'event'): string {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === playgroundUri(file).toString());
    return open ? open.getText() : this.deps.files.text(file);
  }

  /** Opens the three editors side by side, optionally loading a pattern and an event first. */
  async open(args: OpenPlaygroundArgs = {}): Promise<void> {
    if (args.pattern !== undefined) await this.replace('pattern', args.pattern);
    if (args.event !== undefined) await this.replace('event', args.event);
    await vscode.window.showTextDocument(playgroundUri('pattern'), { viewColumn: vscode.ViewColumn.One, preview: false });
    await vscode.window.showTextDocument(playgroundUri('event'), { viewColumn: vscode.ViewColumn.Two, preview: false, preserveFocus: true });
    await vscode.window.showTextDocument(playgroundUri('result'), { viewColumn: vscode.ViewColumn.Three, preview: false, preserveFocus: true });
    await this.evaluateNow();
  }

  /** Replaces a document's whole text through one edit, so the learner can undo it. */
  private async replace(file: 'pattern' | 'event', value: unknown): Promise<void> {
    const text = `${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}\n`;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === playgroundUri(file).toString());
    if (!doc) return this.deps.files.set(file, text);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
    await vscode.workspace.applyEdit(edit);
    await doc.save();
  }

  /** A playground document changed: re-evaluate after a pause in typing. */
  changed(doc: vscode.TextDocument): void {
    if (doc.uri.scheme !== PLAYGROUND_SCHEME || doc.uri.path === playgroundUri('result').path) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.evaluateNow().then(() => (doc.isDirty && !doc.isClosed ? doc.save() : undefined)).catch((err: Error) => this.deps.log.error(`playground: ${err.message}`)), DEBOUNCE_MS);
  }

  /** Evaluates now and writes the result document (tests and commands wait on this). */
  evaluateNow(): Promise<void> {
    clearTimeout(this.timer);
    return Promise.resolve().then(() => this.evaluate());
  }

  private evaluate(): void {
    const patternDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === playgroundUri('pattern').toString());
    const eventDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === playgroundUri('event').toString());
    const pattern = checkPatternText(this.text('pattern'));
    const event = readEventText(this.text('event'));
    this.deps.diagnostics.set(playgroundUri('pattern'), !pattern.ok && patternDoc ? [new vscode.Diagnostic(toRange(patternDoc, pattern.problem), pattern.problem.message, vscode.DiagnosticSeverity.Error)] : []);
    this.deps.diagnostics.set(playgroundUri('event'), !event.ok && eventDoc ? [new vscode.Diagnostic(toRange(eventDoc, event.problem), event.problem.message, vscode.DiagnosticSeverity.Error)] : []);
    let lines: RecentEventLine[] | undefined;
    if (this.recent && pattern.ok) lines = this.recent.map((e) => ({ label: label(e), matched: pattern.value.matches(e.event) }));
    this.deps.files.set('result', renderResult({
      patternProblem: pattern.ok ? undefined : pattern.problem.message,
      eventProblem: event.ok ? undefined : event.problem.message,
      explanation: pattern.ok && event.ok ? pattern.value.explain(event.value) : undefined,
      recent: this.recent ? { lines: lines ?? [], note: this.recent.length ? undefined : 'No events have reached a bus yet: put one (Serverless Lab: Put Event…) and try again.' } : undefined,
    }));
  }

  /** "Try against recent events": lists which of the engine's last events the pattern would have matched. */
  async tryRecent(): Promise<RecentBusEvent[]> {
    if (!this.deps.eventing) throw new Error('Recent events come from the event engine, which this build does not include.');
    const host = await this.deps.eventing();
    this.recent = host.recentEvents(RECENT_LIMIT);
    await this.evaluateNow();
    return this.recent;
  }

  /** "Choose Event…": a sample event, or one of the engine's recent events when it has any. */
  async chooseEvent(): Promise<void> {
    type Item = vscode.QuickPickItem & { value: () => unknown };
    const samples: Item[] = listEvents().map((s) => ({ label: s.label, description: s.id, value: () => generateEvent(s.id) }));
    const recent: Item[] = (this.recent ?? []).map((e) => ({ label: label(e), description: 'recent event', value: () => e.event }));
    const pick = await vscode.window.showQuickPick<Item>([...recent, ...samples], { title: 'Pattern Playground: choose the event', placeHolder: 'A sample event (EventBridge custom events first) or a recent one', matchOnDescription: true });
    if (pick) await this.replace('event', pick.value());
  }

  /** Completion in the pattern document: the event's field names and values. */
  completions(doc: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const event = readEventText(this.text('event'));
    if (!event.ok) return [];
    const text = doc.getText();
    const offset = doc.offsetAt(position);
    const word = doc.getWordRangeAtPosition(position, /[^\s"{}[\]:,]+/) ?? new vscode.Range(position, position);
    const quoted = text[doc.offsetAt(word.start) - 1] === '"';
    return patternSuggestions(text, offset, event.value).map((s) => {
      const item = new vscode.CompletionItem(s.label, s.kind === 'value' ? vscode.CompletionItemKind.Value : s.kind === 'object' ? vscode.CompletionItemKind.Module : vscode.CompletionItemKind.Field);
      item.detail = s.detail;
      item.sortText = `0${s.label}`; // above the schema's operator names
      item.range = word;
      if (s.kind === 'value' || quoted) item.insertText = s.insertText;
      else {
        // Not inside quotes yet: write the whole member, with the event's value as the first condition.
        const sample = s.detail.startsWith('event: ') ? s.detail.slice(7) : '"$1"';
        item.insertText = new vscode.SnippetString(s.kind === 'object' ? `"${s.insertText}": {$0}` : `"${s.insertText}": [\${1:${sample.replace(/[$}\\]/g, '\\$&')}}]`);
      }
      return item;
    });
  }

  /** The stored pattern (parsed), for Save as rule; throws with the problem when it is invalid. */
  currentPattern(): unknown {
    const checked = checkPatternText(this.text('pattern'));
    if (!checked.ok) throw new Error(`The pattern is invalid, so it cannot be saved: ${checked.problem.message}`);
    return JSON.parse(this.text('pattern')) as unknown;
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
