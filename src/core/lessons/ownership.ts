// Which Markdown files are Serverless Lab lessons. Lesson diagnostics must never fire on another
// repository's `lessons/*.md`: a file is ours when it lies in the extension's own lesson folder or
// when its front matter declares the lesson schema with the yaml-language-server comment
// (`# yaml-language-server: $schema=…/lesson.schema.json`), which YAML tools already understand.
import * as path from 'node:path';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\s*(?:\r?\n|$)/;
const SCHEMA_COMMENT = /^\s*#\s*yaml-language-server:\s*\$schema=\S*lesson\.schema\.json\s*$/m;

/** True when the front matter of `text` declares the lesson schema. */
export function declaresLessonSchema(text: string): boolean {
  const m = FRONT_MATTER.exec(text);
  return !!m && SCHEMA_COMMENT.test(m[1]);
}

/** True when `file` is a lesson the extension owns: inside one of `lessonRoots` (README.md excepted) or declaring the schema. */
export function isOwnedLesson(file: string, text: string, lessonRoots: readonly string[]): boolean {
  if (!/\.md$/i.test(file) || /(^|[\\/])readme\.md$/i.test(file)) return false;
  const inRoot = lessonRoots.some((root) => {
    const rel = path.relative(root, file);
    return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel);
  });
  return inRoot || declaresLessonSchema(text);
}
