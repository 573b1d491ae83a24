// Lesson page: renders what the host sends, hydrates quizzes, and reports answers and navigation.
import { LESSON_HOST_SCHEMA, LESSON_STATE_VERSION, migrateLessonState, type LessonHostMessage, type LessonRequest, type LessonView, type LessonWebviewMessage, type LessonWebviewState, type QuizFeedbackView, type QuizResult, type ExerciseResult, type PredictResult, type RunBlockResultView } from '../../src/shared/lessonProtocol';
import { parseMessage, RequestClient } from '../../src/shared/webviewMessaging';
import { vscodeApi } from '../shared/vscodeApi';
import { applyExerciseState, exerciseActionOf, showExerciseFeedback } from './exercises';
import { choose, guessOf, hydrateImages, predictCardOf, runActionOf, showPredictFeedback, showRunResult, updateRunEnabled } from './blocks';

const vscode = vscodeApi<LessonWebviewMessage, LessonWebviewState>();
const app = document.getElementById('app') as HTMLElement;
let lesson: LessonView | undefined;
const requests = new RequestClient<LessonRequest>((m) => vscode.postMessage(m));

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function render(view: LessonView): void {
  lesson = view;
  vscode.setState({ version: LESSON_STATE_VERSION, lessonId: view.lessonId });
  document.body.style.fontSize = `${view.fontSize}px`;
  app.replaceChildren();
  app.removeAttribute('aria-busy');

  const header = el('header', { class: 'lesson-header' });
  const position = el('div', { class: 'lesson-position' });
  position.append(
    el('span', { id: 'lesson-progress' }, `Lesson ${view.index} of ${view.total}`),
    el('progress', { id: 'lesson-progress-bar', max: String(view.total), value: String(view.index), 'aria-label': `Lesson ${view.index} of ${view.total}` }),
    el('span', { class: 'completed-count' }, ''),
  );
  header.append(position);
  if (view.track) header.append(el('p', { class: 'lesson-meta' }, `${view.track} · about ${view.estimatedMinutes} min`));
  header.append(el('h1', {}, view.title));
  if (view.summary) header.append(el('p', { class: 'lesson-summary' }, view.summary));
  if (view.objectives.length) {
    const objectives = el('section', { class: 'lesson-objectives', 'aria-label': 'Objectives' });
    objectives.append(el('h2', {}, 'You will be able to'));
    const list = el('ul');
    for (const o of view.objectives) list.append(el('li', {}, o));
    objectives.append(list);
    header.append(objectives);
  }

  const body = el('article', { class: 'lesson-body' });
  body.innerHTML = view.html; // trusted: rendered by the host with markdown-it, HTML disabled

  const nav = el('nav', { class: 'lesson-nav', 'aria-label': 'Lesson navigation' });
  const prev = el('button', { id: 'prev-lesson', type: 'button', class: 'secondary' }, view.previous ? `← ${view.previous.title}` : '← Previous');
  const next = el('button', { id: 'next-lesson', type: 'button' }, view.next ? `${view.next.title} →` : 'Next →');
  prev.disabled = !view.previous;
  next.disabled = !view.next;
  prev.title = 'Previous lesson';
  next.title = 'Next lesson';
  const complete = el('button', { id: 'mark-complete', type: 'button', class: 'secondary' });
  complete.hidden = view.broken;
  nav.append(prev, complete, next);

  app.append(header, body, nav);
  view.answered.forEach(applyFeedback);
  for (const state of view.exercises) applyExerciseState(app, state);
  hydrateImages(body, view.assetBase, view.svgs);
  for (const feedback of view.predictions) showPredictFeedback(app, feedback);
  updateCompletion(view.completed, view.completedCount);
  window.scrollTo(0, 0);
}

function updateCompletion(completed: boolean, completedCount: number): void {
  if (!lesson) return;
  lesson.completed = completed;
  lesson.completedCount = completedCount;
  const button = document.getElementById('mark-complete') as HTMLButtonElement | null;
  if (button) {
    button.replaceChildren(el('span', { class: `codicon codicon-${completed ? 'check' : 'circle-large-outline'}`, 'aria-hidden': 'true' }), document.createTextNode(completed ? ' Completed' : ' Mark complete'));
    button.disabled = completed;
  }
  const count = app.querySelector('.completed-count');
  if (count) count.textContent = `${completedCount} of ${lesson.total} completed`;
}

