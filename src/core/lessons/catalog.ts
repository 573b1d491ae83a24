import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseFrontMatter } from './frontMatter';
import { TRACKS, type LessonMeta, type LessonProblem, type LessonSource } from './types';

/** A lesson file whose front matter could not be read; shown as an error card, never hidden. */
export interface BrokenLesson {
  file: string;
  problems: LessonProblem[];
}

/** Every lesson in a folder, in course order, plus the files that failed and cross-lesson problems. */
export interface LessonCatalog {
  lessons: LessonSource[];
  broken: BrokenLesson[];
  problems: LessonProblem[];
}

/** Course order: by track (in TRACKS order), then `order`, then id so ties are stable. */
export function compareLessons(a: LessonMeta, b: LessonMeta): number {
  return TRACKS.indexOf(a.track) - TRACKS.indexOf(b.track) || a.order - b.order || a.id.localeCompare(b.id);
}

/** Builds a catalog from already-read files: `files` maps display path to text. */
export function buildCatalog(files: ReadonlyArray<{ file: string; text: string }>): LessonCatalog {
  const lessons: LessonSource[] = [];
  const broken: BrokenLesson[] = [];
  for (const { file, text } of files) {
    const { source, problems } = parseFrontMatter(file, text);
    if (source) lessons.push(source);
    else broken.push({ file, problems });
  }
  lessons.sort((a, b) => compareLessons(a.meta, b.meta));
  return { lessons, broken, problems: crossLessonProblems(lessons) };
}

/** Lesson files in `dir`: every top-level `*.md` except README.md, and every `lesson.md` in a lesson folder below it (`<track>/<lesson>/lesson.md`). */
export async function findLessonFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string, depth: number): Promise<void> => {
    for (const entry of await fs.readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? path.join(rel, entry.name) : entry.name;
      if (entry.isDirectory() && depth < 3 && entry.name !== 'node_modules' && !entry.name.startsWith('.')) await walk(child, depth + 1);
      else if (entry.isFile() && (depth === 0 ? entry.name.endsWith('.md') && entry.name.toLowerCase() !== 'readme.md' : entry.name === 'lesson.md')) out.push(child);
    }
  };
  await walk('', 0);
  return out.sort();
}

/** Reads every lesson file in `dir` (see findLessonFiles); problems name files as `displayDir/<relative path>`. */
export async function loadCatalog(dir: string, displayDir = dir): Promise<LessonCatalog> {
  const names = await findLessonFiles(dir);
  const files = await Promise.all(
    names.map(async (n) => ({ file: path.join(displayDir, n), text: await fs.readFile(path.join(dir, n), 'utf8') })),
  );
  return buildCatalog(files);
}

/** Problems that need every lesson: duplicate ids, unknown prerequisites, clashing positions. */
export function crossLessonProblems(lessons: readonly LessonSource[]): LessonProblem[] {
  const problems: LessonProblem[] = [];
  const byId = new Map<string, LessonSource>();
  const byPosition = new Map<string, LessonSource>();
  for (const l of [...lessons].sort((a, b) => a.file.localeCompare(b.file))) {
    const first = byId.get(l.meta.id);
    if (first) problems.push(err(l, 'id', `duplicate lesson id "${l.meta.id}" (also used by ${first.file}); ids must be unique`));
    else byId.set(l.meta.id, l);
    const position = `${l.meta.track}#${l.meta.order}`;
    const clash = byPosition.get(position);
    if (clash) problems.push({ ...err(l, 'order', `order ${l.meta.order} in track ${l.meta.track} is also used by ${clash.file}; the sequence is ambiguous`), severity: 'warning' });
    else byPosition.set(position, l);
  }
  for (const l of lessons) {
    for (const pre of l.meta.prerequisites ?? []) {
      if (!byId.has(pre)) problems.push(err(l, 'prerequisites', `unknown prerequisite "${pre}": no lesson has that id`));
      else if (pre === l.meta.id) problems.push(err(l, 'prerequisites', 'a lesson cannot be its own prerequisite'));
    }
  }
  return problems;
}

function err(l: LessonSource, key: keyof LessonMeta, message: string): LessonProblem {
  return { file: l.file, line: l.keyLines[key] ?? 1, message, severity: 'error' };
}

/** The lessons before and after `id` in course order (undefined at either end or if unknown). */
export function neighbours<T extends { meta: LessonMeta }>(lessons: readonly T[], id: string): { previous?: T; next?: T; index: number } {
  const index = lessons.findIndex((l) => l.meta.id === id);
  if (index < 0) return { index };
  return { previous: lessons[index - 1], next: lessons[index + 1], index };
}
