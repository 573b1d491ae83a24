// template.yaml editor support for event definitions: CodeLens above rules, queues, schedules, topics
// and buses; the engine's definition problems as diagnostics on their lines; and a hover on an event
// pattern that says which recent events it matched. Lenses for the Event Flow commands appear only
// when those commands are registered.
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { compilePattern } from '../../core/eventing/patterns';
import { eventDiagnostics, eventSites, type EventSite } from '../../core/eventing/playground/templateSites';
import type { PlaygroundDeps, RecentBusEvent } from './types';

const HOVER_EVENTS = 50;
const HOVER_WAIT_MS = 1500;

/** Lenses for one template document; `available` holds the registered command ids. */
export function templateLenses(doc: vscode.TextDocument, available: ReadonlySet<string>): vscode.CodeLens[] {
  const lenses: vscode.CodeLens[] = [];
  for (const site of eventSites(doc.getText(), doc.uri.fsPath)) {
    const range = new vscode.Range(site.line, site.character, site.line, site.character + site.name.length);
    const add = (command: string, title: string, args: unknown[], tooltip?: string) => available.has(command) && lenses.push(new vscode.CodeLens(range, { title, command, arguments: args, tooltip }));
    // Argument shapes of the Event Flow commands (src/extension/eventing): putEvent(entry?, bus?), sendMessage(queue?, body?), publishMessage(topic?, message?).
    const bus = site.kind === 'bus' ? site.name : site.bus;
    if (site.kind === 'rule' || site.kind === 'bus') add(CommandIds.putEvent, 'Put test event', [undefined, bus], `Pick an event and put it on bus ${bus}`);
    if (site.kind === 'queue') add(CommandIds.sendMessage, 'Send test message', [site.name]);
    if (site.kind === 'topic') add(CommandIds.publishMessage, 'Publish test message', [site.name]);
    add(CommandIds.openEventFlow, 'Open in flow', [{ nodeId: site.nodeId }], `Open the Event Flow (${site.nodeId})`);
    if (site.pattern !== undefined) {
      add(CommandIds.explainLastMatch, 'Explain last match', [doc.uri, site.name], 'The last event on the rule\'s bus, condition by condition, in the Pattern Playground');
    }
  }
  return lenses;
}

/** Publishes the definition problems of a template document. */
export function diagnoseTemplate(doc: vscode.TextDocument, diagnostics: vscode.DiagnosticCollection): void {
  const list = eventDiagnostics(doc.getText(), doc.uri.fsPath).map((d) => {
    const diagnostic = new vscode.Diagnostic(new vscode.Range(d.start.line, d.start.character, d.end.line, d.end.character), d.message, d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
    diagnostic.source = 'Serverless Lab events';
    return diagnostic;
  });
  diagnostics.set(doc.uri, list);
}

async function recentOn(deps: PlaygroundDeps, bus: string | undefined): Promise<RecentBusEvent[] | undefined> {
  if (!deps.eventing) return undefined;
  const host = await deps.eventing();
  return host.recentEvents(HOVER_EVENTS, bus);
}

function siteOf(doc: vscode.TextDocument, name: string): EventSite & { pattern: unknown } {
  const site = eventSites(doc.getText(), doc.uri.fsPath).find((s) => s.name === name && s.pattern !== undefined);
  if (!site) throw new Error(`${vscode.workspace.asRelativePath(doc.uri)} has no rule named ${name} with a valid pattern (see the Problems view).`);
  return site as EventSite & { pattern: unknown };
}

/** "Explain last match": opens the playground with the rule's pattern and the last event on its bus. */
export async function explainLastMatch(deps: PlaygroundDeps, uri: vscode.Uri, ruleName: string, open: (args: { pattern: unknown; event?: unknown }) => Promise<void>): Promise<void> {
  const site = siteOf(await vscode.workspace.openTextDocument(uri), ruleName);
  const last = (await recentOn(deps, site.bus))?.[0];
  await open({ pattern: site.pattern, event: last?.event });
  if (!last) void vscode.window.showInformationMessage(`No event has reached bus ${site.bus ?? 'default'} yet: the playground shows the rule's pattern against its current event. Put an event on the bus, then ask again.`);
}

/** Hover on an event pattern: how many recent events on its bus it matched, the last few, with links to explain them. */
export async function patternHover(deps: PlaygroundDeps, doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
  const site = eventSites(doc.getText(), doc.uri.fsPath).find((s) => s.patternLines && position.line >= s.patternLines.start && position.line <= s.patternLines.end);
  if (!site?.patternLines) return undefined;
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: [CommandIds.openPatternPlayground] };
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), HOVER_WAIT_MS));
  const events = await Promise.race([recentOn(deps, site.bus).catch(() => undefined), timeout]);
  const compiled = compilePattern(site.pattern);
  md.appendMarkdown(`**Rule ${site.name}** on bus \`${site.bus}\`\n\n`);
  if (!events) md.appendMarkdown('The event engine is not running, so there are no recent events to compare.');
  else {
    const matched = events.filter((e) => compiled.matches(e.event));
    md.appendMarkdown(`Matched **${matched.length}** of the last ${events.length} events on this bus.\n\n`);
    for (const e of matched.slice(0, 3)) {
      const args = encodeURIComponent(JSON.stringify([{ pattern: site.pattern, event: e.event }]));
      md.appendMarkdown(`- ${new Date(e.at).toISOString().slice(11, 19)} \`${String(e.event.source)}\` / \`${String(e.event['detail-type'])}\` — [explain](command:${CommandIds.openPatternPlayground}?${args})\n`);
    }
  }
  return new vscode.Hover(md, new vscode.Range(site.patternLines.start, 0, site.patternLines.end, Number.MAX_SAFE_INTEGER));
}