function quizSection(quizId: string): HTMLElement | undefined {
  return [...app.querySelectorAll<HTMLElement>('.quiz')].find((q) => q.dataset.quizId === quizId);
}

function applyFeedback(feedback: QuizFeedbackView): void {
  const quiz = quizSection(feedback.quizId);
  if (!quiz) return;
  quiz.classList.toggle('answered-correct', feedback.correct);
  for (const o of feedback.options) {
    const button = quiz.querySelector<HTMLButtonElement>(`.quiz-option[data-index="${o.index}"]`);
    const explanation = quiz.querySelector<HTMLElement>(`.quiz-explanation[data-index="${o.index}"]`);
    if (!button || !explanation) continue;
    button.setAttribute('aria-pressed', String(o.selected));
    button.classList.toggle('is-correct', o.selected && o.correct);
    button.classList.toggle('is-wrong', o.selected && !o.correct);
    // Once solved, every option's explanation is shown; before that, only the chosen ones.
    const show = o.selected || feedback.correct;
    explanation.hidden = !show;
    explanation.classList.toggle('explains-correct', o.correct);
    explanation.innerHTML = show ? `<span class="codicon codicon-${o.correct ? 'pass' : 'error'}" aria-hidden="true"></span> ${o.explanationHtml}` : '';
  }
  const box = quiz.querySelector<HTMLElement>('.quiz-feedback');
  if (box) {
    box.className = `quiz-feedback ${feedback.correct ? 'correct' : 'incorrect'}`;
    box.textContent = feedback.correct ? 'Correct! Every explanation is shown above.' : 'Not quite. Read the explanation and try again.';
  }
}

function answer(quiz: HTMLElement, selected: number[]): void {
  if (!lesson || !quiz.dataset.quizId || !selected.length) return;
  quiz.setAttribute('aria-busy', 'true');
  requests.request<QuizResult>({ type: 'answerQuiz', lessonId: lesson.lessonId, quizId: quiz.dataset.quizId, selected }).then(
    (result) => applyFeedback(result.feedback),
    (err: Error) => showQuizMessage(quiz, err.message || 'Could not check this answer.'),
  ).finally(() => quiz.removeAttribute('aria-busy'));
}

