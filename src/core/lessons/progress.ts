/** Current version of the stored progress shape; bump it and extend migrateProgress() together. */
export const PROGRESS_VERSION = 1;

/** A learner's last answer to one quiz. */
export interface QuizAnswer {
  selected: number[];
  correct: boolean;
}

/** Everything remembered about a learner's progress; plain JSON so it can live in globalState and sync. */
export interface Progress {
  version: typeof PROGRESS_VERSION;
  /** Ids of completed lessons, in completion order. */
  completed: string[];
  /** Last answer per quiz, keyed by `<lessonId>/<quizId>`. */
  quizAnswers: Record<string, QuizAnswer>;
  /** The lesson last opened, so Next/Previous work without an open panel. */
  currentLessonId?: string;
  /** Per exercise, keyed by `<lessonId>/<exerciseId>`: hints revealed, attempts, passed (added without a version bump: optional). */
  exercises?: Record<string, ExerciseProgress>;
  /** Per ```predict block, keyed by `<lessonId>/<predictId>`: the learner's last guess and its grade (optional, no version bump). */
  predictions?: Record<string, PredictionProgress>;
  /** Per ```run block, keyed by `<lessonId>/<runId>`: how often the learner ran it (optional, no version bump). */
  runs?: Record<string, number>;
}

/** A learner's last guess at a ```predict block and what was observed. */
export interface PredictionProgress {
  /** The option index or the number typed. */
  guess: { choice: number } | { value: number };
  correct: boolean;
  /** The observed value, as JSON-able data. */
  observed: unknown;
}

/** What is remembered about one exercise. */
export interface ExerciseProgress {
  hintsShown: number;
  attempts: number;
  passed: boolean;
}

/** A fresh, empty progress record. */
export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, completed: [], quizAnswers: {} };
}

/**
 * Turns whatever was stored (possibly by an older version, possibly corrupted) into the current
 * shape. Version 0 was a bare array of completed ids. Anything unreadable becomes empty progress.
 */
export function migrateProgress(raw: unknown): Progress {
  if (Array.isArray(raw)) return { ...emptyProgress(), completed: uniqueStrings(raw) };
  if (!raw || typeof raw !== 'object') return emptyProgress();
  const r = raw as Record<string, unknown>;
  if (r.version !== PROGRESS_VERSION) return emptyProgress();
  const quizAnswers: Record<string, QuizAnswer> = {};
  if (r.quizAnswers && typeof r.quizAnswers === 'object') {
    for (const [k, v] of Object.entries(r.quizAnswers as Record<string, unknown>)) {
      const a = v as Partial<QuizAnswer> | null;
      if (a && Array.isArray(a.selected) && typeof a.correct === 'boolean') {
        quizAnswers[k] = { selected: a.selected.filter((n): n is number => Number.isInteger(n)), correct: a.correct };
      }
    }
  }
  const progress: Progress = { version: PROGRESS_VERSION, completed: uniqueStrings(Array.isArray(r.completed) ? r.completed : []), quizAnswers };
  if (typeof r.currentLessonId === 'string') progress.currentLessonId = r.currentLessonId;
  if (r.exercises && typeof r.exercises === 'object') {
    const exercises: Record<string, ExerciseProgress> = {};
    for (const [k, v] of Object.entries(r.exercises as Record<string, unknown>)) {
      const e = v as Partial<ExerciseProgress> | null;
      if (e && Number.isInteger(e.hintsShown) && Number.isInteger(e.attempts) && typeof e.passed === 'boolean') exercises[k] = { hintsShown: e.hintsShown as number, attempts: e.attempts as number, passed: e.passed };
    }
    progress.exercises = exercises;
  }
  if (r.predictions && typeof r.predictions === 'object') {
    const predictions: Record<string, PredictionProgress> = {};
    for (const [k, v] of Object.entries(r.predictions as Record<string, unknown>)) {
      const e = v as Partial<PredictionProgress> | null;
      const g = e?.guess as Record<string, unknown> | undefined;
      const guess = g && Number.isInteger(g.choice) ? { choice: g.choice as number } : g && typeof g.value === 'number' ? { value: g.value } : undefined;
      if (e && guess && typeof e.correct === 'boolean') predictions[k] = { guess, correct: e.correct, observed: e.observed ?? null };
    }
    progress.predictions = predictions;
  }
  if (r.runs && typeof r.runs === 'object') {
    progress.runs = Object.fromEntries(Object.entries(r.runs as Record<string, unknown>).filter((e): e is [string, number] => Number.isInteger(e[1]) && (e[1] as number) > 0));
  }
  return progress;
}

