import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  blocksSummaryLine, checkLessons, emptyProgress, executeRun, formatProblem, gradeGuess, lessonDone, migrateProgress, observePredict, parsePredictBlock, parseRunBlock,
  recordPrediction, verifyBlocks, type PredictBlock, type RunBlock,
} from '../../../src/core/lessons';
import type { FunctionRuntime, HeadlessInvokeOptions, RuntimeRecord } from '../../../src/core/runtime/types';

/** A fake runtime whose sandbox is warm after the first call unless forced cold; records every call. */
function fakeRuntime(respond: (event: unknown) => Partial<RuntimeRecord> = () => ({ response: { ok: true } })) {
  const calls: Array<{ target: string; event: unknown; options: HeadlessInvokeOptions }> = [];
  let warm = false;
  const runtime: FunctionRuntime = {
    async invoke(target, event, options) {
      calls.push({ target, event, options });
      const cold = Boolean(options.forceCold) || !warm;
      warm = true;
      return {
        requestId: `r${calls.length}`, functionName: 'f', cold, timings: { invokeMs: 1, startedAt: 0 },
        report: { durationMs: 2, billedDurationMs: 2, memorySizeMb: 128, maxMemoryUsedMb: 40 }, logs: [],
        invocationType: 'RequestResponse', source: options.source, ...respond(event),
      };
    },
    addEnvironmentProvider: () => () => undefined,
    onInvocation: () => () => undefined,
  };
  return { runtime, calls };
}

const PREDICT = `id: cold-or-warm
question: Cold or warm?
subject:
  invoke:
    handler: h.js
    event: { n: 1 }
    calls:
      - {}
      - { delayMs: 1000 }
observe: calls.1.cold
answer:
  choices:
    - { text: Cold, value: true, explanation: "no" }
    - { text: Warm, value: false, explanation: "yes" }
`;

