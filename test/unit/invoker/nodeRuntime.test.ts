// The Node runtime end to end: lifecycle, context, environment, handler styles, errors, limits, events.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createInvoker, type Invoker, type InvokerEventMap } from '../../../src/core/invoker';
import { bootstrapDir, makeDir, newInvoker, nodeFn, removeDir, startedPids, waitFor } from './helpers';

const REPORT_RE = /^REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d{2} ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB(\tInit Duration: \d+\.\d{2} ms)?$/;

describe('invoker: Node runtime', function () {
  this.timeout(20000);
  let invoker: Invoker;
  let dir: string | undefined;

  beforeEach(async () => {
    invoker = await newInvoker();
  });
  afterEach(async () => {
    await invoker.dispose();
    removeDir(dir);
    dir = undefined;
  });

  it('runs cold then warm in the same sandbox, keeping module state, with Lambda log lines', async () => {
    dir = makeDir({ 'index.js': "let count = 0; console.log('init code');\nexports.handler = async (event) => { count++; console.log('got', event.n); return { count }; };\n" });
    const fn = nodeFn(dir);
    const cold = await invoker.invoke(fn, { event: { n: 1 } });
    const warm = await invoker.invoke(fn, { event: { n: 2 } });
    assert.deepStrictEqual(cold.response, { count: 1 });
    assert.deepStrictEqual(warm.response, { count: 2 });
    assert.strictEqual(cold.cold, true);
    assert.strictEqual(warm.cold, false);
    assert.strictEqual(cold.sandboxId, warm.sandboxId);
    // INIT_START, then init output, precede START, as in CloudWatch.
    assert.match(cold.logs.shift()!, /^INIT_START Runtime Version: nodejs:\d+\.local\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:/);
    assert.match(cold.logs[0], /\tundefined\tINFO\tinit code$/);
    assert.strictEqual(cold.logs[1], `START RequestId: ${cold.requestId} Version: $LATEST`);
    assert.match(cold.logs[2], new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t${cold.requestId}\\tINFO\\tgot 1$`));
    assert.strictEqual(cold.logs[3], `END RequestId: ${cold.requestId}`);
    assert.match(cold.logs[4], REPORT_RE);
    assert.match(cold.logs[4], /Init Duration/);
    assert.doesNotMatch(warm.logs[warm.logs.length - 1], /Init Duration/);
    assert.match(warm.logs[warm.logs.length - 1], REPORT_RE);
    assert.ok(cold.report.initDurationMs! > 0);
    assert.strictEqual(warm.report.initDurationMs, undefined);
    // Real peak RSS of a Node process: tens of MB, never the configured size.
    assert.ok(cold.report.maxMemoryUsedMb > 5 && cold.report.maxMemoryUsedMb < 128, `max memory ${cold.report.maxMemoryUsedMb}`);
    const t = cold.timings;
    assert.ok(t.spawnMs! >= 0 && t.runtimeInitMs! >= 0 && t.functionInitMs! >= 0);
    assert.ok(Math.abs(t.spawnMs! + t.runtimeInitMs! + t.functionInitMs! - cold.report.initDurationMs!) < 0.05);
    assert.strictEqual(cold.report.billedDurationMs, Math.ceil(cold.report.durationMs + cold.report.initDurationMs! - 1e-9));
  });

  it('gives the handler Lambda context fields and environment variables, and a private TMPDIR removed at shutdown', async () => {
    dir = makeDir({
      'ctx.js': `exports.handler = async (event, context) => ({
        ctx: { functionName: context.functionName, functionVersion: context.functionVersion, invokedFunctionArn: context.invokedFunctionArn,
          memoryLimitInMB: context.memoryLimitInMB, awsRequestId: context.awsRequestId, logGroupName: context.logGroupName,
          logStreamName: context.logStreamName, remaining: context.getRemainingTimeInMillis(), waits: context.callbackWaitsForEmptyEventLoop,
          clientContext: context.clientContext, identity: context.identity },
        env: Object.fromEntries(['AWS_LAMBDA_FUNCTION_NAME','AWS_LAMBDA_FUNCTION_MEMORY_SIZE','AWS_LAMBDA_FUNCTION_VERSION','AWS_REGION','_HANDLER','LAMBDA_TASK_ROOT','TZ','MY_VAR','TMPDIR','_X_AMZN_TRACE_ID'].map(k => [k, process.env[k]])),
      });`,
    });
    const fn = nodeFn(dir, 'ctx.js', { name: 'ctxfn', env: { MY_VAR: 'hello' }, timeoutSec: 5 });
    const r = await invoker.invoke(fn, { event: {}, clientContext: { client: { app: 'a' } }, cognitoIdentity: { cognitoIdentityId: 'c1' } });
    const { ctx, env } = r.response as { ctx: Record<string, unknown>; env: Record<string, string> };
    assert.strictEqual(ctx.functionName, 'ctxfn');
    assert.strictEqual(ctx.functionVersion, '$LATEST');
    assert.strictEqual(ctx.invokedFunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:ctxfn');
    assert.strictEqual(ctx.memoryLimitInMB, '128');
    assert.strictEqual(ctx.awsRequestId, r.requestId);
    assert.strictEqual(ctx.logGroupName, '/aws/lambda/ctxfn');
    assert.match(String(ctx.logStreamName), /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\]/);
    assert.ok(Number(ctx.remaining) > 4000 && Number(ctx.remaining) <= 5000);
    assert.strictEqual(ctx.waits, true);
    assert.deepStrictEqual(ctx.clientContext, { client: { app: 'a' } });
    assert.deepStrictEqual(ctx.identity, { cognitoIdentityId: 'c1' });
    assert.strictEqual(env.AWS_LAMBDA_FUNCTION_NAME, 'ctxfn');
    assert.strictEqual(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, '128');
    assert.strictEqual(env.AWS_LAMBDA_FUNCTION_VERSION, '$LATEST');
    assert.strictEqual(env.AWS_REGION, 'us-east-1');
    assert.strictEqual(env._HANDLER, 'ctx.handler');
    assert.strictEqual(env.LAMBDA_TASK_ROOT, dir);
    assert.strictEqual(env.TZ, ':UTC');
    assert.strictEqual(env.MY_VAR, 'hello');
    assert.match(env._X_AMZN_TRACE_ID, /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    assert.ok(fs.existsSync(env.TMPDIR) && env.TMPDIR !== process.env.TMPDIR);
    await invoker.stopSandboxes();
    assert.ok(await waitFor(() => !fs.existsSync(env.TMPDIR)), 'private TMPDIR removed at shutdown');
  });

  it('supports ESM (.mjs), callback style (waiting for the empty event loop), and TypeScript handlers', async () => {
    dir = makeDir({
      'esm.mjs': 'export const handler = async (e) => ({ esm: true, e });\n',
      'cb.js': "exports.handler = (event, context, callback) => { let late = 0; setTimeout(() => { late = 1; console.log('timer ran'); }, 30); callback(null, { cb: true }); };\n",
      'sync.js': "exports.handler = (event) => { setTimeout(() => console.log('sync timer ran'), 30); return 'ignored'; };\n",
      'typed.ts': "import { helper } from './lib';\ninterface E { n: number }\nexport const handler = async (e: E): Promise<{ doubled: number }> => ({ doubled: helper(e.n) });\n",
      'lib.ts': 'export const helper = (n: number): number => n * 2;\n',
    });
    const esm = await invoker.invoke(nodeFn(dir, 'esm.mjs'), { event: { a: 1 } });
    assert.deepStrictEqual(esm.response, { esm: true, e: { a: 1 } });
    const cb = await invoker.invoke(nodeFn(dir, 'cb.js'), { event: {} });
    assert.deepStrictEqual(cb.response, { cb: true });
    assert.ok(cb.logs.some((l) => l.endsWith('timer ran')), 'callback style waits for the event loop to drain');
    const sync = await invoker.invoke(nodeFn(dir, 'sync.js'), { event: {} });
    assert.strictEqual(sync.response, null, 'a synchronous handler without callback answers null');
    assert.ok(sync.logs.some((l) => l.endsWith('sync timer ran')), 'after the event loop drains');
    const ts = await invoker.invoke(nodeFn(dir, 'typed.ts'), { event: { n: 21 } });
    assert.deepStrictEqual(ts.response, { doubled: 42 }, JSON.stringify(ts.error));
  });

  it('returns handler exceptions as {errorType, errorMessage, trace} and keeps the sandbox warm', async () => {
    dir = makeDir({ 'err.js': "let n = 0; exports.handler = async () => { n++; if (n === 1) throw new TypeError('bad input'); return n; };\n" });
    const fn = nodeFn(dir, 'err.js');
    const r = await invoker.invoke(fn, { event: {} });
    assert.strictEqual(r.error?.errorType, 'TypeError');
    assert.strictEqual(r.error?.errorMessage, 'bad input');
    assert.strictEqual(r.error?.trace?.[0], 'TypeError: bad input');
    assert.ok(r.error?.trace?.some((l) => l.includes('err.js')));
    assert.ok(r.logs.some((l) => l.includes('\tERROR\tInvoke Error \t')));
    const next = await invoker.invoke(fn, { event: {} });
    assert.strictEqual(next.response, 2);
    assert.strictEqual(next.cold, false);
  });

  it('reports init errors: ImportModuleError, UserCodeSyntaxError, HandlerNotFound', async () => {
    dir = makeDir({
      'imp.js': "require('./does-not-exist'); exports.handler = async () => 1;\n",
      'syn.js': 'exports.handler = async () => { return 1 +; };\n',
      'nohandler.js': 'exports.other = async () => 1;\n',
    });
    const imp = await invoker.invoke(nodeFn(dir, 'imp.js'), { event: {} });
    assert.strictEqual(imp.error?.errorType, 'Runtime.ImportModuleError');
    assert.match(imp.error!.errorMessage, /Cannot find module '\.\/does-not-exist'/);
    assert.ok(imp.logs.some((l) => l.startsWith('INIT_REPORT Init Duration:') && l.includes('Status: error')));
    const syn = await invoker.invoke(nodeFn(dir, 'syn.js'), { event: {} });
    assert.strictEqual(syn.error?.errorType, 'Runtime.UserCodeSyntaxError');
    const nh = await invoker.invoke(nodeFn(dir, 'nohandler.js'), { event: {} });
    assert.deepStrictEqual(nh.error, { errorType: 'Runtime.HandlerNotFound', errorMessage: 'nohandler.handler is undefined or not exported', trace: [] });
    assert.strictEqual(invoker.sandboxCount(), 0, 'failed sandboxes are not kept');
  });

  it('caps INIT (Lambda: 10 s) and reports the init timeout', async () => {
    await invoker.dispose();
    invoker = createInvoker({ bootstrapDir, initCapMs: 500 });
    invoker.on('sandboxStarted', (e) => startedPids.add(e.pid));
    dir = makeDir({ 'slowinit.js': 'const end = Date.now() + 5000; while (Date.now() < end) {}\nexports.handler = async () => 1;\n' });
    const r = await invoker.invoke(nodeFn(dir, 'slowinit.js'), { event: {} });
    assert.strictEqual(r.error?.errorType, 'Sandbox.Timedout');
    assert.match(r.error!.errorMessage, /INIT phase timed out after 0\.50 seconds/);
    assert.ok(r.logs.some((l) => l === 'INIT_REPORT Init Duration: 500.00 ms\tPhase: init\tStatus: timeout'));
    assert.strictEqual(invoker.sandboxCount(), 0);
  });

  it('reports unhandled promise rejections as Runtime.UnhandledPromiseRejection and replaces the sandbox', async () => {
    dir = makeDir({ 'rej.js': "exports.handler = async (e) => { if (e.reject) { Promise.reject(new Error('nobody caught me')); await new Promise(r => setTimeout(r, 200)); } return 'ok'; };\n" });
    const fn = nodeFn(dir, 'rej.js');
    const r = await invoker.invoke(fn, { event: { reject: true } });
    assert.strictEqual(r.error?.errorType, 'Runtime.UnhandledPromiseRejection');
    assert.strictEqual(r.error?.errorMessage, 'Error: nobody caught me');
    const next = await invoker.invoke(fn, { event: {} });
    assert.strictEqual(next.response, 'ok');
    assert.strictEqual(next.cold, true);
  });

  it('enforces the 6 MB request payload limit without invoking anything', async () => {
    dir = makeDir({ 'index.js': 'exports.handler = async () => 1;\n' });
    const r = await invoker.invoke(nodeFn(dir), { event: { big: 'x'.repeat(6 * 1024 * 1024) } });
    assert.strictEqual(r.error?.errorType, 'RequestEntityTooLargeException');
    assert.strictEqual(invoker.sandboxCount(), 0);
  });

  it('rejects a response over 6 MB with Function.ResponseSizeTooLarge', async () => {
    dir = makeDir({ 'big.js': "exports.handler = async () => 'y'.repeat(7 * 1024 * 1024);\n" });
    const r = await invoker.invoke(nodeFn(dir, 'big.js', { memoryMb: 512 }), { event: {} });
    assert.strictEqual(r.error?.errorType, 'Function.ResponseSizeTooLarge');
  });

  it('validates configuration like Lambda (memory 128-10240 MB, timeout 1-900 s)', async () => {
    dir = makeDir({ 'index.js': 'exports.handler = async () => 1;\n' });
    const low = await invoker.invoke(nodeFn(dir, 'index.js', { memoryMb: 64 }), { event: {} });
    assert.strictEqual(low.error?.errorType, 'InvalidParameterValueException');
    const long = await invoker.invoke(nodeFn(dir, 'index.js', { timeoutSec: 901 }), { event: {} });
    assert.strictEqual(long.error?.errorType, 'InvalidParameterValueException');
  });

  it('emits invocation, log and sandbox events', async () => {
    dir = makeDir({ 'index.js': "exports.handler = async () => { console.log('x'); return 1; };\n" });
    const seen: string[] = [];
    const logs: InvokerEventMap['log'][] = [];
    const offs = [
      invoker.on('invocationStarted', () => seen.push('started')),
      invoker.on('invocationFinished', (r) => seen.push(`finished:${r.cold}`)),
      invoker.on('sandboxStarted', (e) => seen.push(`sandbox+:${e.pid > 0}`)),
      invoker.on('sandboxStopped', (e) => seen.push(`sandbox-:${e.reason}`)),
      invoker.on('log', (e) => logs.push(e)),
    ];
    const r = await invoker.invoke(nodeFn(dir), { event: {} });
    await invoker.stopSandboxes();
    assert.deepStrictEqual(seen, ['started', 'sandbox+:true', 'finished:true', 'sandbox-:shutdown']);
    assert.deepStrictEqual(logs.map((l) => l.line), r.logs);
    assert.ok(logs.every((l) => l.requestId === r.requestId));
    offs.forEach((off) => off());
  });

  it('shuts idle sandboxes down after the keep-alive, and restarts when the code changes', async () => {
    dir = makeDir({ 'index.js': 'exports.handler = async () => 1;\n' });
    const fn = nodeFn(dir, 'index.js', { keepAliveSec: 0.5 });
    const reasons: string[] = [];
    invoker.on('sandboxStopped', (e) => reasons.push(e.reason));
    await invoker.invoke(fn, { event: {} });
    assert.strictEqual(invoker.sandboxCount(fn.name), 1);
    assert.ok(await waitFor(() => invoker.sandboxCount(fn.name) === 0, 4000), 'idle sandbox reaped');
    assert.deepStrictEqual(reasons, ['idle']);
    const fn2 = nodeFn(dir, 'index.js');
    await invoker.invoke(fn2, { event: {} });
    fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => 2;\n');
    fs.utimesSync(path.join(dir, 'index.js'), new Date(), new Date(Date.now() + 5000));
    // Edits are noticed within MTIME_RECHECK_MS (100 ms) of the previous check.
    await new Promise((r) => setTimeout(r, 150));
    const changed = await invoker.invoke(fn2, { event: {} });
    assert.strictEqual(changed.response, 2);
    assert.strictEqual(changed.cold, true);
    const forced = await invoker.invoke(fn2, { event: {}, forceCold: true });
    assert.strictEqual(forced.cold, true);
  });

  it('keeps deprecation warnings out of the logs: with --pending-deprecation the runtime takes the net path', async () => {
    dir = makeDir({ 'dep.js': "exports.handler = async () => ({ netLoaded: process.moduleLoadList.includes('NativeModule net') });\n" });
    const r = await invoker.invoke(nodeFn(dir, 'dep.js', { env: { NODE_OPTIONS: '--pending-deprecation' } }), { event: {} });
    assert.deepStrictEqual(r.response, { netLoaded: true });
    assert.ok(!r.logs.some((l) => /DeprecationWarning|DEP0111/.test(l)), r.logs.join('\n'));
  });

  it('sees changes made to the same config object between invocations, environment included', async () => {
    dir = makeDir({ 'env.js': 'exports.handler = async () => ({ v: process.env.V, mem: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE });\n' });
    const fn = nodeFn(dir, 'env.js', { env: { V: '1' } });
    const a = await invoker.invoke(fn, { event: {} });
    fn.env!.V = '2';
    const b = await invoker.invoke(fn, { event: {} });
    fn.memoryMb = 256;
    const c = await invoker.invoke(fn, { event: {} });
    assert.deepStrictEqual([a.response, b.response, c.response], [{ v: '1', mem: '128' }, { v: '2', mem: '128' }, { v: '2', mem: '256' }]);
    assert.deepStrictEqual([a.cold, b.cold, c.cold], [true, true, true]);
    assert.strictEqual(c.report.memorySizeMb, 256);
  });

  it('caps log output per invocation with a visible truncation marker', async () => {
    dir = makeDir({ 'index.js': "exports.handler = async () => { for (let i = 0; i < 5000; i++) console.log('line ' + i + ' ' + 'z'.repeat(100)); return 'done'; };\n" });
    const r = await invoker.invoke(nodeFn(dir), { event: {} });
    assert.strictEqual(r.response, 'done');
    const bytes = r.logs.reduce((n, l) => n + l.length + 1, 0);
    assert.ok(bytes < 256 * 1024 + 2000, `logs ${bytes} bytes`);
    assert.ok(r.logs.some((l) => /log output truncated: \d+ bytes/.test(l)));
    assert.match(r.logs[r.logs.length - 1], /^REPORT /);
  });

  it('bills INIT under the 2025 rule and not under the legacy rule', async () => {
    dir = makeDir({ 'index.js': 'exports.handler = async () => 1;\n' });
    const legacy = await invoker.invoke(nodeFn(dir, 'index.js', { billingRule: 'legacy' }), { event: {} });
    assert.strictEqual(legacy.report.billedDurationMs, Math.max(1, Math.ceil(legacy.report.durationMs - 1e-9)));
  });
});
