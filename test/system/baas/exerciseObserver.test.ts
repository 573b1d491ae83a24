import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadExercise, runChecks, verifyExercise, type ExerciseSpec } from '../../../src/core/exercises';
import { runBaasScenario } from '../../../src/core/baas/exercise/scenario';
import type { FunctionRuntime } from '../../../src/core/runtime/types';

const lessonFile = path.resolve(__dirname, '../../../lessons/backend-as-a-service.md');
const spec: ExerciseSpec = {
  id: 'rls-own-rows',
  title: 'Users read only their own rows',
  starter: 'exercises/rls-own-rows/starter',
  solution: 'exercises/rls-own-rows/solution',
  checks: 'exercises/rls-own-rows/checks.yaml',
  handler: 'policies.sql',
  hints: [],
  starterFails: 'reads-others-rows',
};

// BaaS checks invoke no function: a runtime that fails loudly proves it.
const noRuntime: FunctionRuntime = {
  invoke: () => Promise.reject(new Error('a baas check must not invoke a function')),
  addEnvironmentProvider: () => () => undefined,
  onInvocation: () => () => undefined,
};

describe('exercise observer `baas` (real PGlite from the template)', function () {
  this.timeout(300_000);

  it('passes the rls-own-rows solution, and the starter fails first with its specific message', async () => {
    const { exercise, problems } = await loadExercise(lessonFile, spec);
    assert.deepEqual(problems, []);
    const result = await verifyExercise('backend-as-a-service', exercise!, () => ({ runtime: noRuntime, dispose: async () => undefined }));
    assert.ok(result.solutionPasses, result.line);
    assert.ok(result.starterFailsAsIntended, result.line);
    assert.match(result.line, /Bob read 1 of Alice's notes/);
  });

  it('reports a learner SQL error with the file, line and caret, as data', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'baas-ex-'));
    try {
      fs.writeFileSync(path.join(folder, 'policies.sql'), 'create table t (id int);\ncreate polcy "x" on t using (true);\n');
      const seen = await runBaasScenario({ sql: ['policies.sql'], users: [], requests: [] }, folder);
      assert.match(String(seen.sqlError), /^policies\.sql: ERROR: syntax error at or near "polcy"[\s\S]*LINE 2: create polcy/);
      const checks = [{ name: 'sql-does-not-run', message: 'Your SQL did not run: {actual}', calls: [], baas: { sql: ['policies.sql'], users: [], requests: [] }, expect: [{ path: 'baas.sqlError', exists: false }] }];
      const result = await runChecks(checks, { runtime: noRuntime, handlerFile: path.join(folder, 'policies.sql') });
      assert.match(String(result.firstFailure?.message), /Your SQL did not run: "?policies\.sql: ERROR: syntax error/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('stops learner SQL that never ends (PGlite runs in a worker thread) and reports it as data', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'baas-ex-'));
    try {
      fs.writeFileSync(path.join(folder, 'policies.sql'), 'with recursive r(n) as (select 1 union all select n + 1 from r) select count(*) from r;\n');
      const seen = await runBaasScenario({ sql: ['policies.sql'], users: [], requests: [] }, folder, { statementTimeoutMs: 1000 });
      assert.match(String(seen.sqlError), /^policies\.sql: ERROR: The statement ran longer than 1 s and was stopped\. .* \(SQLSTATE 57014\)\nHINT: Look for an endless loop/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('runs SQL requests under the caller role with its claims', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'baas-ex-'));
    try {
      const seen = await runBaasScenario(
        { sql: [], users: ['alice'], requests: [{ as: 'alice', sql: 'select auth.uid()::text as me, current_user as role' }, { as: 'anon', sql: 'select * from auth.users' }] },
        folder,
      );
      assert.deepEqual(seen.requests[0].rows, [{ me: seen.users.alice, role: 'authenticated' }]);
      assert.equal(seen.requests[1].code, '42501');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
