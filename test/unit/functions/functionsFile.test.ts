import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { eventFileName, parseEventText } from '../../../src/core/run/eventFile';
import { parseFunctionsFile, resolveFunction } from '../../../src/core/run/functionConfig';

const root = path.resolve('/ws');

describe('run/functionConfig', () => {
  it('parses entries with comments and trailing commas', () => {
    const text = `{
  // my functions
  "functions": {
    "orders": { "handler": "src/orders.js", "memoryMb": 256, "env": { "TABLE": "t" }, "trigger": "sqs", },
  },
}`;
    const { entries, problems } = parseFunctionsFile(text);
    assert.deepEqual(problems, []);
    assert.equal(entries.length, 1);
    assert.deepEqual({ ...entries[0] }, { name: 'orders', handler: 'src/orders.js', memoryMb: 256, env: { TABLE: 't' }, trigger: 'sqs', line: 3 });
  });

  it('reports invalid values on their exact line and column', () => {
    const text = '{\n  "functions": {\n    "a": {\n      "handler": "a.js",\n      "memoryMb": 64,\n      "timeout": 3\n    },\n    "b": {}\n  }\n}';
    const { entries, problems } = parseFunctionsFile(text);
    assert.equal(entries.length, 1);
    assert.equal(entries[0].memoryMb, undefined);
    const mem = problems.find((p) => p.message.includes('memoryMb'))!;
    assert.deepEqual([mem.line, mem.character, mem.length, mem.severity], [4, 18, 2, 'error']);
    const unknown = problems.find((p) => p.message.includes('Unknown property "timeout"'))!;
    assert.deepEqual([unknown.line, unknown.severity], [5, 'warning']);
    const missing = problems.find((p) => p.message.includes('"b" has no "handler"'))!;
    assert.equal(missing.line, 7);
  });

  it('reports syntax errors with positions', () => {
    const { problems } = parseFunctionsFile('{\n  "functions": {\n    "a": { "handler": "a.js" \n    "b": 1 }\n}');
    assert.ok(problems.length > 0);
    assert.equal(problems[0].line, 3);
    assert.match(problems[0].message, /CommaExpected/);
  });

  it('resolves functions.json first, then SAM, then defaults', () => {
    const { entries } = parseFunctionsFile('{"functions":{"orders":{"handler":"src/orders.js","timeoutSec":10,"trigger":"sqs"}}}');
    const file = path.join(root, 'src/orders.js');
    const fromJson = resolveFunction(file, 'handler', root, entries);
    assert.equal(fromJson.source, 'functions.json');
    assert.equal(fromJson.config.name, 'orders');
    assert.equal(fromJson.config.timeoutSec, 10);
    assert.equal(fromJson.config.memoryMb, 128);
    assert.equal(fromJson.trigger, 'sqs');
    const sam = [{ name: 'HelloFn', handlerFile: path.join(root, 'app.py'), handlerName: 'lambda_handler', runtime: 'python' as const, memoryMb: 512 }];
    const fromSam = resolveFunction(path.join(root, 'app.py'), 'lambda_handler', root, entries, sam);
    assert.deepEqual([fromSam.source, fromSam.config.name, fromSam.config.memoryMb], ['template.yaml', 'HelloFn', 512]);
    const other = resolveFunction(path.join(root, 'lib/thing.ts'), 'process', root, entries, sam);
    assert.deepEqual([other.source, other.config.name, other.config.runtime, other.config.keepAliveSec], ['defaults', 'thing-process', 'nodejs', 600]);
  });

  it("runs an Azure/Google function's own file through its Lambda-style shim", () => {
    const { entries } = parseFunctionsFile(JSON.stringify({ functions: { onQueue: {
      handler: 'functions/onQueue/lambdaShim.js', provider: 'azure', source: 'functions/onQueue/handler.js', timeoutSec: 7, trigger: 'sqs',
    } } }));
    const viaSource = resolveFunction(path.join(root, 'functions/onQueue/handler.js'), 'handler', root, entries);
    assert.equal(viaSource.source, 'functions.json');
    assert.equal(viaSource.config.handlerFile, path.join(root, 'functions/onQueue/lambdaShim.js'));
    assert.deepEqual([viaSource.config.name, viaSource.config.timeoutSec, viaSource.trigger], ['onQueue', 7, 'sqs']);
  });

  it('parses JSONC events and refuses malformed ones with a position', () => {
    assert.deepEqual(parseEventText('// comment\n{ "a": 1, }'), { ok: true, event: { a: 1 } });
    const bad = parseEventText('{\n  "a": 1\n  "b": 2\n}');
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.deepEqual([bad.problems[0].line, bad.problems[0].character], [2, 2]);
    assert.equal(parseEventText('  ').ok, false);
    assert.equal(eventFileName(' Order created! '), 'order-created.json');
  });
});
