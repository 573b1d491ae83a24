// Messages between the lesson webview (media/lesson/main.ts) and the host (src/extension/lessons/lessonPanel.ts).
// The page never sees quiz answers: it asks the host to grade each attempt.

/** View type of the lesson panel; also used by the WebviewPanelSerializer and `onWebviewPanel:` activation. */
export const LESSON_VIEW_TYPE = 'serverlessLab.lesson';

/** Version of the state the page saves with setState(); bump with migrateLessonState(). */
export const LESSON_STATE_VERSION = 1;

/** What the page saves so the panel can be restored after a reload. */
export interface LessonWebviewState {
  version: typeof LESSON_STATE_VERSION;
  lessonId: string;
}

/** Reads saved page state of any version; undefined when it is unusable. */
export function migrateLessonState(raw: unknown): LessonWebviewState | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (r.version === LESSON_STATE_VERSION && typeof r.lessonId === 'string') return { version: LESSON_STATE_VERSION, lessonId: r.lessonId };
  return undefined;
}

/** A link to a neighbouring lesson. */
export interface LessonLink {
  lessonId: string;
  title: string;
}

/** Feedback on one option after an attempt; `explanationHtml` is host-rendered inline Markdown. */
export interface OptionFeedbackView {
  index: number;
  selected: boolean;
  correct: boolean;
  explanationHtml: string;
}

/** The graded outcome of one quiz attempt. */
export interface QuizFeedbackView {
  quizId: string;
  correct: boolean;
  options: OptionFeedbackView[];
}

/** An exercise's state as the page shows it; hints are host-rendered inline Markdown. */
export interface ExerciseStateView {
  exerciseId: string;
  hintsHtml: string[];
  hintCount: number;
  attempts: number;
  passed: boolean;
}

/** The outcome of pressing Check: the first failed check's specific message, and each check's result. */
export interface ExerciseFeedbackView {
  passed: boolean;
  message: string;
  checks: Array<{ name: string; passed: boolean }>;
}

/** The buttons of an exercise card. */
export type ExerciseAction = 'start' | 'check' | 'hint' | 'solution' | 'reset';

/** Everything the page needs to show one lesson. `html` is trusted: rendered on the host with HTML disabled. */
export interface LessonView {
  lessonId: string;
  title: string;
  track: string;
  summary: string;
  objectives: string[];
  estimatedMinutes: number;
  html: string;
  /** 1-based position in course order, and the number of lessons. */
  index: number;
  total: number;
  completedCount: number;
  completed: boolean;
  /** True when the lesson failed validation and `html` is an error card. */
  broken: boolean;
  previous?: LessonLink;
  next?: LessonLink;
  /** Feedback for quizzes answered earlier, so it survives reopening. */
  answered: QuizFeedbackView[];
  /** Font size in px from `serverlessLab.lessons.fontSize`. */
  fontSize: number;
  /** State of each exercise in the lesson. */
  exercises: ExerciseStateView[];
}

/** Messages from the page to the host. */
export type LessonWebviewMessage =
  /** The page has loaded its script and can receive messages. */
  | { type: 'ready' }
  /** Grade an attempt at a quiz; answered by `quizResult` with the same requestId. */
  | { type: 'answerQuiz'; requestId: number; lessonId: string; quizId: string; selected: number[] }
  /** Move to the next or previous lesson. */
  | { type: 'navigate'; direction: 'next' | 'previous' }
  /** Mark the shown lesson complete without (or in addition to) the quizzes. */
  | { type: 'markComplete'; lessonId: string }
  /** A button of an exercise card; answered by `exerciseResult` with the same requestId. */
  | { type: 'exercise'; requestId: number; lessonId: string; exerciseId: string; action: ExerciseAction };

/** Messages from the host to the page. */
export type LessonHostMessage =
  /** Show a lesson (replaces whatever is shown). */
  | { type: 'showLesson'; lesson: LessonView }
  /** Reply to `answerQuiz`: feedback, or an error text; `lessonCompleted` when this attempt completed the lesson. */
  | { type: 'quizResult'; requestId: number; feedback?: QuizFeedbackView; error?: string; lessonCompleted: boolean }
  /** Reply to `exercise`: the new state, Check's feedback, or an error text. */
  | { type: 'exerciseResult'; requestId: number; state?: ExerciseStateView; feedback?: ExerciseFeedbackView; error?: string; lessonCompleted: boolean }
  /** Completion of the shown lesson changed (marked complete, or progress reset). */
  | { type: 'completion'; lessonId: string; completed: boolean; completedCount: number; answered: QuizFeedbackView[] };