describe('lessons: ```run and ```predict blocks', () => {
  it('parses a run block with defaults and every optional key', () => {
    const min = parseRunBlock('id: hello-run\nhandler: a/handler.js\n');
    assert.deepStrictEqual(min, { value: { id: 'hello-run', modes: ['run'], handler: 'a/handler.js' }, problems: [] });
    const full = parseRunBlock('id: r\ntitle: T\nhandler: h.py\nhandlerName: main\nevent: { body: \'{"name":"Ada"}\' }\nmodes: [cold, warm]\nmemoryMb: 256\ntimeoutSeconds: 3\n');
    assert.deepStrictEqual(full.value, { id: 'r', title: 'T', modes: ['cold', 'warm'], handler: 'h.py', handlerName: 'main', event: { body: '{"name":"Ada"}' }, memoryMb: 256, timeoutSeconds: 3 });
  });

  it('reports run block mistakes on the line of the offending key', () => {
    const r = parseRunBlock('id: Bad_Id\nhandler: h.js\nevent: {}\neventFile: e.json\nmodes: [run, hot]\nmemoryMb: 64\ncolour: red\n');
    assert.strictEqual(r.value, undefined);
    const byLine = r.problems.map((p) => `${p.line}:${p.message.split(' ').slice(0, 3).join(' ')}`).sort();
    assert.deepStrictEqual(byLine, ['1:run needs an', '4:give "event" or', '5:"modes" must be', '6:"memoryMb" must be', '7:unknown run key'].sort());
  });

  it('parses the three predict subjects and both answer forms', () => {
    const invoke = parsePredictBlock(PREDICT);
    assert.deepStrictEqual(invoke.problems, []);
    assert.deepStrictEqual(invoke.value?.subject, { kind: 'invoke', handler: 'h.js', event: { n: 1 }, calls: [{}, { delayMs: 1000 }] });
    const match = parsePredictBlock('id: m\nquestion: q\nsubject:\n  match: { pattern: { source: [shop] }, event: { source: shop } }\nobserve: matched\nanswer:\n  choices:\n    - { text: Yes, value: true }\n    - { text: No, value: false }\n');
    assert.deepStrictEqual(match.value?.subject, { kind: 'match', pattern: { source: ['shop'] }, event: { source: 'shop' } });
    const cost = parsePredictBlock('id: c\nquestion: q\nsubject:\n  cost: { provider: aws, requestsPerMonth: 5000000, durationMs: 120, memoryMb: 512, architecture: arm64 }\nobserve: monthlyUsd\nanswer:\n  range: { unit: USD, tolerance: 25% }\n');
    assert.deepStrictEqual(cost.problems, []);
    assert.deepStrictEqual(cost.value?.answer, { kind: 'range', unit: 'USD', tolerance: { percent: 25 } });
  });

  it('rejects two subjects, equal choice values and a bad tolerance, with lines', () => {
    const two = parsePredictBlock('id: x\nquestion: q\nsubject:\n  match: { pattern: {}, event: {} }\n  cost: {}\nobserve: matched\nanswer:\n  range: { tolerance: lots }\n');
    assert.deepStrictEqual(two.problems.map((p) => [p.line, p.message.slice(0, 22)]), [[4, '"subject" must hold ex'], [8, 'answer.range "toleranc']]);
    const same = parsePredictBlock(PREDICT.replace('value: false', 'value: true'));
    assert.match(same.problems[0].message, /same value as an earlier choice/);
    assert.strictEqual(same.problems[0].line, 14);
  });

  it('grades choices by the observed value and numbers within a tolerance', () => {
    const block = parsePredictBlock(PREDICT).value as PredictBlock;
    assert.deepStrictEqual(gradeGuess(block, { choice: 1 }, false), { correct: true, observed: false, choiceExplanation: 'yes', correctChoice: 1 });
    assert.strictEqual(gradeGuess(block, { choice: 0 }, false).correct, false);
    const range = { ...block, answer: { kind: 'range' as const, tolerance: { percent: 25 } } };
    assert.strictEqual(gradeGuess(range, { value: 124 }, 100).correct, true);
    assert.strictEqual(gradeGuess(range, { value: 126 }, 100).correct, false);
    const abs = { ...block, answer: { kind: 'range' as const, tolerance: { absolute: 5 } } };
    assert.strictEqual(gradeGuess(abs, { value: 95 }, 100).correct, true);
    assert.strictEqual(gradeGuess(abs, { value: 94 }, 100).correct, false);
  });

  it('observes an invoke subject through the runtime: first call cold, later warm, delays through the injected sleep', async () => {
    const { runtime, calls } = fakeRuntime();
    const slept: number[] = [];
    const block = parsePredictBlock(PREDICT).value as PredictBlock;
    const seen = await observePredict(block, { runtime, lessonFile: '/l/lesson.md', sleep: async (ms) => void slept.push(ms) });
    assert.strictEqual(seen.observed, false);
    assert.deepStrictEqual(slept, [1000]);
    assert.deepStrictEqual(calls.map((c) => [c.target, c.options.source, c.options.forceCold ?? false, c.event]), [
      ['/l/h.js', 'lesson-run', true, { n: 1 }],
      ['/l/h.js', 'lesson-run', false, { n: 1 }],
    ]);
  });

  it('observes match and cost subjects with the event matcher and the cost model', async () => {
    const { runtime } = fakeRuntime();
    const match = parsePredictBlock('id: m\nquestion: q\nsubject:\n  match: { pattern: { source: [shop], detail: { total: [{ numeric: [">", 100] }] } }, event: { source: shop, detail: { total: 50 } } }\nobserve: matched\nanswer:\n  choices:\n    - { text: Yes, value: true }\n    - { text: No, value: false }\n').value as PredictBlock;
    assert.strictEqual((await observePredict(match, { runtime, lessonFile: '/l/x.md' })).observed, false);
    const cost = parsePredictBlock('id: c\nquestion: q\nsubject:\n  cost: { provider: aws, requestsPerMonth: 5000000, durationMs: 120, memoryMb: 512, architecture: arm64 }\nobserve: monthlyUsd\nanswer:\n  range: { tolerance: 1 }\n').value as PredictBlock;
    const usd = (await observePredict(cost, { runtime, lessonFile: '/l/x.md' })).observed;
    assert.strictEqual(typeof usd, 'number');
    assert.ok((usd as number) >= 0);
  });

  it('Run warm primes a cold sandbox first; Run cold forces one; memory and timeout are passed on', async () => {
    const { runtime, calls } = fakeRuntime();
    const block = parseRunBlock('id: r\nhandler: h.js\nmodes: [cold, warm]\nmemoryMb: 256\ntimeoutSeconds: 5\n').value as RunBlock;
    const warm = await executeRun(block, 'warm', { runtime, lessonFile: '/l/lesson.md' });
    assert.deepStrictEqual([warm.primed, warm.record.cold, calls.length], [true, false, 2]);
    const cold = await executeRun(block, 'cold', { runtime, lessonFile: '/l/lesson.md' });
    assert.deepStrictEqual([cold.primed, cold.record.cold], [false, true]);
    assert.deepStrictEqual([calls[2].options.forceCold, calls[2].options.memoryMb, calls[2].options.timeoutSec], [true, 256, 5]);
  });

  it('verifyBlocks fails a predict whose observation matches no choice and a run whose handler cannot load, but not a run that fails on purpose', async () => {
    const predict = parsePredictBlock(PREDICT).value as PredictBlock;
    const run = parseRunBlock('id: r\nhandler: h.js\n').value as RunBlock;
    const base = { lessonId: 'l', lessonFile: '/l/lesson.md', line: 1 };
    const ok = await verifyBlocks([{ ...base, kind: 'predict', block: predict }], fakeRuntime().runtime);
    assert.deepStrictEqual(ok.map((r) => r.ok), [true]);
    const allCold = { ...predict, subject: { ...predict.subject, calls: [{}, { cold: true }] } } as PredictBlock;
    const timeout = fakeRuntime(() => ({ error: { errorType: 'Sandbox.Timedout', errorMessage: 't' } })).runtime;
    const broken = fakeRuntime(() => ({ error: { errorType: 'Runtime.ImportModuleError', errorMessage: 'no module' } })).runtime;
    const results = [
      ...(await verifyBlocks([{ ...base, kind: 'predict', block: { ...allCold, answer: { kind: 'choices', choices: [{ text: 'a', value: 'x' }, { text: 'b', value: 'y' }] } } }], fakeRuntime().runtime)),
      ...(await verifyBlocks([{ ...base, kind: 'run', block: run }], timeout)),
      ...(await verifyBlocks([{ ...base, kind: 'run', block: run }], broken)),
    ];
    assert.deepStrictEqual(results.map((r) => r.ok), [false, true, false]);
    assert.match(results[0].line, /^FAIL l\/predict:cold-or-warm: observed calls.1.cold = true, which is the value of no choice/);
    assert.match(results[2].line, /Runtime.ImportModuleError/);
    assert.strictEqual(blocksSummaryLine(results), 'blocks: 2 run, 1 predict, 1 ok');
  });

  it('a predict counts toward completion like a quiz, and predictions survive migration', () => {
    let p = emptyProgress();
    assert.strictEqual(lessonDone(p, 'l', [], [], ['x']), false);
    p = recordPrediction(p, 'l', 'x', { guess: { choice: 1 }, correct: true, observed: false });
    assert.strictEqual(lessonDone(p, 'l', [], [], ['x']), true);
    const back = migrateProgress(JSON.parse(JSON.stringify({ ...p, predictions: { ...p.predictions, 'l/bad': { guess: 'x', correct: true } } })));
    assert.deepStrictEqual(back.predictions, { 'l/x': { guess: { choice: 1 }, correct: true, observed: false } });
  });
});

