import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runChecks, type CheckSpec } from '../../../src/core/exercises';
import type { FunctionRuntime, HeadlessInvokeOptions, RuntimeRecord } from '../../../src/core/runtime/types';

/** A fake runtime: the "handler" is a JS function of (event, module state); calls are recorded. */
function fakeRuntime(handler: (event: unknown, state: { n: number }, env: Record<string, string>) => unknown) {
  const calls: Array<{ target: string; options: HeadlessInvokeOptions }> = [];
  let state = { n: 0 };
  const runtime: FunctionRuntime = {
    async invoke(target, event, options) {
      calls.push({ target, options });
      if (options.forceCold) state = { n: 0 };
      let response: unknown;
      let error: RuntimeRecord['error'];
      try {
        response = handler(event, state, options.env ?? {});
      } catch (e) {
        error = { errorType: (e as Error).name, errorMessage: (e as Error).message };
      }
      return {
        requestId: `r${calls.length}`, functionName: 'f', cold: Boolean(options.forceCold), timings: { invokeMs: 1, startedAt: 0 },
        report: { durationMs: 1, billedDurationMs: 1, memorySizeMb: 128, maxMemoryUsedMb: 40 }, logs: ['START RequestId: x', 'hi', 'REPORT RequestId: x'],
        ...(error ? { error } : { response }), invocationType: 'RequestResponse', source: options.source,
      };
    },
    addEnvironmentProvider: () => () => undefined,
    onInvocation: () => () => undefined,
  };
  return { runtime, calls };
}

const checks: CheckSpec[] = [
  { name: 'body-not-string', message: 'Your body was {actual}: use JSON.stringify.', calls: [{ event: {} }], expect: [{ path: 'calls.0.body', type: 'string' }] },
  { name: 'state-leaks', message: 'The warm call returned {actual}.', calls: [{ event: {} }, { event: {} }], expect: [{ path: 'calls.1.response.count', equals: 1 }] },
];

describe('exercises: running checks through a FunctionRuntime', () => {
  it('invokes the handler file as an exercise check, cold first and warm after, with a store folder', async () => {
    const { runtime, calls } = fakeRuntime((_e, s) => ({ body: 'x', count: (s.n = 1) }));
    const result = await runChecks(checks, { runtime, handlerFile: '/w/handler.js', handlerName: 'main' });
    assert.strictEqual(result.passed, true, JSON.stringify(result));
    assert.deepStrictEqual(calls.map((c) => [c.target, c.options.source, c.options.forceCold, c.options.handlerName]), [
      ['/w/handler.js', 'exercise-check', true, 'main'],
      ['/w/handler.js', 'exercise-check', true, 'main'],
      ['/w/handler.js', 'exercise-check', false, 'main'],
    ]);
    assert.ok(calls.every((c) => c.options.env?.EXERCISE_STORE_DIR));
  });

  it('reports the first failure with its own message, and the rest when asked for all', async () => {
    const { runtime } = fakeRuntime((_e, s) => ({ body: { a: 1 }, count: ++s.n + 1 }));
    const all = await runChecks(checks, { runtime, handlerFile: 'h.js' });
    assert.strictEqual(all.passed, false);
    assert.deepStrictEqual(all.outcomes.map((o) => [o.name, o.passed]), [['body-not-string', false], ['state-leaks', false]]);
    assert.strictEqual(all.firstFailure?.message, 'Your body was {"a":1}: use JSON.stringify.');
    assert.strictEqual(all.outcomes[1].message, 'The warm call returned 3.');
    const first = await runChecks(checks, { runtime, handlerFile: 'h.js', stopAtFirstFailure: true });
    assert.strictEqual(first.outcomes.length, 1);
  });

  it('observes error types, output lines and the files written to the store, then removes the store', async () => {
    let storeDir = '';
    const { runtime } = fakeRuntime((e, _s, env) => {
      storeDir = env.EXERCISE_STORE_DIR;
      fs.writeFileSync(path.join(storeDir, 'charges.json'), JSON.stringify([e]));
      if ((e as { fail?: boolean }).fail) throw new TypeError('boom');
      return {};
    });
    const spec: CheckSpec = {
      name: 'all', message: 'm', calls: [{ event: { fail: true } }],
      expect: [{ path: 'calls.0.errorType', equals: 'TypeError' }, { path: 'calls.0.output', equals: 'hi' }, { path: 'store.charges.0.fail', equals: true }],
    };
    const result = await runChecks([spec], { runtime, handlerFile: 'h.js' });
    assert.strictEqual(result.passed, true, JSON.stringify(result));
    assert.strictEqual(fs.existsSync(storeDir), false);
  });

  it('turns an unknown function into specific feedback, not a crash', async () => {
    const runtime: FunctionRuntime = { invoke: () => Promise.reject(new Error('No function "h.js"')), addEnvironmentProvider: () => () => undefined, onInvocation: () => () => undefined };
    const result = await runChecks(checks.slice(0, 1), { runtime, handlerFile: 'h.js' });
    assert.match(result.firstFailure?.message ?? '', /could not run your handler: No function "h.js"/);
  });

  it('lets another engine plug in an observer', async () => {
    const { runtime } = fakeRuntime(() => ({}));
    const spec: CheckSpec = { name: 'trace', message: 'm', calls: [{ event: {} }], expect: [{ path: 'trace.hops', equals: 1 }] };
    const result = await runChecks([spec], { runtime, handlerFile: 'h.js', observers: [{ key: 'trace', observe: ({ records }) => ({ hops: records.length }) }] });
    assert.strictEqual(result.passed, true);
  });
});
