import { parseExerciseBlock } from '../../exercises/parse';
import type { ExerciseSpec } from '../../exercises/types';
import type { DirectiveKind } from './registry';

/**
 * ```exercise: a task with starter files, hidden checks, ordered hints and a solution. The page
 * gets the title and buttons only; hints, checks and the solution stay on the host, which reveals
 * a hint per press and runs the checks headless through the runtime service.
 */
export const exerciseDirective: DirectiveKind<ExerciseSpec> = {
  name: 'exercise',
  description: 'hands-on task: starter files, hidden checks with specific feedback, hints, solution',
  parse: (body, ctx) => parseExerciseBlock(body, `exercise-${ctx.index + 1}`),
  render(spec, _ctx, { escape, renderInline }) {
    const id = escape(spec.id);
    const button = (action: string, label: string, icon: string, extra = ''): string =>
      `<button type="button" class="exercise-action" data-action="${action}"${extra}><span class="codicon codicon-${icon}" aria-hidden="true"></span> ${label}</button>`;
    return (
      `<section class="exercise" data-exercise-id="${id}" data-hint-count="${spec.hints.length}" aria-labelledby="exercise-t-${id}">` +
      `<p class="exercise-title" id="exercise-t-${id}"><span class="codicon codicon-beaker" aria-hidden="true"></span> <strong>Exercise:</strong> ${renderInline(spec.title)}</p>` +
      `<p class="exercise-files">Edit <code>${escape(spec.handler)}</code></p>` +
      `<div class="exercise-actions">` +
      button('start', 'Start exercise', 'play') +
      button('check', 'Check', 'check') +
      button('hint', 'Hint', 'lightbulb', spec.hints.length ? '' : ' disabled') +
      button('solution', 'Show solution', 'diff', ' disabled') +
      button('reset', 'Reset', 'discard') +
      `</div><ol class="exercise-hints"></ol>` +
      `<div class="exercise-feedback" role="status" aria-live="polite"></div></section>`
    );
  },
};