/** Key under which a quiz answer is stored. */
export function quizKey(lessonId: string, quizId: string): string {
  return `${lessonId}/${quizId}`;
}

/** Whether a lesson is completed. */
export function isCompleted(p: Progress, lessonId: string): boolean {
  return p.completed.includes(lessonId);
}

/** Marks a lesson completed (idempotent). */
export function markCompleted(p: Progress, lessonId: string): Progress {
  return isCompleted(p, lessonId) ? p : { ...p, completed: [...p.completed, lessonId] };
}

/** Records the latest answer to a quiz; a later wrong answer never un-completes a lesson. */
export function recordQuizAnswer(p: Progress, lessonId: string, quizId: string, answer: QuizAnswer): Progress {
  return { ...p, quizAnswers: { ...p.quizAnswers, [quizKey(lessonId, quizId)]: { selected: [...answer.selected], correct: answer.correct } } };
}

/** True when every listed quiz of the lesson has been answered correctly (and there is at least one). */
export function allQuizzesCorrect(p: Progress, lessonId: string, quizIds: readonly string[]): boolean {
  return quizIds.length > 0 && quizIds.every((q) => p.quizAnswers[quizKey(lessonId, q)]?.correct === true);
}

/** An exercise's progress (zeros when never touched). */
export function exerciseProgress(p: Progress, lessonId: string, exerciseId: string): ExerciseProgress {
  return p.exercises?.[quizKey(lessonId, exerciseId)] ?? { hintsShown: 0, attempts: 0, passed: false };
}

/** Updates one exercise's progress; a later failed check never un-passes it. */
export function updateExercise(p: Progress, lessonId: string, exerciseId: string, change: (e: ExerciseProgress) => ExerciseProgress): Progress {
  const before = exerciseProgress(p, lessonId, exerciseId);
  const after = change(before);
  return { ...p, exercises: { ...p.exercises, [quizKey(lessonId, exerciseId)]: { ...after, passed: before.passed || after.passed } } };
}

/** Number of exercises passed (for the `serverlessLab.exercisesPassed` context key). */
export function exercisesPassed(p: Progress): number {
  return Object.values(p.exercises ?? {}).filter((e) => e.passed).length;
}

/** Remembers the lesson last opened. */
export function setCurrentLesson(p: Progress, lessonId: string): Progress {
  return p.currentLessonId === lessonId ? p : { ...p, currentLessonId: lessonId };
}

function uniqueStrings(values: unknown[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string'))];
}

/** Records a guess at a ```predict block and its grade; a later wrong guess never un-completes a lesson. */
export function recordPrediction(p: Progress, lessonId: string, predictId: string, prediction: PredictionProgress): Progress {
  return { ...p, predictions: { ...p.predictions, [quizKey(lessonId, predictId)]: prediction } };
}

/** Counts one run of a ```run block. */
export function recordRun(p: Progress, lessonId: string, runId: string): Progress {
  const key = quizKey(lessonId, runId);
  return { ...p, runs: { ...p.runs, [key]: (p.runs?.[key] ?? 0) + 1 } };
}

/**
 * A lesson is done when every quiz and every ```predict is answered correctly and every exercise
 * passed (and it has at least one of them). Run blocks are practice: they never gate completion.
 */
export function lessonDone(p: Progress, lessonId: string, quizIds: readonly string[], exerciseIds: readonly string[], predictIds: readonly string[] = []): boolean {
  if (quizIds.length + exerciseIds.length + predictIds.length === 0) return false;
  return (
    quizIds.every((q) => p.quizAnswers[quizKey(lessonId, q)]?.correct === true) &&
    exerciseIds.every((e) => exerciseProgress(p, lessonId, e).passed) &&
    predictIds.every((id) => p.predictions?.[quizKey(lessonId, id)]?.correct === true)
  );
}
