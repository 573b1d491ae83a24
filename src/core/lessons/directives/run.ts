import { parseRunBlock, type RunBlock, type RunMode } from '../blocks/run';
import type { DirectiveKind } from './registry';

const MODE_LABELS: Record<RunMode, { label: string; icon: string; title: string }> = {
  run: { label: 'Run', icon: 'play', title: 'Invoke; reuses a warm sandbox if one is idle' },
  cold: { label: 'Run cold', icon: 'debug-restart', title: 'Invoke in a fresh sandbox: a cold start' },
  warm: { label: 'Run warm', icon: 'flame', title: 'Invoke in a sandbox that is already warm (a first call primes it when needed)' },
};

/** Short, single-line JSON of the event for the card (long events are cut; the whole one is in the lesson file). */
function eventPreview(block: RunBlock): string {
  if (block.eventFile) return block.eventFile;
  const text = JSON.stringify(block.event ?? {});
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * ```run: a handler the learner invokes from the page. The host runs it through the runtime
 * service (source 'lesson-run') and replies with the response and REPORT line shown inline.
 */
export const runDirective: DirectiveKind<RunBlock> = {
  name: 'run',
  description: 'a handler the learner invokes from the lesson (Run, Run cold, Run warm), with the response and REPORT line shown inline',
  parse: (body) => parseRunBlock(body),
  render(block, _ctx, { escape, renderInline }) {
    const id = escape(block.id);
    const buttons = block.modes
      .map((m) => `<button type="button" class="run-action" data-run-mode="${m}" title="${escape(MODE_LABELS[m].title)}"><span class="codicon codicon-${MODE_LABELS[m].icon}" aria-hidden="true"></span> ${MODE_LABELS[m].label}</button>`)
      .join('');
    const settings = [block.memoryMb ? `${block.memoryMb} MB` : '', block.timeoutSeconds ? `timeout ${block.timeoutSeconds} s` : ''].filter(Boolean).join(', ');
    return (
      `<section class="run-block" data-run-id="${id}" aria-labelledby="run-t-${id}">` +
      `<p class="run-title" id="run-t-${id}"><span class="codicon codicon-run-all" aria-hidden="true"></span> <strong>Run:</strong> ${renderInline(block.title ?? `\`${block.handler}\``)}</p>` +
      `<p class="run-files"><code>${escape(block.handler)}</code>${block.handlerName ? ` (<code>${escape(block.handlerName)}</code>)` : ''} with event <code>${escape(eventPreview(block))}</code>${settings ? ` · ${escape(settings)}` : ''}</p>` +
      `<div class="run-actions">${buttons}</div>` +
      `<div class="run-output" role="status" aria-live="polite"></div></section>`
    );
  },
};
