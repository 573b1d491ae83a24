import * as assert from 'assert';
import { evaluate, parseChecksFile, parseExerciseBlock, readPath } from '../../../src/core/exercises';

const BLOCK = 'id: hello\ntitle: Say hello\nstarter: ex/starter\nsolution: ex/solution\nchecks: ex/checks.yaml\nhandler: handler.js\nline: 3\nstarterFails: no-greeting\nhints:\n  - first\n  - second\n';

describe('exercises: parsing the ```exercise block', () => {
  it('reads every field, keeping hints in order', () => {
    const { value, problems } = parseExerciseBlock(BLOCK, 'exercise-1');
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(value?.id, 'hello');
    assert.strictEqual(value?.line, 3);
    assert.deepStrictEqual(value?.hints, ['first', 'second']);
    assert.strictEqual(value?.starterFails, 'no-greeting');
  });

  it('reports missing and unknown keys at their lines, and gives no value', () => {
    const { value, problems } = parseExerciseBlock('title: T\nstarter: s\nsolutions: x\n', 'exercise-1');
    assert.strictEqual(value, undefined);
    assert.ok(problems.some((p) => p.line === 3 && /unknown key "solutions"/.test(p.message)), JSON.stringify(problems));
    for (const key of ['solution', 'checks', 'handler', 'starterFails']) assert.ok(problems.some((p) => p.message.includes(`"${key}"`)), key);
  });

  it('rejects a non-kebab id, a bad line and non-string hints', () => {
    const { problems } = parseExerciseBlock(BLOCK.replace('id: hello', 'id: Hello World').replace('line: 3', 'line: 0').replace('  - first', '  - 3'), 'x');
    assert.deepStrictEqual(problems.map((p) => p.line).sort(), [1, 7, 9]);
  });
});

describe('exercises: parsing checks files', () => {
  it('reads named checks with one event or several calls', () => {
    const text = 'checks:\n  - name: a\n    message: m\n    event: { x: 1 }\n    expect: [{ path: calls.0.statusCode, equals: 200 }]\n  - name: b\n    message: m2\n    calls:\n      - event: 1\n      - event: 2\n        cold: true\n    expect: [{ path: store.x, exists: true }]\n';
    const { value, problems } = parseChecksFile(text);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(value?.checks.map((c) => c.calls), [[{ event: { x: 1 } }], [{ event: 1 }, { event: 2, cold: true }]]);
  });

  it('names the check and line of each mistake', () => {
    const text = 'checks:\n  - name: a\n    message: m\n    event: {}\n    expect: [{ path: p }]\n  - name: b\n    message: m\n    event: {}\n    expect: [{ path: p, matches: "(" }]\n  - name: a\n    message: m\n    event: {}\n    expect: [{ path: p, equal: 1 }]\n';
    const { value, problems } = parseChecksFile(text);
    assert.strictEqual(value, undefined);
    assert.deepStrictEqual(problems.map((p) => [p.line, p.message.replace(/:.*/, '')]), [[2, 'check 1 ("a")'], [6, 'check 2 ("b")'], [2, 'check 3 ("a")']]);
    assert.match(problems[0].message, /no operator/);
    assert.match(problems[1].message, /not a valid regular expression/);
    assert.match(problems[2].message, /duplicate name/);
  });

  it('refuses an empty or non-list "checks"', () => {
    assert.match(parseChecksFile('checks: []\n').problems[0].message, /non-empty list/);
    assert.match(parseChecksFile('- a\n').problems[0].message, /YAML mapping/);
  });
});

describe('exercises: assertions', () => {
  const obs = { calls: [{ statusCode: 200, body: '{"a":1}', json: { a: 1 }, logs: ['START', 'hello world'], report: { billedDurationMs: 12 } }], store: { charges: [1, 2] } };

  it('reads dotted paths through arrays, including length', () => {
    assert.strictEqual(readPath(obs, 'calls.0.json.a'), 1);
    assert.strictEqual(readPath(obs, 'store.charges.length'), 2);
    assert.strictEqual(readPath(obs, 'calls.3.json.a'), undefined);
  });

  it('passes when every operator holds', () => {
    for (const a of [
      { path: 'calls.0.statusCode', equals: 200 },
      { path: 'calls.0.json', equals: { a: 1 } },
      { path: 'calls.0.body', type: 'string' },
      { path: 'calls.0.report.billedDurationMs', lessThan: 50, greaterThan: 1 },
      { path: 'calls.0.logs', contains: 'world' },
      { path: 'calls.0.body', matches: '^\\{' },
      { path: 'calls.0.errorType', exists: false },
      { path: 'calls.0.statusCode', notEquals: 500 },
    ]) assert.strictEqual(evaluate(a, obs), undefined, JSON.stringify(a));
  });

  it('fails with the path, the expectation and the actual value', () => {
    const f = evaluate({ path: 'calls.0.body', type: 'object' }, obs);
    assert.deepStrictEqual(f, { detail: 'calls.0.body: expected type object (string), got {"a":1}', actual: '{"a":1}' });
    assert.ok(evaluate({ path: 'calls.0.json', equals: { a: 2 } }, obs));
    assert.ok(evaluate({ path: 'calls.0.report.billedDurationMs', lessThan: 12 }, obs));
    assert.ok(evaluate({ path: 'calls.0.logs', contains: 'nope' }, obs));
    assert.ok(evaluate({ path: 'calls.0.statusCode', exists: false }, obs));
  });
});
