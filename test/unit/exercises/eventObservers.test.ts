import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseChecksFile, runChecks, type CheckSpec } from '../../../src/core/exercises';
import type { FunctionRuntime, HeadlessInvokeOptions, RuntimeRecord } from '../../../src/core/runtime/types';

/** A fake runtime: `behave(file, event)` returns a response or throws; invocations are recorded. */
function fakeRuntime(behave: (file: string, event: unknown, options: HeadlessInvokeOptions) => unknown) {
  const calls: Array<{ file: string; event: unknown; options: HeadlessInvokeOptions }> = [];
  const runtime: FunctionRuntime = {
    async invoke(file, event, options) {
      calls.push({ file, event, options });
      let response: unknown;
      let error: RuntimeRecord['error'];
      try {
        response = behave(file, event, options);
      } catch (e) {
        error = { errorType: (e as Error).name, errorMessage: (e as Error).message };
      }
      return {
        requestId: `r${calls.length}`, functionName: 'f', cold: true, timings: { invokeMs: 1, startedAt: 0 },
        report: { durationMs: 1, billedDurationMs: 1, memorySizeMb: 128, maxMemoryUsedMb: 40 }, logs: ['START RequestId: x', 'line', 'END RequestId: x'],
        ...(error ? { error } : { response }), invocationType: options.invocationType ?? 'RequestResponse', source: options.source,
      };
    },
    addEnvironmentProvider: () => () => undefined,
    onInvocation: () => () => undefined,
  };
  return { runtime, calls };
}

const noRuntime = fakeRuntime(() => assert.fail('a pattern check invokes nothing')).runtime;

describe('exercises: the pattern observer', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-pattern-obs-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const events = [
    { source: 'shop', 'detail-type': 'OrderPlaced', detail: { total: 150 } },
    { source: 'shop', 'detail-type': 'OrderPlaced', detail: { total: 50 } },
  ];
  const check = (expect: CheckSpec['expect']): CheckSpec => ({ name: 'big-orders', message: 'got {actual}', calls: [], events, expect });

  it('matches each event through the real matcher and explains why', async () => {
    const file = path.join(dir, 'pattern.json');
    fs.writeFileSync(file, JSON.stringify({ source: ['shop'], detail: { total: [{ numeric: ['>', 100] }] } }));
    const ok = await runChecks([check([{ path: 'pattern.matches.0', equals: true }, { path: 'pattern.matches.1', equals: false }])], { runtime: noRuntime, handlerFile: file });
    assert.strictEqual(ok.passed, true, JSON.stringify(ok));
    const bad = await runChecks([check([{ path: 'pattern.matches.1', equals: true }])], { runtime: noRuntime, handlerFile: file });
    assert.strictEqual(bad.firstFailure?.message, 'got false');
    const why = await runChecks([check([{ path: 'pattern.explain.1', contains: '✗ detail.total' }])], { runtime: noRuntime, handlerFile: file });
    assert.strictEqual(why.passed, true, JSON.stringify(why));
  });

  it('fails the check with the matcher\'s message when the pattern is invalid', async () => {
    const file = path.join(dir, 'pattern.json');
    fs.writeFileSync(file, JSON.stringify({ source: 'shop' }));
    const result = await runChecks([check([{ path: 'pattern.matches.0', equals: true }])], { runtime: noRuntime, handlerFile: file });
    assert.strictEqual(result.passed, false);
    assert.match(result.firstFailure?.message ?? '', /^EventBridge would reject this pattern: source: /);
    assert.match(result.firstFailure?.detail ?? '', /^invalid pattern/);
    fs.writeFileSync(file, '{"source": [');
    const broken = await runChecks([check([{ path: 'pattern.matches.0', equals: true }])], { runtime: noRuntime, handlerFile: file });
    assert.match(broken.firstFailure?.message ?? '', /^pattern\.json is not valid JSON/);
  });

  it('routes a rules file, rule names in the file\'s order', async () => {
    const file = path.join(dir, 'rules.json');
    fs.writeFileSync(file, JSON.stringify({ all: { source: ['shop'] }, big: { detail: { total: [{ numeric: ['>=', 100] }] } } }));
    const result = await runChecks([check([{ path: 'pattern.routes.0', equals: ['all', 'big'] }, { path: 'pattern.routes.1', equals: ['all'] }])], { runtime: noRuntime, handlerFile: file });
    assert.strictEqual(result.passed, true, JSON.stringify(result));
  });

  it('parses checks that have events and no calls, and refuses a check with neither', () => {
    assert.deepStrictEqual(parseChecksFile('checks:\n  - name: a\n    message: m\n    events: [{ source: x }]\n    expect: [{ path: pattern.matches.0, equals: true }]\n').value?.checks[0].events, [{ source: 'x' }]);
    assert.match(parseChecksFile('checks:\n  - name: a\n    message: m\n    expect: [{ path: x, equals: 1 }]\n').problems[0].message, /"events" \(for pattern and trace checks\)/);
  });
});

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 30
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt OrdersDlq.Arn
        maxReceiveCount: 3
  OrdersDlq:
    Type: AWS::SQS::Queue
  Process:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: .
      Handler: handler.handler
      Runtime: nodejs20.x
      Events:
        FromQueue:
          Type: SQS
          Properties:
            Queue: !GetAtt Orders.Arn
            BatchSize: 10
            MaximumBatchingWindowInSeconds: 5
  Placed:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: { source: [shop] }
      Targets:
        - Id: q
          Arn: !GetAtt Orders.Arn
