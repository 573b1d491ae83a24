// The event EventBridge delivers for a PutEvents entry: its envelope around the detail. One builder, used by the
// buses and by the sample events (which must match what a rule's target receives).
// Spec (read 2026-11-27): https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html
import { ACCOUNT_ID, REGION } from './arn';
import type { PutEventsEntry } from './bus';

/** ISO time without milliseconds, as EventBridge writes `time`. */
function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The delivered event: `entry`'s source, detail type and resources around an already parsed `detail`. */
export function eventEnvelope(entry: PutEventsEntry, detail: unknown, id: string, timeMs: number): Record<string, unknown> {
  return { version: '0', id, 'detail-type': entry.DetailType, source: entry.Source, account: ACCOUNT_ID, time: isoSeconds(timeMs), region: REGION, resources: entry.Resources ?? [], detail };
}
