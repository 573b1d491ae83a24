// Saved test events: `.serverless-lab/events/<function>/<name>.json`, JSONC (comments allowed).
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { parseJsoncWithProblems, type PositionedProblem } from '../functions/jsonc';

/** Folder of a function's saved events, relative to the workspace folder. */
export function eventsFolder(functionName: string): string {
  return path.posix.join('.serverless-lab', 'events', functionName);
}

/** Result of parsing an event file: the value, or the problems that prevent invoking. */
export type ParsedEvent = { ok: true; event: unknown } | { ok: false; problems: PositionedProblem[] };

/** Parses an event file's text; any syntax error means "do not invoke". */
export function parseEventText(text: string): ParsedEvent {
  if (!text.trim()) return { ok: false, problems: [{ message: 'The event file is empty: write a JSON value such as {}.', line: 0, character: 0, length: 1, severity: 'error' }] };
  const { root, problems } = parseJsoncWithProblems(text);
  if (problems.length || !root) return { ok: false, problems };
  return { ok: true, event: parse(text, [], { allowTrailingComma: true }) };
}

/** A safe file name for a saved event ("Order created!" -> "order-created"). */
export function eventFileName(label: string): string {
  const slug = label.trim().toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${slug || 'event'}.json`;
}
