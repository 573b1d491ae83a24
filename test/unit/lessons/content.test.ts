import * as assert from 'assert';
import * as path from 'path';
import { loadCatalog, loadLessonRenderer } from '../../../src/core/lessons';

describe('lessons: shipped content', () => {
  it('has the first three lessons in course order, each with at least one quiz', async () => {
    const catalog = await loadCatalog(path.resolve(__dirname, '../../../lessons'), 'lessons');
    const ids = catalog.lessons.map((l) => l.meta.id);
    for (const id of ['what-is-serverless', 'faas-in-one-page', 'anatomy-of-a-handler']) assert.ok(ids.includes(id), `missing ${id}`);
    assert.strictEqual(ids[0], 'what-is-serverless', 'the welcome lesson comes first');
    assert.ok(ids.indexOf('faas-in-one-page') < ids.indexOf('anatomy-of-a-handler'));
    const renderer = await loadLessonRenderer();
    for (const l of catalog.lessons) {
      const r = renderer.render(l);
      assert.ok(r.directives.some((d) => d.kind === 'quiz'), `${l.file} has no quiz`);
    }
    const anatomy = renderer.render(catalog.lessons.find((l) => l.meta.id === 'anatomy-of-a-handler')!);
    assert.match(anatomy.html, /language-python[\s\S]*lambda_handler[\s\S]*language-javascript/);
  });
});
