// "Predict, then run": the learner predicts cold or warm and a billed-duration band; after the
// run we grade the prediction and explain the outcome in terms of sandboxes and keep-alive.
import type { InvocationRecord } from '../invoker/types';

/** Billed-duration bands a learner can choose from. */
export const BILLED_BANDS = [
  { id: 'lt10', label: 'under 10 ms', min: 0, max: 10 },
  { id: '10to100', label: '10–100 ms', min: 10, max: 100 },
  { id: '100to1000', label: '100 ms – 1 s', min: 100, max: 1000 },
  { id: 'gt1000', label: 'over 1 s', min: 1000, max: Infinity },
] as const;

/** Id of a billed-duration band. */
export type BilledBandId = (typeof BILLED_BANDS)[number]['id'];

/** A learner's prediction. */
export interface Prediction {
  cold: boolean;
  band: BilledBandId;
}

/** What we know about the function's previous invocation, to explain cold vs warm. */
export interface PreviousRun {
  /** Epoch ms when the previous invocation finished. */
  finishedAt: number;
  sandboxId?: string;
}

/** The grade shown after the run. */
export interface PredictionGrade {
  coldCorrect: boolean;
  bandCorrect: boolean;
  actualBand: BilledBandId;
  /** 0, 1 or 2 correct answers. */
  score: number;
  explanation: string;
}

/** The band a billed duration falls in (lower bound inclusive). */
export function bandOf(billedMs: number): BilledBandId {
  return BILLED_BANDS.find((b) => billedMs >= b.min && billedMs < b.max)!.id;
}

/** Formats a gap like "4 s", "3 min 5 s" or "2 h 10 min". */
export function formatGap(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
}

/** Explains why an invocation was cold or warm. */
export function explainColdWarm(record: InvocationRecord, previous: PreviousRun | undefined, keepAliveSec: number, forcedCold: boolean): string {
  const keepAlive = formatGap(keepAliveSec * 1000);
  const init = record.report.initDurationMs !== undefined ? ` Init Duration ${record.report.initDurationMs.toFixed(2)} ms was added (and, under the 2025 rule, billed).` : '';
  if (!record.cold) {
    const ago = previous ? formatGap(Math.max(0, record.timings.startedAt - previous.finishedAt)) : 'a moment';
    return `Warm: a sandbox from ${ago} ago was reused; idle keep-alive is ${keepAlive}, so it was still alive and its module-level code did not run again.`;
  }
  if (forcedCold) return `Cold: you asked for a fresh sandbox ("Invoke cold"), so the runtime and your module were loaded again.${init}`;
  if (!previous) return `Cold: this is the first invocation of this function since the sandboxes were started, so there was no warm sandbox to reuse.${init}`;
  const gap = Math.max(0, record.timings.startedAt - previous.finishedAt);
  if (gap > keepAliveSec * 1000) return `Cold: the last run finished ${formatGap(gap)} ago, longer than the idle keep-alive of ${keepAlive}, so its sandbox had been shut down.${init}`;
  return `Cold: no idle sandbox was available (it was busy, crashed, timed out, or was stopped by "Stop All Sandboxes", a saved code change or a window reload), so a new one had to start.${init}`;
}

/** Grades a prediction against the actual record. */
export function gradePrediction(prediction: Prediction, record: InvocationRecord, explanation: string): PredictionGrade {
  const actualBand = bandOf(record.report.billedDurationMs);
  const coldCorrect = prediction.cold === record.cold;
  const bandCorrect = prediction.band === actualBand;
  return { coldCorrect, bandCorrect, actualBand, score: Number(coldCorrect) + Number(bandCorrect), explanation };
}
