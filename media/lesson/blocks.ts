// ```run and ```predict cards, tool links and images on the lesson page. The host does the work:
// the page sends a button press or a guess and shows the reply.
import DOMPurify from 'dompurify';
import type { PredictFeedbackView, PredictGuessView, RunBlockMode, RunBlockResultView } from '../../src/shared/lessonProtocol';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Which Run button was pressed, if the click was on one. */
export function runActionOf(button: HTMLElement): { card: HTMLElement; runId: string; mode: RunBlockMode } | undefined {
  const card = button.closest<HTMLElement>('.run-block');
  const mode = button.dataset.runMode as RunBlockMode | undefined;
  if (!card?.dataset.runId || !mode || !button.classList.contains('run-action')) return undefined;
  return { card, runId: card.dataset.runId, mode };
}

/** Shows a run's response, REPORT line and cold/warm explanation, with "Open in invocation panel". */
export function showRunResult(card: HTMLElement, result: RunBlockResultView | undefined, error?: string): void {
  const box = card.querySelector<HTMLElement>('.run-output');
  if (!box) return;
  box.replaceChildren();
  if (!result) {
    box.className = 'run-output failed';
    box.textContent = error ?? 'Could not run this block.';
    return;
  }
  box.className = `run-output ${result.failed ? 'failed' : 'succeeded'}`;
  const badge = el('p', 'run-badge', `${result.cold ? 'Cold start' : 'Warm start'}${result.primed ? ' (after one priming call)' : ''}${result.failed ? ' · the invocation failed' : ''}`);
  const output = el('pre', 'run-response');
  output.append(el('code', '', result.output));
  const report = el('pre', 'run-report');
  report.append(el('code', '', result.reportLine));
  const open = el('button', 'run-open secondary', 'Open in invocation panel');
  open.type = 'button';
  box.append(badge, output, report, el('p', 'run-explanation', result.explanation), open);
}

/** The predict card a guess or button belongs to. */
export function predictCardOf(target: Element): HTMLElement | undefined {
  return target.closest<HTMLElement>('.predict') ?? undefined;
}

/** The learner's guess on a card, if one was made (an option pressed, or a number typed). */
export function guessOf(card: HTMLElement): PredictGuessView | undefined {
  if (card.dataset.answer === 'range') {
    const input = card.querySelector<HTMLInputElement>('.predict-value');
    const value = input && input.value.trim() !== '' ? Number(input.value) : NaN;
    return Number.isFinite(value) ? { value } : undefined;
  }
  const chosen = card.querySelector<HTMLElement>('.predict-choice[aria-pressed="true"]');
  return chosen ? { choice: Number(chosen.dataset.index) } : undefined;
}

/** Selects an option (one at a time) and enables Run once a prediction exists. */
export function choose(card: HTMLElement, button: HTMLElement): void {
  for (const b of card.querySelectorAll('.predict-choice')) b.setAttribute('aria-pressed', String(b === button));
  updateRunEnabled(card);
}

/** Run is enabled only after the learner has predicted. */
export function updateRunEnabled(card: HTMLElement): void {
  const run = card.querySelector<HTMLButtonElement>('.predict-run');
  if (!run) return;
  run.disabled = !guessOf(card);
  run.title = run.disabled ? 'Make your prediction first' : 'Run it and check your prediction';
}

/** Shows a graded prediction: right or wrong, the observed value, explanations and REPORT lines. */
export function showPredictFeedback(root: HTMLElement, feedback: PredictFeedbackView | undefined, card?: HTMLElement, error?: string): void {
  const section = card ?? [...root.querySelectorAll<HTMLElement>('.predict')].find((c) => c.dataset.predictId === feedback?.predictId);
  const box = section?.querySelector<HTMLElement>('.predict-feedback');
  if (!section || !box) return;
  box.replaceChildren();
  if (!feedback) {
    box.className = 'predict-feedback incorrect';
    box.textContent = error ?? 'Could not run this prediction.';
    return;
  }
  section.classList.toggle('answered-correct', feedback.correct);
  if ('choice' in feedback.guess) {
    for (const b of section.querySelectorAll<HTMLElement>('.predict-choice')) {
      const i = Number(b.dataset.index);
      b.setAttribute('aria-pressed', String(i === (feedback.guess as { choice: number }).choice));
      b.classList.toggle('is-correct', i === feedback.correctChoice);
      b.classList.toggle('is-wrong', i === (feedback.guess as { choice: number }).choice && i !== feedback.correctChoice);
    }
  } else {
    const input = section.querySelector<HTMLInputElement>('.predict-value');
    if (input && input.value === '') input.value = String(feedback.guess.value);
  }
  updateRunEnabled(section);
  box.className = `predict-feedback ${feedback.correct ? 'correct' : 'incorrect'}`;
  const verdict = el('p', 'predict-verdict');
  verdict.append(el('span', `codicon codicon-${feedback.correct ? 'pass' : 'error'}`), document.createTextNode(` ${feedback.correct ? 'Your prediction was right.' : 'Not what happened.'} Observed: `), el('code', '', feedback.observedText));
  const explanation = el('p', 'predict-explanation');
  explanation.innerHTML = feedback.explanationHtml; // trusted: host-rendered inline Markdown, HTML disabled
  box.append(verdict, explanation);
  if (feedback.reportLines.length) {
    const pre = el('pre', 'run-report');
    pre.append(el('code', '', feedback.reportLines.join('\n')));
    box.append(pre);
  }
}

/** Points relative images at the lesson folder, and inlines SVGs (sanitised) so `currentColor` follows the theme. */
export function hydrateImages(root: HTMLElement, assetBase: string, svgs: Record<string, string>): void {
  for (const img of root.querySelectorAll<HTMLImageElement>('img.lesson-image[data-lesson-src]')) {
    const rel = img.dataset.lessonSrc ?? '';
    const svg = svgs[rel];
    if (svg !== undefined) {
      const clean = DOMPurify.sanitize(svg, { USE_PROFILES: { svg: true, svgFilters: true } });
      const figure = el('span', 'lesson-svg');
      figure.setAttribute('role', 'img');
      figure.setAttribute('aria-label', img.alt);
      figure.innerHTML = clean; // sanitised by DOMPurify (SVG profile: no script, no foreignObject, no event handlers)
      img.replaceWith(figure);
    } else if (assetBase) {
      img.src = assetBase + rel.split('/').map(encodeURIComponent).join('/');
    }
  }
}
