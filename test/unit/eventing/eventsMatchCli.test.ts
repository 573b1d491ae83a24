import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCommand } from '../helpers/runCommand';
import { registerEventsCommand } from '../../../src/cli/commands/events';
import { matchCases, matchOne, route, type MatchIo } from '../../../src/cli/commands/eventsMatch';

/** Captures what a command writes to stdout and stderr. */
function bufferIo(): MatchIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => { io.stdout += t; }, err: (t: string) => { io.stderr += t; } };
  return io;
}

describe('events match / route CLI', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-events-')); });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    process.exitCode = undefined;
  });
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it('prints true or false for inline JSON or files, through the registered command', async () => {
    const pattern = write('p.json', '{"source":["shop"]}');
    assert.equal(await runCommand(registerEventsCommand, 'events', 'match', '--pattern', pattern, '--event', '{"source":"shop"}'), 'true\n');
    assert.equal(await runCommand(registerEventsCommand, 'events', 'match', '--pattern', '{"source":["x"]}', '--event', '{"source":"shop"}'), 'false\n');
  });

  it('explains condition by condition', () => {
    const io = bufferIo();
    assert.equal(matchOne({ pattern: '{"a":[{"prefix":"x"}],"b":["1"]}', event: '{"a":"xy","b":2}', explain: true }, io), 0);
    assert.equal(io.stdout, 'false\n  ✓ a: {"prefix":"x"}  event: "xy"\n  ✗ b: "1"  event: 2  (the condition compares string values; the event has number)\n');
  });

  it('writes an invalid pattern to stderr and exits 2', () => {
    const io = bufferIo();
    assert.equal(matchOne({ pattern: '{"a":[{"numeric":5}]}', event: '{}' }, io), 2);
    assert.equal(io.stdout, '');
    assert.match(io.stderr, /a\[0\]\.numeric: the value of "numeric" must be an array/);
    assert.equal(matchOne({ pattern: path.join(dir, 'missing.json'), event: '{}' }, io), 2);
    assert.match(io.stderr, /cannot read pattern file/);
  });

  it('runs labelled cases in order, one line each, keeping number spellings', () => {
    const cases = write('c.jsonl', [
      '{"pattern":{"n":[300]},"event":{"n":3.0e2},"expected":true}',
      '{"pattern":{"n":[123456789012345678901]},"event":{"n":123456789012345678900}}',
      '{"pattern":{"n":[]},"event":{}}',
      '',
      'not json',
    ].join('\n'));
    const io = bufferIo();
    assert.equal(matchCases(cases, io), 0);
    const lines = io.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, 2), ['true', 'false']);
    assert.match(lines[2] ?? '', /^error: n: empty arrays are not allowed/);
    assert.match(lines[3] ?? '', /^error: invalid JSON at line 1/);
    assert.equal(lines.length, 4);
  });

  it('routes events against named rules in the rules file order', () => {
    const rules = write('rules.json', '{"zeta":{"source":["shop"]},"10":{"detail":{"total":[{"numeric":[">",100]}]}},"alpha":{"source":[{"anything-but":"shop"}]}}');
    const events = write('events.jsonl', '{"source":"shop","detail":{"total":150}}\n{"source":"bank"}\n[1]\n');
    const io = bufferIo();
    assert.equal(route({ rules, events }, io), 1);
    assert.deepEqual(io.stdout.trimEnd().split('\n').slice(0, 2), ['["zeta","10"]', '["alpha"]']);
    assert.match(io.stderr, /events\.jsonl:3: an event must be a JSON object/);
    assert.equal(route({ rules: write('bad.json', '{"r":{"a":"x"}}'), events }, io), 2);
    assert.match(io.stderr, /invalid rules: rule "r": a: must be an object or an array/);
  });
});
