// Cold-start timeline model: an invocation's phases as bars that agree with its REPORT line.
import type { InvocationRecord } from '../core/invoker/types';

/** Phases drawn on the timeline, in order. */
export type Phase = 'spawn' | 'runtimeInit' | 'functionInit' | 'invoke';

/** One bar: `startMs` is relative to the first phase of the invocation. */
export interface TimelineSegment {
  phase: Phase;
  label: string;
  startMs: number;
  durationMs: number;
}

/** Human labels for phases. */
export const PHASE_LABELS: Record<Phase, string> = {
  spawn: 'Sandbox spawn',
  runtimeInit: 'Runtime init',
  functionInit: 'Function init',
  invoke: 'Invoke',
};

/**
 * Phases of one invocation. The invoke bar uses the REPORT Duration (not a separate clock) so that
 * the bar and the REPORT card show the same number; warm invocations have only the invoke bar.
 */
export function timelineSegments(record: InvocationRecord): TimelineSegment[] {
  const t = record.timings;
  const parts: [Phase, number | undefined][] = record.cold
    ? [['spawn', t.spawnMs], ['runtimeInit', t.runtimeInitMs], ['functionInit', t.functionInitMs], ['invoke', record.report.durationMs]]
    : [['invoke', record.report.durationMs]];
  const segments: TimelineSegment[] = [];
  let cursor = 0;
  for (const [phase, ms] of parts) {
    if (ms === undefined) continue;
    segments.push({ phase, label: PHASE_LABELS[phase], startMs: cursor, durationMs: ms });
    cursor += ms;
  }
  return segments;
}

/**
 * Total of the cold-start bars (spawn + runtime init + function init). The embedded invoker's REPORT
 * Init Duration covers the same span, so the two agree (to rounding).
 */
export function initBarsMs(record: InvocationRecord): number | undefined {
  const { spawnMs, runtimeInitMs, functionInitMs } = record.timings;
  if (!record.cold || (spawnMs === undefined && runtimeInitMs === undefined && functionInitMs === undefined)) return undefined;
  return (spawnMs ?? 0) + (runtimeInitMs ?? 0) + (functionInitMs ?? 0);
}
