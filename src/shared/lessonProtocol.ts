// Messages between the lesson webview (media/lesson/main.ts) and the host (src/extension/lessons/lessonPanel.ts).
// The page never sees quiz answers: it asks the host to grade each attempt. Requests carry a
// `requestId` answered by one `reply` (src/shared/webviewMessaging); both sides validate what they receive.
import type { MessageSchema, ReplyMessage } from './webviewMessaging';

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

/** Result of `exercise`: the new state, Check's feedback, and whether this completed the lesson. */
export interface ExerciseResult {
  state: ExerciseStateView;
  feedback?: ExerciseFeedbackView;
  lessonCompleted: boolean;
}

/** A Run button of a ```run block. */
export type RunBlockMode = 'run' | 'cold' | 'warm';

/** What a Run button produced, shown inline under the block. */
export interface RunBlockResultView {
  runId: string;
  /** The response as pretty JSON, or the error document. */
  output: string;
  failed: boolean;
  cold: boolean;
  /** The REPORT line, as Lambda prints it. */
  reportLine: string;
  /** Why it was cold or warm (the invocation panel's explanation). */
  explanation: string;
  /** True when Run warm made a priming call first. */
  primed: boolean;
}

/** A learner's guess at a ```predict block. */
export type PredictGuessView = { choice: number } | { value: number };

/** The graded outcome of a prediction; HTML fields are host-rendered inline Markdown. */
export interface PredictFeedbackView {
  predictId: string;
  guess: PredictGuessView;
  correct: boolean;
  /** The observed value, in words (e.g. "false", "0.42"). */
  observedText: string;
  /** Index of the right option (choices only). */
  correctChoice?: number;
  /** The chosen option's explanation, then the block's explanation. */
  explanationHtml: string;
  /** REPORT lines of the subject's invocations (invoke subjects only). */
  reportLines: string[];
}

/** Result of `predict`: the feedback, and whether this completed the lesson. */
export interface PredictResult {
  feedback: PredictFeedbackView;
  lessonCompleted: boolean;
}

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
  /** Feedback for predictions made earlier, so it survives reopening. */
  predictions: PredictFeedbackView[];
  /** Webview URI of the lesson's folder (ends with "/"): relative images load from it. */
  assetBase: string;
  /** Theme-aware SVG images of the lesson, by path relative to the lesson file (sanitised again by the page before inlining). */
  svgs: Record<string, string>;
}

/** Messages from the page to the host. */
export type LessonWebviewMessage =
  /** The page has loaded its script and can receive messages. */
  | { type: 'ready' }
  /** Grade an attempt at a quiz; the reply's result is a QuizResult (its error: the quiz is gone). */
  | { type: 'answerQuiz'; requestId: number; lessonId: string; quizId: string; selected: number[] }
  /** Move to the next or previous lesson. */
  | { type: 'navigate'; direction: 'next' | 'previous' }
  /** Mark the shown lesson complete without (or in addition to) the quizzes. */
  | { type: 'markComplete'; lessonId: string }
  /** A button of an exercise card; answered with an ExerciseResult. */
  | { type: 'exercise'; requestId: number; lessonId: string; exerciseId: string; action: ExerciseAction }
  /** A Run button of a ```run block; answered with a RunBlockResultView. */
  | { type: 'runBlock'; requestId: number; lessonId: string; runId: string; mode: RunBlockMode }
  /** A prediction, then run the subject; answered with a PredictResult. */
  | { type: 'predict'; requestId: number; lessonId: string; predictId: string; guess: PredictGuessView }
  /** A `command:` link was clicked; the host checks it against the allowlist, asks when it changes files, and runs it. */
  | { type: 'toolLink'; href: string };

/** Requests of the lesson page (the messages that get a reply). */
export type LessonRequest = Extract<LessonWebviewMessage, { requestId: number }>;

/** Result of `answerQuiz`: the feedback, and whether this attempt completed the lesson. */
export interface QuizResult {
  feedback: QuizFeedbackView;
  lessonCompleted: boolean;
}

/** Field checks for each page message: the host validates every message against them. */
export const LESSON_WEBVIEW_SCHEMA: MessageSchema = {
  ready: {},
  answerQuiz: { requestId: 'number', lessonId: 'string', quizId: 'string', selected: 'number[]' },
  navigate: { direction: (v) => v === 'next' || v === 'previous' },
  markComplete: { lessonId: 'string' },
  exercise: { requestId: 'number', lessonId: 'string', exerciseId: 'string', action: (v) => ['start', 'check', 'hint', 'solution', 'reset'].includes(v as string) },
  runBlock: { requestId: 'number', lessonId: 'string', runId: 'string', mode: (v) => v === 'run' || v === 'cold' || v === 'warm' },
  predict: { requestId: 'number', lessonId: 'string', predictId: 'string', guess: isPredictGuess },
  toolLink: { href: (v) => typeof v === 'string' && v.startsWith('command:') && v.length < 8192 },
};

/** A guess is `{ choice: <index> }` or `{ value: <finite number> }`. */
export function isPredictGuess(v: unknown): v is PredictGuessView {
  if (!v || typeof v !== 'object') return false;
  const g = v as Record<string, unknown>;
  const keys = Object.keys(g);
  return keys.length === 1 && ((keys[0] === 'choice' && Number.isInteger(g.choice) && (g.choice as number) >= 0) || (keys[0] === 'value' && typeof g.value === 'number' && Number.isFinite(g.value)));
}

/** Messages from the host to the page. */
export type LessonHostMessage =
  /** Show a lesson (replaces whatever is shown). */
  | { type: 'showLesson'; lesson: LessonView }
  /** The answer to a request. */
  | ReplyMessage
  /** Completion of the shown lesson changed (marked complete, or progress reset). */
  | { type: 'completion'; lessonId: string; completed: boolean; completedCount: number; answered: QuizFeedbackView[] };

/** Field checks for each host message: the page validates every message against them. */
export const LESSON_HOST_SCHEMA: MessageSchema = {
  showLesson: { lesson: 'object' },
  reply: { requestId: 'number', error: 'string?' },
  completion: { lessonId: 'string', completed: 'boolean', completedCount: 'number', answered: (v) => Array.isArray(v) },
};
