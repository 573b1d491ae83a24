import { loadCatalog } from './catalog';
import { loadLessonRenderer } from './render';
import type { LessonProblem } from './types';

/** Result of checking a lesson folder. */
export interface CheckResult {
  lessonCount: number;
  problems: LessonProblem[];
}

/** Validates every lesson in `dir`: front matter, directives, ids, prerequisites. Sorted by file and line. */
export async function checkLessons(dir: string, displayDir = dir): Promise<CheckResult> {
  const catalog = await loadCatalog(dir, displayDir);
  const renderer = await loadLessonRenderer();
  const problems = [...catalog.problems, ...catalog.broken.flatMap((b) => b.problems)];
  for (const lesson of catalog.lessons) problems.push(...renderer.render(lesson).problems);
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { lessonCount: catalog.lessons.length + catalog.broken.length, problems };
}
