import { createBuiltInDirectives, type DirectiveInstance, type DirectiveRegistry, type DirectiveRenderHelpers } from './directives';
import type { LessonProblem, LessonSource } from './types';

/** A lesson rendered to trusted HTML, with the problems found and the directives it contains. */
export interface RenderedLesson {
  html: string;
  problems: LessonProblem[];
  directives: DirectiveInstance[];
}

/** Renders lesson bodies; created once per process by loadLessonRenderer(). */
export interface LessonRenderer {
  render(source: LessonSource): RenderedLesson;
  /** Whether a fence info word names a language the highlighter knows. */
  isLanguage(name: string): boolean;
  /** Renders inline Markdown (no HTML) for short texts such as quiz explanations. */
  renderInline(markdown: string): string;
}

type RenderEnv = {
  file: string;
  lessonId: string;
  bodyLine: number;
  counts: Map<string, number>;
  problems: LessonProblem[];
  directives: DirectiveInstance[];
};

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The card shown in place of a broken block, or of a whole lesson that failed validation. */
export function renderErrorCard(problems: readonly LessonProblem[]): string {
  const items = problems.map((p) => `<li><code>${escapeHtml(`${p.file}:${p.line}`)}</code> ${escapeHtml(p.message)}</li>`).join('');
  return (
    `<div class="lesson-error" role="alert"><p><span class="codicon codicon-error" aria-hidden="true"></span> ` +
    `<strong>This part of the lesson has a problem.</strong> Fix the file and it reloads.</p><ul>${items}</ul></div>`
  );
}

/**
 * Loads markdown-it and highlight.js on first use (they are big and only needed when a lesson
 * opens or is checked) and returns a renderer whose ```<directive> blocks go through `registry`.
 */
export async function loadLessonRenderer(registry: DirectiveRegistry = createBuiltInDirectives()): Promise<LessonRenderer> {
  const [{ default: MarkdownIt }, { default: hljs }] = await Promise.all([import('markdown-it'), import('highlight.js/lib/common')]);
  const isLanguage = (name: string): boolean => Boolean(hljs.getLanguage(name));
  const md = new MarkdownIt({
    html: false, // no lesson can inject markup or script
    linkify: true,
    highlight(code, lang) {
      if (!lang || !isLanguage(lang)) return '';
      const value = hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
      return `<pre class="code-block"><code class="hljs language-${escapeHtml(lang)}">${value}</code></pre>\n`;
    },
  });
  const helpers: DirectiveRenderHelpers = { escape: escapeHtml, renderInline: (text) => md.renderInline(text) };

  // Wrap, don't replace: ordinary code fences still go through markdown-it's own rule.
  const fence = md.renderer.rules.fence;
  if (!fence) throw new Error('markdown-it has no fence rule');
  md.renderer.rules.fence = (tokens, idx, options, rawEnv, self) => {
    const env = rawEnv as RenderEnv;
    const token = tokens[idx];
    const name = token.info.trim().split(/\s+/)[0] ?? '';
    const fenceLine = env.bodyLine + (token.map?.[0] ?? 0);
    const problem = (line: number, message: string): LessonProblem => ({ file: env.file, line, message, severity: 'error' });
    const kind = registry.get(name);
    if (!kind) {
      if (!name || isLanguage(name)) return fence(tokens, idx, options, env, self);
      const p = problem(fenceLine, `unknown directive "${name}": use one of ${registry.names().join(', ')}, or a language name highlight.js knows (see lessons/README.md)`);
      env.problems.push(p);
      return renderErrorCard([p]);
    }
    const index = env.counts.get(name) ?? 0;
    env.counts.set(name, index + 1);
    const context = { lessonId: env.lessonId, index };
    const parsed = kind.parse(token.content, context);
    const problems = parsed.problems.map((p) => problem(fenceLine + p.line, `${name}: ${p.message}`));
    env.problems.push(...problems);
    if (parsed.value === undefined) return renderErrorCard(problems);
    env.directives.push({ kind: name, value: parsed.value, line: fenceLine });
    return kind.render(parsed.value, context, helpers) + (problems.length ? renderErrorCard(problems) : '');
  };

  // Inline tokens have no line map: copy the paragraph's line onto each image so problems can point at it.
  md.core.ruler.push('image_lines', (state) => {
    for (const t of state.tokens) {
      for (const child of t.type === 'inline' ? (t.children ?? []) : []) if (child.type === 'image') child.meta = { ...child.meta, line: t.map?.[0] ?? 0 };
    }
  });
  // Images: a relative path beside the lesson becomes a placeholder the page points at the lesson folder
  // (within its CSP); SVGs are inlined there, sanitised, so they follow the theme. Remote images never load.
  md.renderer.rules.image = (tokens, idx, _options, rawEnv) => {
    const env = rawEnv as RenderEnv;
    const token = tokens[idx];
    const src = String(token.attrGet('src') ?? '');
    const alt = token.children?.map((c) => c.content).join('') ?? token.content;
    const target = decodeURIComponentSafe(src);
    if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('/') || src.startsWith('//') || !IMAGE_EXTENSIONS.test(target)) {
      const line = env.bodyLine + (((token.meta as { line?: number } | null)?.line) ?? 0);
      env.problems.push({ file: env.file, line, message: `image "${src}" cannot be shown: store an .svg or .png beside the lesson and use a relative path (remote images never load)`, severity: 'error' });
      return `<span class="lesson-image-missing">[image: ${escapeHtml(alt)}]</span>`;
    }
    return `<img class="lesson-image" data-lesson-src="${escapeHtml(target)}" alt="${escapeHtml(alt)}">`;
  };

  return {
    isLanguage,
    renderInline: helpers.renderInline,
    render(source) {
      const env: RenderEnv = { file: source.file, lessonId: source.meta.id, bodyLine: source.bodyLine, counts: new Map(), problems: [], directives: [] };
      const html = md.render(source.body, env);
      env.problems.push(...duplicateDirectiveIds(source.file, env.directives));
      return { html, problems: env.problems, directives: env.directives };
    },
  };
}

/** Image formats a lesson may show. */
const IMAGE_EXTENSIONS = /\.(svg|png|jpe?g|gif|webp)$/i;

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Directive values with an `id` (quizzes) must be unique in a lesson: progress is keyed by it. */
function duplicateDirectiveIds(file: string, directives: readonly DirectiveInstance[]): LessonProblem[] {
  const seen = new Map<string, number>();
  const problems: LessonProblem[] = [];
  for (const d of directives) {
    const id = (d.value as { id?: unknown }).id;
    if (typeof id !== 'string') continue;
    const key = `${d.kind}:${id}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push({ file, line: d.line, message: `duplicate ${d.kind} id "${id}" (first used on line ${first}); give each one a unique "id:"`, severity: 'error' });
    else seen.set(key, d.line);
  }
  return problems;
}
