import * as assert from 'assert';
import * as path from 'path';
import { loadCatalog, loadLessonRenderer, TRACKS } from '../../../src/core/lessons';

// Issue 18's standards that can be checked statically, over the shipped curriculum.
describe('lessons: the curriculum (issue 18 standards)', () => {
  it('has lessons in every track, and every lesson has something to do', async () => {
    const catalog = await loadCatalog(path.resolve(__dirname, '../../../lessons'), 'lessons');
    const tracks = new Set(catalog.lessons.map((l) => l.meta.track));
    assert.deepStrictEqual(TRACKS.filter((t) => !tracks.has(t)), [], 'every track has at least one lesson');
    const renderer = await loadLessonRenderer();
    const idle: string[] = [];
    for (const l of catalog.lessons) {
      const kinds = new Set(renderer.render(l).directives.map((d) => d.kind));
      // Something to do: an exercise, a run or predict block, or a tool link with a task.
      const toolLink = /\]\(command:serverlessLab\.[\w.]+/.test(l.body);
      if (!kinds.has('exercise') && !kinds.has('run') && !kinds.has('predict') && !toolLink) idle.push(l.file);
    }
    assert.deepStrictEqual(idle, [], 'lessons with nothing to do');
  });

  it('meets issue 18\'s size gate: at least 40 lessons in 8 tracks, with at least 25 exercises', async () => {
    const catalog = await loadCatalog(path.resolve(__dirname, '../../../lessons'), 'lessons');
    const renderer = await loadLessonRenderer();
    const exercises = catalog.lessons.flatMap((l) => renderer.render(l).directives.filter((d) => d.kind === 'exercise'));
    assert.ok(catalog.lessons.length >= 40, `${catalog.lessons.length} lessons`);
    assert.strictEqual(new Set(catalog.lessons.map((l) => l.meta.track)).size, 8);
    assert.ok(exercises.length >= 25, `${exercises.length} exercises`);
  });

  it('dates every lesson that quotes prices, limits or runtime versions', async () => {
    const catalog = await loadCatalog(path.resolve(__dirname, '../../../lessons'), 'lessons');
    // A dollar amount or a per-GB-second price is an ageing fact; such lessons need `checked:`.
    const undated = catalog.lessons.filter((l) => l.file.split(path.sep).length > 2 && /\$\d|per GB-s/.test(l.body) && !l.meta.checked).map((l) => l.file);
    assert.deepStrictEqual(undated, []);
  });
});
