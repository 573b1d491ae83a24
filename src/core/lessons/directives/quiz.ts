import { parseQuiz, type Quiz } from '../quiz';
import type { DirectiveKind } from './registry';

/**
 * ```quiz: a multiple-choice question. Answers and explanations stay on the host; the page only
 * gets the question and option texts, and asks the host to grade each attempt.
 */
export const quizDirective: DirectiveKind<Quiz> = {
  name: 'quiz',
  description: 'multiple-choice question with an explanation for every option',
  parse: (body, ctx) => parseQuiz(body, `quiz-${ctx.index + 1}`),
  render(quiz, _ctx, { escape, renderInline }) {
    const qid = escape(quiz.id);
    const options = quiz.options
      .map(
        (o, i) =>
          `<li><button type="button" class="quiz-option" data-index="${i}" aria-pressed="false">${renderInline(o.text)}</button>` +
          `<div class="quiz-explanation" data-index="${i}" hidden></div></li>`,
      )
      .join('');
    const hint = quiz.multiple ? '<p class="quiz-hint">Select every correct answer, then check.</p>' : '';
    const check = quiz.multiple ? '<button type="button" class="quiz-check">Check answer</button>' : '';
    return (
      `<section class="quiz" data-quiz-id="${qid}" data-multiple="${quiz.multiple}" aria-labelledby="quiz-q-${qid}">` +
      `<p class="quiz-question" id="quiz-q-${qid}"><span class="codicon codicon-question" aria-hidden="true"></span> ${renderInline(quiz.question)}</p>` +
      hint +
      `<ol class="quiz-options">${options}</ol>${check}` +
      `<div class="quiz-feedback" role="status" aria-live="polite"></div></section>`
    );
  },
};