describe('lessons check: run and predict blocks, tool links', () => {
  let dir: string;
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  const meta = '---\nid: l\ntitle: T\ntrack: FaaS\norder: 1\nsummary: s\nobjectives:\n  - Explain\nestimatedMinutes: 2\n---\n';
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-blocks-check-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports missing handlers and event files, and collects the usable blocks', async () => {
    write('h.js', 'exports.handler = async () => 1;\n');
    write('bad.json', '{ nope');
    write('l.md', `${meta}\n\`\`\`run\nid: a\nhandler: h.js\n\`\`\`\n\n\`\`\`run\nid: b\nhandler: missing.js\neventFile: bad.json\n\`\`\`\n\n\`\`\`predict\n${PREDICT}\`\`\`\n`);
    const result = await checkLessons(dir, 'lessons');
    assert.deepStrictEqual(result.problems.map(formatProblem), [
      'lessons/l.md:17: run "b": handler "missing.js" not found (paths are relative to the lesson file)',
      `lessons/l.md:17: run "b": eventFile "bad.json" is not valid JSON: ${(() => { try { JSON.parse('{ nope'); } catch (e) { return (e as Error).message; } })()}`,
    ]);
    assert.deepStrictEqual(result.blocks.map((b) => `${b.kind}:${b.block.id}`), ['run:a', 'predict:cold-or-warm']);
  });

  it('validates command links: allowlist, argument JSON and shape, and file arguments', async () => {
    write('h.js', 'exports.handler = async () => 1;\n');
    const enc = (v: unknown): string => encodeURIComponent(JSON.stringify(v));
    write('l.md', [
      meta,
      `[ok](command:serverlessLab.openCost) [ok2](command:serverlessLab.invokeHandler?${enc({ file: 'h.js', mode: 'cold' })})`,
      `[ok3](command:serverlessLab.openEventFlow) [ok4](command:serverlessLab.newFunction?${enc({ trigger: 'http' })})`,
      '[bad](command:workbench.action.terminal.new)',
      `[bad2](command:serverlessLab.invokeHandler?${enc({ file: 'nope.js' })})`,
      '[bad3](command:serverlessLab.openLesson?%7Bnot-json)',
      `[bad4](command:serverlessLab.invokeHandler?${enc({ file: 'h.js', mode: 'hot' })})`,
    ].join('\n'));
    const messages = (await checkLessons(dir, 'lessons')).problems.map(formatProblem);
    assert.strictEqual(messages.length, 4, messages.join('\n'));
    assert.match(messages[0], /^lessons\/l\.md:14: command "workbench\.action\.terminal\.new" may not run from a lesson/);
    assert.match(messages[1], /^lessons\/l\.md:15: serverlessLab\.invokeHandler: file "nope\.js" not found/);
    assert.match(messages[2], /^lessons\/l\.md:16: the argument of serverlessLab\.openLesson is not URL-encoded JSON/);
    assert.match(messages[3], /^lessons\/l\.md:17: serverlessLab\.invokeHandler argument "mode" must be one of invoke, cold/);
  });
});
