import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { declaresLessonSchema, isOwnedLesson } from '../../../src/core/lessons/ownership';

const root = path.resolve('/ext/lessons');
const plain = '---\nid: a\ntitle: A\n---\n\nBody\n';
const declared = '---\n# yaml-language-server: $schema=https://serverless-lab.invalid/schemas/lesson.schema.json\nid: a\n---\nBody\n';

describe('lessons/ownership', () => {
  it('owns Markdown in the extension lesson folder, but not its README', () => {
    assert.equal(isOwnedLesson(path.join(root, 'cold-starts.md'), plain, [root]), true);
    assert.equal(isOwnedLesson(path.join(root, 'README.md'), plain, [root]), false);
  });

  it("leaves another repository's lessons/*.md alone", () => {
    assert.equal(isOwnedLesson(path.resolve('/work/other-repo/lessons/intro.md'), plain, [root]), false);
    assert.equal(isOwnedLesson(path.resolve('/ext/lessons-old/intro.md'), plain, [root]), false, 'a sibling folder with the same prefix');
  });

  it('owns any Markdown file whose front matter declares the lesson schema', () => {
    assert.equal(declaresLessonSchema(declared), true);
    assert.equal(isOwnedLesson(path.resolve('/work/my-course/lessons/x.md'), declared, [root]), true);
    assert.equal(declaresLessonSchema('---\nid: a\n---\n# yaml-language-server: $schema=lesson.schema.json\n'), false, 'only inside the front matter');
    assert.equal(declaresLessonSchema('---\n# yaml-language-server: $schema=other.schema.json\n---\n'), false);
  });
});
