// What learners type or save as "an event to put": a PutEvents entry or an event as EventBridge
// delivers it. Both the CLI (`events put`) and the editor's Put Event command read it here.
import type { PutEventsEntry } from './bus';

/** Converts either shape to a PutEvents entry; throws with what to write when it is neither. */
export function toPutEventsEntry(raw: unknown): PutEventsEntry {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('Give a JSON object with {"Source","DetailType","Detail"} or {"source","detail-type","detail"}.');
  const r = raw as Record<string, unknown>;
  const entry: Record<string, unknown> = r.Source !== undefined ? { ...r } : { Source: r.source, DetailType: r['detail-type'], Detail: r.detail ?? {}, Resources: r.resources };
  if (typeof entry.Detail !== 'string') entry.Detail = JSON.stringify(entry.Detail ?? {});
  if (entry.Resources === undefined) delete entry.Resources;
  return entry as PutEventsEntry;
}
