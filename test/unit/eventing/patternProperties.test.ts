import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { compilePattern, compileRuleSet, JsonNumber, parseJson } from '../../../src/core/eventing/patterns';

// Small alphabets so that random patterns and events actually meet.
const scalar = fc.constantFrom<unknown>('x', 'y', 'X', 'xy', '', 1, 2, 1.5, -3, true, false, null, '10.0.0.1');
const condition = fc.oneof(
  scalar,
  fc.constantFrom<unknown>(
    { prefix: 'x' }, { suffix: 'y' }, { 'equals-ignore-case': 'x' }, { wildcard: 'x*' }, { exists: true }, { exists: false },
    { 'anything-but': 'x' }, { 'anything-but': [1, 2] }, { 'anything-but': { prefix: 'x' } }, { numeric: ['>', 0, '<=', 2] },
    { numeric: ['<', 0] }, { cidr: '10.0.0.0/8' }, { prefix: { 'equals-ignore-case': 'X' } },
  ),
);
const paths = ['a', 'b', 'c.d', 'c.e'];
const patternArb: fc.Arbitrary<Record<string, unknown>> = fc
  .uniqueArray(fc.constantFrom(...paths), { minLength: 1, maxLength: 3 })
  .chain((keys) => fc.tuple(fc.constant(keys), fc.array(fc.array(condition, { minLength: 1, maxLength: 3 }), { minLength: keys.length, maxLength: keys.length })))
  .map(([keys, conds]) => Object.fromEntries(keys.map((k, i) => [k, conds[i]])));
const withOr = fc.oneof(patternArb, fc.tuple(patternArb, patternArb, patternArb).map(([a, b, c]) => ({ ...c, $or: [a, b] })));
const leafValue = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
const eventArb = fc.record(
  { a: leafValue, b: leafValue, c: fc.oneof(fc.record({ d: leafValue, e: leafValue }, { requiredKeys: [] }), fc.array(fc.record({ d: scalar, e: scalar }, { requiredKeys: [] }), { maxLength: 3 })) },
  { requiredKeys: [] },
);

const matches = (pattern: unknown, event: unknown): boolean => compilePattern(pattern).matches(event);

describe('pattern matcher: properties (fast-check)', () => {
  it('anything-but X never matches X, and matches any other string', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (x, y) => {
      assert.equal(matches({ f: [{ 'anything-but': x }] }, { f: x }), false);
      assert.equal(matches({ f: [{ 'anything-but': x }] }, { f: y }), x !== y);
    }));
  });

  it('$or of [A, A] equals A, and $or of [A, B] equals A or B', () => {
    fc.assert(fc.property(patternArb, patternArb, eventArb, (a, b, event) => {
      const ma = matches(a, event);
      assert.equal(matches({ $or: [a, a] }, event), ma);
      assert.equal(matches({ $or: [a, b] }, event), ma || matches(b, event));
    }), { numRuns: 300 });
  });

  it('the indexed rule set agrees with rule-by-rule evaluation', () => {
    fc.assert(fc.property(fc.array(withOr, { minLength: 1, maxLength: 12 }), fc.array(eventArb, { minLength: 1, maxLength: 5 }), (patterns, events) => {
      const rules = patterns.map((pattern, i) => ({ name: `r${i}`, pattern }));
      const set = compileRuleSet(rules);
      for (const event of events) {
        assert.deepEqual(set.match(event), rules.filter((r) => matches(r.pattern, event)).map((r) => r.name));
      }
    }), { numRuns: 300 });
  });

  it('explain reaches the same verdict as matches', () => {
    fc.assert(fc.property(patternArb, eventArb, (pattern, event) => {
      assert.equal(compilePattern(pattern).explain(event).matched, matches(pattern, event));
    }), { numRuns: 300 });
  });

  it('a number matches however it is spelled, as long as the value is the same', () => {
    fc.assert(fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 3 }), (n, zeros) => {
      const spelled = new JsonNumber(`${n}.${'0'.repeat(zeros + 1)}`);
      const exponent = new JsonNumber(`${n}e0`);
      assert.equal(matches({ f: [n] }, { f: spelled }), true);
      assert.equal(matches({ f: [exponent] }, { f: n }), true);
      assert.equal(matches({ f: [n] }, { f: n + 1 }), false);
      assert.equal(matches({ f: [n] }, { f: String(n) }), false);
    }));
  });

  it('equals-ignore-case matches every ASCII case variant, and prefix matches every extension', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'abcXYZ-.09') }), fc.string(), (s, tail) => {
      const flipped = [...s].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('');
      assert.equal(matches({ f: [{ 'equals-ignore-case': s }] }, { f: flipped }), true);
      assert.equal(matches({ f: [{ prefix: s }] }, { f: s + tail }), true);
      assert.equal(matches({ f: [{ suffix: s }] }, { f: tail + s }), true);
    }));
  });

  it('an escaped wildcard matches only its own text', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (s, other) => {
      const escaped = s.replace(/[\\*]/g, '\\$&');
      assert.equal(matches({ f: [{ wildcard: escaped }] }, { f: s }), true);
      assert.equal(matches({ f: [{ wildcard: escaped }] }, { f: other }), other === s);
    }));
  });

  it('parseJson round-trips through stringify for any JSON value', () => {
    fc.assert(fc.property(fc.json(), (text) => {
      assert.deepEqual(JSON.parse(JSON.stringify(parseJson(text))), JSON.parse(text));
    }));
  });
});
