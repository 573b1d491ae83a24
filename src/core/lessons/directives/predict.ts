import type { PredictBlock } from '../blocks/predict';
import { parsePredictBlock } from '../blocks/predict';
import type { DirectiveKind } from './registry';

/**
 * ```predict: the learner commits to a guess, then the host runs the subject and grades it.
 * Option values and explanations stay on the host; the page gets only the option texts.
 */
export const predictDirective: DirectiveKind<PredictBlock> = {
  name: 'predict',
  description: 'predict-then-run: a guess (an option or a number) graded against an invocation, an EventBridge match or a cost estimate',
  parse: (body) => parsePredictBlock(body),
  render(block, _ctx, { escape, renderInline }) {
    const id = escape(block.id);
    let input: string;
    if (block.answer.kind === 'choices') {
      input =
        `<ol class="predict-choices">` +
        block.answer.choices.map((c, i) => `<li><button type="button" class="predict-choice" data-index="${i}" aria-pressed="false">${renderInline(c.text)}</button></li>`).join('') +
        `</ol>`;
    } else {
      const unit = block.answer.unit ? ` (${escape(block.answer.unit)})` : '';
      input = `<label class="predict-value-label">Your prediction${unit} <input type="number" step="any" class="predict-value" aria-describedby="predict-q-${id}"></label>`;
    }
    return (
      `<section class="predict" data-predict-id="${id}" data-answer="${block.answer.kind}" aria-labelledby="predict-q-${id}">` +
      `<p class="predict-question" id="predict-q-${id}"><span class="codicon codicon-eye" aria-hidden="true"></span> <strong>Predict, then run:</strong> ${renderInline(block.question)}</p>` +
      input +
      `<button type="button" class="predict-run" disabled title="Make your prediction first"><span class="codicon codicon-play" aria-hidden="true"></span> Run and check</button>` +
      `<div class="predict-feedback" role="status" aria-live="polite"></div></section>`
    );
  },
};