`;

describe('exercises: the trace observer', () => {
  let dir: string;
  let handlerFile: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-trace-obs-'));
    handlerFile = path.join(dir, 'handler.js');
    fs.writeFileSync(handlerFile, 'exports.handler = async () => ({})\n');
    fs.writeFileSync(path.join(dir, 'template.yaml'), TEMPLATE);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const orders = [1, 2, 3].map((n) => ({ Source: 'shop', DetailType: 'OrderPlaced', Detail: { n } }));

  it('puts events through the rule and queue into the learner\'s function, and sees retries end in the DLQ', async () => {
    // Order 2 always fails: the whole batch returns to the queue, three receives, then all three go to the DLQ.
    const { runtime, calls } = fakeRuntime((_f, event) => {
      const records = (event as { Records: Array<{ body: string }> }).Records;
      if (records.some((r) => JSON.parse(r.body).detail.n === 2)) throw new Error('bad order');
      return {};
    });
    const spec: CheckSpec = {
      name: 'whole-batch-fails', message: 'DLQ holds {actual}', calls: [], events: orders,
      expect: [
        { path: 'trace.settled', equals: true },
        { path: 'trace.dlq.OrdersDlq.length', equals: 3 },
        { path: 'trace.queues.Orders.depth', equals: 0 },
        { path: 'trace.functions.Process.failures', equals: 3 },
        { path: 'trace.invocations.0.source', equals: 'queue' },
        { path: 'trace.invocations.0.errorMessage', equals: 'bad order' },
        { path: 'trace.failures', contains: 'function:Process' },
        { path: 'trace.hops', contains: 'queue.redriven queue:Orders' },
      ],
    };
    const result = await runChecks([spec], { runtime, handlerFile });
    assert.strictEqual(result.passed, true, JSON.stringify(result));
    assert.ok(calls.every((c) => c.file === handlerFile && c.options.handlerName === 'handler' && c.options.env?.EXERCISE_STORE_DIR), JSON.stringify(calls[0].options));
    assert.deepStrictEqual(calls.map((c) => c.options.forceCold), [true, false, false]);
    const wrong = await runChecks([{ ...spec, expect: [{ path: 'trace.dlq.OrdersDlq.length', equals: 1 }] }], { runtime, handlerFile });
    assert.strictEqual(wrong.firstFailure?.message, 'DLQ holds 3');
  });

  it('injects faults from the check, and marks them', async () => {
    const { runtime } = fakeRuntime(() => ({}));
    const spec: CheckSpec = {
      name: 'duplicates', message: 'm', calls: [], events: [{ queue: 'Orders', body: { id: 1 } }], faults: { queues: { Orders: { duplicateRate: 1 } } },
      expect: [{ path: 'trace.deliveries.Orders', equals: 2 }, { path: 'trace.invocations.0.event.Records.length', equals: 2 }, { path: 'trace.faults', contains: 'duplicate queue.sent queue:Orders' }],
    };
    const result = await runChecks([spec], { runtime, handlerFile });
    assert.strictEqual(result.passed, true, JSON.stringify(result));
  });

  it('fails with the template line when the template is wrong', async () => {
    fs.writeFileSync(path.join(dir, 'template.yaml'), TEMPLATE.replace('!GetAtt OrdersDlq.Arn', '!GetAtt Missing.Arn'));
    const { runtime } = fakeRuntime(() => ({}));
    const result = await runChecks([{ name: 'x', message: 'm', calls: [], events: orders, expect: [{ path: 'trace.settled', equals: true }] }], { runtime, handlerFile });
    assert.match(result.firstFailure?.message ?? '', /^The template has problems: template\.yaml:8:\d+: Queue Orders: RedrivePolicy/);
  });
});
