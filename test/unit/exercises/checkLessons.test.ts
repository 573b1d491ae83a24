import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkLessons, formatProblem } from '../../../src/core/lessons';

const meta = (id: string, objectives: string, order = 1): string =>
  `---\nid: ${id}\ntitle: T\ntrack: FaaS\norder: ${order}\nsummary: s\nobjectives:\n  - ${objectives}\nestimatedMinutes: 2\n---\n`;
const EXERCISE = '```exercise\nid: ex\ntitle: Ex\nstarter: ex/starter\nsolution: ex/solution\nchecks: ex/checks.yaml\nhandler: handler.js\nstarterFails: wrong\n```\n';
const CHECKS = 'checks:\n  - name: right\n    message: m\n    event: {}\n    expect: [{ path: calls.0.response, equals: 1 }]\n';

describe('lessons check: exercises, folder lessons and links', () => {
  let dir: string;
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-exercise-check-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds folder lessons and loads their exercises relative to lesson.md', async () => {
    write('faas/hello/lesson.md', `${meta('hello', 'Write a handler')}See [the other lesson](../../other.md).\n\n${EXERCISE.replace('wrong', 'right')}`);
    write('faas/hello/ex/starter/handler.js', 'exports.handler = async () => 0;\n');
    write('faas/hello/ex/solution/handler.js', 'exports.handler = async () => 1;\n');
    write('faas/hello/ex/checks.yaml', CHECKS);
    write('other.md', meta('other', 'Explain things', 2));
    const result = await checkLessons(dir, 'lessons');
    assert.deepStrictEqual(result.problems.map(formatProblem), []);
    assert.strictEqual(result.lessonCount, 2);
    assert.deepStrictEqual(result.exercises.map((e) => [e.lessonId, e.exercise.spec.id, e.exercise.checks.length]), [['hello', 'ex', 1]]);
    assert.strictEqual(result.exercises[0].exercise.starterDir, path.join(dir, 'faas/hello/ex/starter'));
  });

  it('reports missing exercise files, an unknown starterFails, a broken link and an unchecked "write" objective', async () => {
    write('a.md', `${meta('a', 'Write a handler')}\n${EXERCISE}`);
    write('ex/starter/handler.js', '');
    write('ex/checks.yaml', CHECKS);
    write('b.md', `${meta('b', 'Build an API', 2)}\nSee [missing](nope.md) and [web](https://aws.amazon.com) and [tool](command:serverlessLab.openCost).\n`);
    const messages = (await checkLessons(dir, 'lessons')).problems.map(formatProblem);
    assert.deepStrictEqual(messages, [
      'lessons/a.md:12: exercise "ex": solution folder "ex/solution" not found next to the lesson',
      'lessons/a.md:12: exercise "ex": starterFails "wrong" is not a check in ex/checks.yaml (checks: right)',
      'lessons/b.md:7: objective "Build an API" asks the learner to write or build something, but the lesson has no ```exercise to check it',
      'lessons/b.md:12: link "nope.md" points at no file (paths are relative to the lesson file)',
    ]);
  });
});

describe('lessons check: the "checked" date of ageing facts', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-checked-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const lesson = (checked: string): void =>
    fs.writeFileSync(path.join(dir, 'a.md'), meta('a', 'Explain prices').replace('estimatedMinutes: 2\n', `estimatedMinutes: 2\nchecked: ${checked}\n`));
  const messages = async (now: string): Promise<string[]> =>
    (await checkLessons(dir, 'lessons', new Date(now))).problems.map(formatProblem);

  it('is quiet within a year and warns at its line after one', async () => {
    lesson('2025-11-27');
    assert.deepStrictEqual(await messages('2026-11-27T12:00:00Z'), []);
    assert.deepStrictEqual(await messages('2026-11-29T12:00:00Z'), [
      'lessons/a.md:10: warning: facts last checked 2025-11-27 (367 days ago): re-check prices, limits and versions against the linked sources, then update "checked"',
    ]);
  });

  it('refuses an impossible or future date', async () => {
    lesson('2026-02-30');
    assert.match((await messages('2026-11-27T00:00:00Z'))[0], /a\.md:10: "checked" is not a real date: 2026-02-30/);
    lesson('2027-01-01');
    assert.match((await messages('2026-11-27T00:00:00Z'))[0], /a\.md:10: "checked" \(2027-01-01\) is in the future/);
  });
});
