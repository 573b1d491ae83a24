// Exercise cards on the lesson page: the buttons ask the host to act; the host replies with the
// exercise's state (hints revealed, attempts, passed) and Check's specific feedback.
import type { ExerciseAction, ExerciseFeedbackView, ExerciseStateView } from '../../src/shared/lessonProtocol';

/** The card of an exercise, if it is on the page. */
export function exerciseCard(root: HTMLElement, exerciseId: string): HTMLElement | undefined {
  return [...root.querySelectorAll<HTMLElement>('.exercise')].find((e) => e.dataset.exerciseId === exerciseId);
}

/** Shows hints, enables Hint/Show solution as the state allows, and marks a passed exercise. */
export function applyExerciseState(root: HTMLElement, state: ExerciseStateView): void {
  const card = exerciseCard(root, state.exerciseId);
  if (!card) return;
  card.classList.toggle('exercise-passed', state.passed);
  const hints = card.querySelector<HTMLElement>('.exercise-hints');
  if (hints) hints.innerHTML = state.hintsHtml.map((h) => `<li>${h}</li>`).join(''); // trusted: host-rendered inline Markdown, HTML disabled
  const hint = card.querySelector<HTMLButtonElement>('[data-action="hint"]');
  if (hint) hint.disabled = state.hintsHtml.length >= state.hintCount;
  const solution = card.querySelector<HTMLButtonElement>('[data-action="solution"]');
  if (solution) {
    solution.disabled = state.attempts < 1;
    solution.title = state.attempts < 1 ? 'Available after your first Check' : 'Compare your file with the solution';
  }
}

/** Shows Check's feedback, or an error text, in the card's live region. */
export function showExerciseFeedback(card: HTMLElement, feedback: ExerciseFeedbackView | undefined, error: string | undefined): void {
  const box = card.querySelector<HTMLElement>('.exercise-feedback');
  if (!box) return;
  box.replaceChildren();
  if (!feedback) {
    if (error) {
      box.className = 'exercise-feedback incorrect';
      box.textContent = error;
    }
    return;
  }
  box.className = `exercise-feedback ${feedback.passed ? 'correct' : 'incorrect'}`;
  const icon = document.createElement('span');
  icon.className = `codicon codicon-${feedback.passed ? 'pass' : 'error'}`;
  icon.setAttribute('aria-hidden', 'true');
  const message = document.createElement('p');
  message.className = 'exercise-message';
  message.textContent = feedback.message;
  const list = document.createElement('ul');
  list.className = 'exercise-checks';
  for (const c of feedback.checks) {
    const li = document.createElement('li');
    li.className = c.passed ? 'check-passed' : 'check-failed';
    li.textContent = `${c.passed ? '✓' : '✗'} ${c.name}`;
    list.append(li);
  }
  box.append(icon, message, list);
}

/** Reads which action a clicked exercise button stands for. */
export function exerciseActionOf(button: HTMLElement): { card: HTMLElement; exerciseId: string; action: ExerciseAction } | undefined {
  const card = button.closest<HTMLElement>('.exercise');
  const action = button.dataset.action as ExerciseAction | undefined;
  if (!card?.dataset.exerciseId || !action || !button.classList.contains('exercise-action')) return undefined;
  return { card, exerciseId: card.dataset.exerciseId, action };
}
