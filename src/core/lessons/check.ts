import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { loadExercise, type LoadedExercise } from '../exercises/files';
import type { ExerciseSpec } from '../exercises/types';
import type { PredictBlock } from './blocks/predict';
import type { RunBlock } from './blocks/run';
import type { InvokeTarget } from './blocks/target';
import type { LessonBlock } from './blocks/verify';
import { checkToolLinks, commandLinks, linkFiles, parseToolLink } from './toolLinks';
import { loadCatalog } from './catalog';
import { loadLessonRenderer } from './render';
import type { LessonProblem, LessonSource } from './types';

/** Result of checking a lesson folder; `exercises` are the loadable ones, for `--exercises`. */
export interface CheckResult {
  lessonCount: number;
  problems: LessonProblem[];
  exercises: Array<{ lessonId: string; exercise: LoadedExercise }>;
  /** The ```run and ```predict blocks whose files exist, for `--exercises` to execute once each. */
  blocks: LessonBlock[];
}

/** Objectives that promise the learner makes something need an exercise to check it. */
const MAKING_OBJECTIVE = /\b(write|build)\b/i;

/**
 * Validates every lesson in `dir`: front matter, directives, ids, prerequisites, exercise files
 * and checks, relative links to other lessons, and "write"/"build" objectives backed by an exercise.
 */
export async function checkLessons(dir: string, displayDir = dir, now: Date = new Date()): Promise<CheckResult> {
  const catalog = await loadCatalog(dir, displayDir);
  const renderer = await loadLessonRenderer();
  const problems = [...catalog.problems, ...catalog.broken.flatMap((b) => b.problems)];
  const exercises: CheckResult['exercises'] = [];
  const blocks: LessonBlock[] = [];
  for (const lesson of catalog.lessons) {
    const rendered = renderer.render(lesson);
    problems.push(...rendered.problems);
    const absFile = path.join(dir, path.relative(displayDir, lesson.file));
    const specs = rendered.directives.filter((d) => d.kind === 'exercise');
    for (const d of specs) {
      const loaded = await loadExercise(absFile, d.value as ExerciseSpec);
      problems.push(...loaded.problems.map((message) => ({ file: lesson.file, line: d.line, message, severity: 'error' as const })));
      if (loaded.exercise) exercises.push({ lessonId: lesson.meta.id, exercise: loaded.exercise });
    }
    if (specs.length === 0) {
      for (const objective of lesson.meta.objectives.filter((o) => MAKING_OBJECTIVE.test(o))) {
        problems.push({ file: lesson.file, line: lesson.keyLines.objectives ?? 1, message: `objective "${objective}" asks the learner to write or build something, but the lesson has no \`\`\`exercise to check it`, severity: 'error' });
      }
    }
    for (const d of rendered.directives) {
      if (d.kind !== 'run' && d.kind !== 'predict') continue;
      const block = d.value as RunBlock | PredictBlock;
      const target = d.kind === 'run' ? (block as RunBlock) : (block as PredictBlock).subject.kind === 'invoke' ? ((block as PredictBlock).subject as InvokeTarget) : undefined;
      const missing = target ? await missingFiles(target, absFile) : [];
      problems.push(...missing.map((message) => ({ file: lesson.file, line: d.line, message: `${d.kind} "${block.id}": ${message}`, severity: 'error' as const })));
      if (!missing.length) blocks.push({ lessonId: lesson.meta.id, lessonFile: absFile, line: d.line, ...(d.kind === 'run' ? { kind: 'run', block: block as RunBlock } : { kind: 'predict', block: block as PredictBlock }) });
    }
    problems.push(...(await brokenLinks(lesson, absFile)));
    problems.push(...checkToolLinks(lesson));
    for (const { href, line } of commandLinks(lesson)) {
      const { link } = parseToolLink(href);
      for (const file of link ? linkFiles(link) : []) {
        if (!(await fs.stat(path.resolve(path.dirname(absFile), file)).catch(() => undefined))?.isFile()) problems.push({ file: lesson.file, line, message: `${link?.command}: file "${file}" not found (paths are relative to the lesson file)`, severity: 'error' });
      }
    }
    const stale = staleCheck(lesson, now);
    if (stale) problems.push(stale);
  }
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { lessonCount: catalog.lessons.length + catalog.broken.length, problems, exercises, blocks };
}

/** A block's handler must exist beside the lesson, and its event file must exist and hold JSON. */
async function missingFiles(target: InvokeTarget, lessonFile: string): Promise<string[]> {
  const out: string[] = [];
  const base = path.dirname(lessonFile);
  if (!(await fs.stat(path.resolve(base, target.handler)).catch(() => undefined))?.isFile()) out.push(`handler "${target.handler}" not found (paths are relative to the lesson file)`);
  if (target.eventFile !== undefined) {
    const text = await fs.readFile(path.resolve(base, target.eventFile), 'utf8').catch(() => undefined);
    if (text === undefined) out.push(`eventFile "${target.eventFile}" not found (paths are relative to the lesson file)`);
    else {
      try {
        JSON.parse(text);
      } catch (e) {
        out.push(`eventFile "${target.eventFile}" is not valid JSON: ${(e as Error).message}`);
      }
    }
  }
  return out;
}

/** Claims that age (prices, limits, runtime versions) must be re-checked against their sources yearly. */
const STALE_AFTER_DAYS = 365;

/** A warning when the lesson's `checked` date is more than a year before `now` (or in the future). */
export function staleCheck(lesson: LessonSource, now: Date): LessonProblem | undefined {
  const checked = lesson.meta.checked;
  if (!checked) return undefined;
  const line = lesson.keyLines.checked ?? 1;
  const time = Date.parse(`${checked}T00:00:00Z`);
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== checked) return { file: lesson.file, line, message: `"checked" is not a real date: ${checked}`, severity: 'error' };
  const days = Math.floor((now.getTime() - time) / 86_400_000);
  if (days < 0) return { file: lesson.file, line, message: `"checked" (${checked}) is in the future`, severity: 'error' };
  if (days > STALE_AFTER_DAYS) {
    return { file: lesson.file, line, message: `facts last checked ${checked} (${days} days ago): re-check prices, limits and versions against the linked sources, then update "checked"`, severity: 'warning' };
  }
  return undefined;
}

/** Relative Markdown links (`[next](cold-starts.md)`, `![diagram](img/flow.svg)`) must point at existing files. */
async function brokenLinks(lesson: LessonSource, absFile: string): Promise<LessonProblem[]> {
  const problems: LessonProblem[] = [];
  const lines = lesson.body.split(/\r?\n/);
  let inFence = false;
  for (const [i, text] of lines.entries()) {
    if (/^\s*(```|~~~)/.test(text)) inFence = !inFence;
    if (inFence) continue;
    for (const m of text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = m[1];
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue; // https:, command:, anchors
      const file = path.resolve(path.dirname(absFile), decodeURI(target.split('#')[0]));
      if (!(await fs.stat(file).catch(() => undefined))) {
        problems.push({ file: lesson.file, line: lesson.bodyLine + i, message: `link "${target}" points at no file (paths are relative to the lesson file)`, severity: 'error' });
      }
    }
  }
  return problems;
}