app.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : undefined;
  // Tool links go to the host, which checks them against the allowlist (the webview runs no command itself).
  const link = target?.closest('a');
  if (link && (link.getAttribute('href') ?? '').startsWith('command:')) {
    event.preventDefault();
    vscode.postMessage({ type: 'toolLink', href: link.getAttribute('href') as string });
    return;
  }
  const button = target?.closest('button');
  if (!button || button.disabled || !lesson) return;
  const quiz = button.closest<HTMLElement>('.quiz');
  const exercise = exerciseActionOf(button);
  const run = runActionOf(button);
  const predict = predictCardOf(button);
  if (run) {
    run.card.setAttribute('aria-busy', 'true');
    for (const b of run.card.querySelectorAll<HTMLButtonElement>('.run-action')) b.disabled = true;
    requests.request<RunBlockResultView>({ type: 'runBlock', lessonId: lesson.lessonId, runId: run.runId, mode: run.mode }).then(
      (result) => showRunResult(run.card, result),
      (err: Error) => showRunResult(run.card, undefined, err.message || 'Could not run this block.'),
    ).finally(() => {
      run.card.removeAttribute('aria-busy');
      for (const b of run.card.querySelectorAll<HTMLButtonElement>('.run-action')) b.disabled = false;
    });
  } else if (button.classList.contains('run-open')) {
    vscode.postMessage({ type: 'toolLink', href: 'command:serverlessLab.showInvocations' });
  } else if (predict && button.classList.contains('predict-choice')) {
    choose(predict, button);
  } else if (predict && button.classList.contains('predict-run')) {
    const guess = guessOf(predict);
    if (!guess || !predict.dataset.predictId) return;
    predict.setAttribute('aria-busy', 'true');
    button.disabled = true;
    requests.request<PredictResult>({ type: 'predict', lessonId: lesson.lessonId, predictId: predict.dataset.predictId, guess }).then(
      (result) => showPredictFeedback(app, result.feedback, predict), // completion arrives as a 'completion' message
      (err: Error) => showPredictFeedback(app, undefined, predict, err.message || 'Could not run this prediction.'),
    ).finally(() => {
      predict.removeAttribute('aria-busy');
      updateRunEnabled(predict);
    });
  } else if (exercise) {
    const { card } = exercise;
    card.setAttribute('aria-busy', 'true');
    requests.request<ExerciseResult>({ type: 'exercise', lessonId: lesson.lessonId, exerciseId: exercise.exerciseId, action: exercise.action }).then(
      (result) => {
        applyExerciseState(app, result.state);
        if (result.feedback) showExerciseFeedback(card, result.feedback, undefined);
      },
      (err: Error) => showExerciseFeedback(card, undefined, err.message || 'Could not run this action.'),
    ).finally(() => card.removeAttribute('aria-busy'));
  } else if (button.id === 'next-lesson') vscode.postMessage({ type: 'navigate', direction: 'next' });
  else if (button.id === 'prev-lesson') vscode.postMessage({ type: 'navigate', direction: 'previous' });
  else if (button.id === 'mark-complete') vscode.postMessage({ type: 'markComplete', lessonId: lesson.lessonId });
  else if (quiz && button.classList.contains('quiz-option')) {
    if (quiz.dataset.multiple === 'true') button.setAttribute('aria-pressed', String(button.getAttribute('aria-pressed') !== 'true'));
    else answer(quiz, [Number(button.dataset.index)]);
  } else if (quiz && button.classList.contains('quiz-check')) {
    const chosen = [...quiz.querySelectorAll<HTMLElement>('.quiz-option[aria-pressed="true"]')].map((b) => Number(b.dataset.index));
    if (chosen.length) answer(quiz, chosen);
    else showQuizMessage(quiz, 'Select at least one option first.');
  }
});

app.addEventListener('input', (event) => {
  const input = event.target instanceof HTMLInputElement && event.target.classList.contains('predict-value') ? event.target : undefined;
  const card = input && predictCardOf(input);
  if (card) updateRunEnabled(card);
});

function showQuizMessage(quiz: HTMLElement, text: string): void {
  const box = quiz.querySelector<HTMLElement>('.quiz-feedback');
  if (!box) return;
  box.className = 'quiz-feedback incorrect';
  box.textContent = text;
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (requests.settle(event.data)) return;
  const m = parseMessage<LessonHostMessage>(event.data, LESSON_HOST_SCHEMA);
  if (!m) return; // not ours, or malformed: never acted on
  switch (m.type) {
    case 'showLesson':
      render(m.lesson);
      return;
    case 'reply':
      return; // settled above
    case 'completion':
      if (lesson && m.lessonId === lesson.lessonId) {
        updateCompletion(m.completed, m.completedCount);
        if (!m.answered.length) resetQuizzes();
        m.answered.forEach(applyFeedback);
      }
      return;
    default: {
      const unknown: never = m;
      void unknown;
    }
  }
});

/** After a progress reset: back to unanswered quizzes. */
function resetQuizzes(): void {
  for (const quiz of app.querySelectorAll<HTMLElement>('.quiz')) {
    quiz.classList.remove('answered-correct');
    for (const b of quiz.querySelectorAll('.quiz-option')) {
      b.setAttribute('aria-pressed', 'false');
      b.classList.remove('is-correct', 'is-wrong');
    }
    for (const e of quiz.querySelectorAll<HTMLElement>('.quiz-explanation')) {
      e.hidden = true;
      e.replaceChildren();
    }
    // Emptied, not hidden: a live region must stay in the accessibility tree to announce later feedback.
    const box = quiz.querySelector<HTMLElement>('.quiz-feedback');
    if (box) box.textContent = '';
  }
}

// Restored panels remember their lesson even before the host answers.
if (migrateLessonState(vscode.getState())) app.setAttribute('aria-busy', 'true');
vscode.postMessage({ type: 'ready' });
