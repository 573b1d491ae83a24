import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { eventFileName, parseEventText } from '../../../src/core/run/eventFile';
import { parseFunctionsFile } from '../../../src/core/functions';

const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../schemas/functions.schema.json'), 'utf8'));

describe('functions/functionsFile', () => {
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

  it('reports invalid values on their exact line and column and leaves them out', () => {
    const text = '{\n  "functions": {\n    "a": {\n      "handler": "a.js",\n      "memoryMb": 64,\n      "timeout": 3\n    },\n    "b": {}\n  }\n}';
    const { entries, problems } = parseFunctionsFile(text);
    assert.equal(entries.length, 1);
    assert.equal(entries[0].memoryMb, undefined);
    const mem = problems.find((p) => p.message.startsWith('"memoryMb"'))!;
    assert.deepEqual([mem.line, mem.character, mem.length, mem.severity], [4, 18, 2, 'error']);
    const unknown = problems.find((p) => p.message.includes('Unknown property "timeout"'))!;
    assert.deepEqual([unknown.line, unknown.character, unknown.severity], [5, 6, 'warning']);
    const missing = problems.find((p) => p.message.includes('"b" has no "handler"'))!;
    assert.deepEqual([missing.line, missing.character], [7, 4]);
  });

  it('reports syntax errors with positions', () => {
    const { problems } = parseFunctionsFile('{\n  "functions": {\n    "a": { "handler": "a.js" \n    "b": 1 }\n}');
    assert.ok(problems.length > 0);
    assert.equal(problems[0].line, 3);
    assert.match(problems[0].message, /CommaExpected/);
  });

  it('agrees with the contributed schema: whatever ajv rejects is reported, whatever it accepts is not', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const cases: [string, unknown][] = [
      ['valid', { functions: { orders: { handler: 'a.js', runtime: 'nodejs', memoryMb: 10240, timeoutSec: 900, env: { TABLE: 'x' }, architecture: 'arm64' } } }],
      ['no runtime (inferred from the file)', { functions: { orders: { handler: 'a.py' } } }],
      ['bad name', { functions: { '1orders': { handler: 'a.js' } } }],
      ['name too long', { functions: { ['a'.repeat(65)]: { handler: 'a.js' } } }],
      ['memory fraction', { functions: { f: { handler: 'a.js', memoryMb: 128.5 } } }],
      ['timeout too long', { functions: { f: { handler: 'a.js', timeoutSec: 901 } } }],
      ['env one-letter name', { functions: { f: { handler: 'a.js', env: { A: 'x' } } } }],
      ['env number value', { functions: { f: { handler: 'a.js', env: { AB: 1 } } } }],
      ['empty handler', { functions: { f: { handler: '' } } }],
      ['unknown top-level key', { functions: {}, extra: 1 }],
      ['runtime typo', { functions: { f: { handler: 'a.js', runtime: 'node' } } }],
      ['functions missing', {}],
    ];
    for (const [label, value] of cases) {
      const { problems } = parseFunctionsFile(JSON.stringify(value, null, 2));
      assert.equal(problems.length > 0, !validate(value), `${label}: ${JSON.stringify(problems)}`);
    }
  });

  it('drops an entry whose name Lambda would refuse, pointing at the name', () => {
    const { entries, problems } = parseFunctionsFile('{\n  "functions": {\n    "my.fn": { "handler": "a.js" },\n    "ok": { "handler": "b.js" }\n  }\n}');
    assert.deepEqual(entries.map((e) => e.name), ['ok']);
    assert.equal(problems.length, 1);
    assert.deepEqual([problems[0].line, problems[0].character, problems[0].severity], [2, 4, 'error']);
    assert.match(problems[0].message, /"my\.fn" is not valid on Lambda/);
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
