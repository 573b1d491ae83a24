import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compilePattern, parseJson, PatternError } from '../../../src/core/eventing/patterns';

// Labelled cases (expected true, false or "error"), read losslessly so number spellings and
// duplicate keys reach the matcher as EventBridge would see them.
const fixture = path.join(__dirname, '../../fixtures/eventing/eventbridge-patterns.jsonl');
const cases = fs
  .readFileSync(fixture, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => parseJson(line) as { name: string; pattern: unknown; event: unknown; expected: unknown });

describe('EventBridge pattern conformance', () => {
  it('has the 150 labelled cases', () => {
    assert.equal(cases.length, 150);
  });
  for (const c of cases) {
    it(c.name, () => {
      if (c.expected === 'error') {
        assert.throws(() => compilePattern(c.pattern), PatternError);
        return;
      }
      assert.equal(compilePattern(c.pattern).matches(c.event), c.expected);
    });
  }
});
