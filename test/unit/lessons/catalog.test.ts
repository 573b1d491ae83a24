import * as assert from 'assert';
import { buildCatalog, neighbours } from '../../../src/core/lessons';

function file(name: string, fields: Record<string, string>): { file: string; text: string } {
  const meta = { id: name, title: name, track: 'Foundations', order: '1', summary: 's', objectives: '[x]', estimatedMinutes: '2', ...fields };
  return { file: `lessons/${name}.md`, text: `---\n${Object.entries(meta).map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\nBody\n` };
}

describe('lessons: catalog', () => {
  it('orders lessons by track, then order, then id', () => {
    const c = buildCatalog([
      file('costs', { track: 'Costs', order: '1' }),
      file('b', { order: '2' }),
      file('faas', { track: 'FaaS', order: '1' }),
      file('a', { order: '1' }),
    ]);
    assert.deepStrictEqual(c.lessons.map((l) => l.meta.id), ['a', 'b', 'faas', 'costs']);
    const n = neighbours(c.lessons, 'b');
    assert.strictEqual(n.previous?.meta.id, 'a');
    assert.strictEqual(n.next?.meta.id, 'faas');
    assert.strictEqual(neighbours(c.lessons, 'nope').index, -1);
  });

  it('keeps going past a broken file and reports it separately', () => {
    const c = buildCatalog([file('a', {}), { file: 'lessons/bad.md', text: 'no front matter' }]);
    assert.strictEqual(c.lessons.length, 1);
    assert.deepStrictEqual(c.broken.map((b) => b.file), ['lessons/bad.md']);
  });

  it('reports duplicate ids and unknown prerequisites at the right key line', () => {
    const c = buildCatalog([
      file('a', {}),
      { ...file('a', { order: '2' }), file: 'lessons/z-copy.md' },
      file('c', { order: '3', prerequisites: '[a, ghost]' }),
    ]);
    const errors = c.problems.filter((p) => p.severity === 'error');
    assert.deepStrictEqual(errors.map((p) => [p.file, p.line]), [['lessons/z-copy.md', 2], ['lessons/c.md', 9]]);
    assert.match(errors[0].message, /duplicate lesson id "a" \(also used by lessons\/a\.md\)/);
    assert.match(errors[1].message, /unknown prerequisite "ghost"/);
  });

  it('warns when two lessons share a position in a track', () => {
    const c = buildCatalog([file('a', {}), file('b', {})]);
    assert.deepStrictEqual(c.problems.map((p) => [p.severity, p.file, p.line]), [['warning', 'lessons/b.md', 5]]);
  });
});
