// The progress overview (issue 18 "Progress and navigation"): per-track completion, time left,
// where to continue, and prerequisites not yet done. Pure, so the Lessons tree, the lesson panel
// and the CLI can show the same figures; prerequisites are shown, never enforced.
import type { Progress } from './progress';
import { TRACKS, type LessonMeta, type Track } from './types';

/** Completion and time figures of one track (or of the whole course). */
export interface CompletionSummary {
  total: number;
  completed: number;
  /** Whole percent, rounded down so 100% only shows when every lesson is done. */
  percent: number;
  /** Sum of `estimatedMinutes` over every lesson. */
  minutesTotal: number;
  /** Sum of `estimatedMinutes` over the lessons not completed yet. */
  minutesLeft: number;
}

/** One track's line of the overview. */
export interface TrackOverview extends CompletionSummary {
  track: Track;
}

/** Why a lesson is suggested as the place to continue. */
export type ContinueReason = 'in-progress' | 'next' | 'start';

/** The lesson to continue with, and why. */
export interface ContinueSuggestion {
  lessonId: string;
  reason: ContinueReason;
}

/** The whole overview: course totals, tracks in course order (empty tracks left out), where to continue. */
export interface ProgressOverview extends CompletionSummary {
  tracks: TrackOverview[];
  /** Undefined when every lesson is completed (or there are none). */
  continueWith?: ContinueSuggestion;
}

/** Sums completion and time over `lessons`. */
export function summarize(lessons: readonly LessonMeta[], progress: Progress): CompletionSummary {
  const done = new Set(progress.completed);
  const completedLessons = lessons.filter((l) => done.has(l.id));
  const minutesTotal = lessons.reduce((sum, l) => sum + l.estimatedMinutes, 0);
  const minutesLeft = minutesTotal - completedLessons.reduce((sum, l) => sum + l.estimatedMinutes, 0);
  const percent = lessons.length ? Math.floor((100 * completedLessons.length) / lessons.length) : 0;
  return { total: lessons.length, completed: completedLessons.length, percent, minutesTotal, minutesLeft };
}

/**
 * Where to continue: the lesson last opened if it is not completed yet; otherwise the first
 * uncompleted lesson after it in course order, wrapping to the start; with no lesson opened yet,
 * the first uncompleted lesson. `lessons` must be in course order.
 */
export function continueWith(lessons: readonly LessonMeta[], progress: Progress): ContinueSuggestion | undefined {
  const done = new Set(progress.completed);
  const open = (l: LessonMeta): boolean => !done.has(l.id);
  const currentIndex = lessons.findIndex((l) => l.id === progress.currentLessonId);
  if (currentIndex < 0) {
    const first = lessons.find(open);
    return first ? { lessonId: first.id, reason: done.size === 0 ? 'start' : 'next' } : undefined;
  }
  if (open(lessons[currentIndex])) return { lessonId: lessons[currentIndex].id, reason: 'in-progress' };
  const after = [...lessons.slice(currentIndex + 1), ...lessons.slice(0, currentIndex)].find(open);
  return after ? { lessonId: after.id, reason: 'next' } : undefined;
}

/** Builds the overview; `lessons` must be in course order (as the catalog returns them). */
export function buildOverview(lessons: readonly LessonMeta[], progress: Progress): ProgressOverview {
  const tracks = TRACKS.map((track) => ({ track, ...summarize(lessons.filter((l) => l.track === track), progress) })).filter((t) => t.total > 0);
  const suggestion = continueWith(lessons, progress);
  return { ...summarize(lessons, progress), tracks, ...(suggestion ? { continueWith: suggestion } : {}) };
}

/** The declared prerequisites of `lesson` that are not completed yet (unknown ids are left out: `lessons check` reports them). */
export function missingPrerequisites(lesson: LessonMeta, lessons: readonly LessonMeta[], progress: Progress): LessonMeta[] {
  const done = new Set(progress.completed);
  return (lesson.prerequisites ?? []).filter((id) => !done.has(id)).map((id) => lessons.find((l) => l.id === id)).filter((l): l is LessonMeta => l !== undefined);
}

/** "1 h 25 min", "40 min" or "0 min": estimates are rough, so whole minutes. */
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} min`;
  const rest = m % 60;
  return rest ? `${Math.floor(m / 60)} h ${rest} min` : `${Math.floor(m / 60)} h`;
}
