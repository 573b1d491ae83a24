import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';

const root = path.resolve(__dirname, '../../../..');
const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas/eventPattern.schema.json'), 'utf8'));
const eventSchema = JSON.parse(fs.readFileSync(path.join(root, 'schemas/eventBridgeEvent.schema.json'), 'utf8'));
const cases = fs.readFileSync(path.join(root, 'test/fixtures/eventing/eventbridge-patterns.jsonl'), 'utf8').trim().split('\n')
  .map((line) => JSON.parse(line) as { name: string; pattern: unknown; event: unknown; expected: boolean | 'error' });
// What a JSON schema cannot say: the bottom of a numeric range must be below its top.
const matcherOnly = new Set(['invalid/numeric-reversed-range', 'invalid/numeric-equal-bounds']);

describe('eventing/playground pattern schema', () => {
  const ajv = new Ajv({ allErrors: true, strictTuples: false, allowUnionTypes: true });
  const validate = ajv.compile(schema);

  it('accepts every pattern the matcher accepts (no false squiggles in the playground)', () => {
    const rejected = cases.filter((c) => c.expected !== 'error' && !validate(c.pattern)).map((c) => c.name);
    assert.deepEqual(rejected, []);
  });

  it('rejects the invalid conformance patterns, except the numeric range order it cannot express', () => {
    const invalid = cases.filter((c) => c.expected === 'error');
    assert.ok(invalid.length >= 20, 'the fixture has invalid cases');
    const missed = invalid.filter((c) => validate(c.pattern)).map((c) => c.name);
    assert.deepEqual(missed.sort(), [...matcherOnly].sort());
  });

  for (const [name, pattern] of [
    ['an operator with two keys', { a: [{ prefix: 'x', suffix: 'y' }] }],
    ['a scalar where a list belongs', { source: 'shop' }],
    ['$or with one branch', { $or: [{ a: ['1'] }] }],
    ['anything-but with an empty prefix', { a: [{ 'anything-but': { prefix: '' } }] }],
    ['equals-ignore-case of a number', { a: [{ 'equals-ignore-case': 5 }] }],
    ['a numeric range that starts with <', { a: [{ numeric: ['<', 5, '>', 1] }] }],
    ['an IPv6 mask of 128', { ip: [{ cidr: '2001:db8::/128' }] }],
  ] as const) {
    it(`rejects ${name}`, () => assert.equal(validate(pattern), false));
  }

  it('accepts every operator form the documentation lists', () => {
    const pattern = {
      source: ['shop', { prefix: 'sh' }, { suffix: { 'equals-ignore-case': 'OP' } }, { 'equals-ignore-case': 'SHOP' }, { wildcard: 'sh*p\\*' }],
      detail: {
        n: [{ numeric: ['>=', 0, '<', 10] }, { numeric: ['=', 3] }, 5, null, true],
        s: [{ 'anything-but': ['a', 'b'] }, { 'anything-but': { wildcard: ['x*', 'y*'] } }, { 'anything-but': 3 }],
        e: [{ exists: false }], ip: [{ cidr: '10.0.0.0/24' }, { cidr: '2001:db8::/64' }], x: [{ exactly: '10.0.0.1' }],
      },
      $or: [{ a: ['1'] }, { b: { c: ['2'] } }],
    };
    assert.equal(validate(pattern), true, JSON.stringify(validate.errors));
  });

  it('the event schema accepts the conformance events and rejects a detail that is not an object', () => {
    const validateEvent = ajv.compile(eventSchema);
    assert.deepEqual(cases.filter((c) => !validateEvent(c.event)).map((c) => c.name), []);
    assert.equal(validateEvent({ source: 'shop', detail: 'text' }), false);
  });
});
