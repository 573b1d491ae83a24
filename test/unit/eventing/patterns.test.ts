import { strict as assert } from 'node:assert';
import { compilePattern, compilePatternJson, compileRuleSet, parseJson, PatternError, JsonSyntaxError } from '../../../src/core/eventing/patterns';

/** Matches pattern and event given as JSON text (read losslessly, as the CLI does). */
const m = (pattern: string, event: string): boolean => compilePattern(parseJson(pattern)).matches(parseJson(event));

function patternError(pattern: unknown): PatternError {
  try {
    compilePattern(pattern);
  } catch (err) {
    if (err instanceof PatternError) return err;
    throw err;
  }
  assert.fail('expected a PatternError');
}

describe('pattern matcher: semantics beyond the conformance sample', () => {
  it('checks exists:false within the array element of the conditions before it (in path order)', () => {
    const event = '{"d":[{"a":"1","b":"2"},{"a":"1"}]}';
    // "d.a" sorts before "d.b": the absence is checked in the element that matched d.a.
    assert.equal(m('{"d":{"a":["1"],"b":[{"exists":false}]}}', event), true);
    assert.equal(m('{"d":{"a":["1"],"b":[{"exists":false}]}}', '{"d":[{"a":"1","b":"2"}]}'), false);
    // "d.a" is checked first with nothing matched yet: any element holding d.a makes it present.
    assert.equal(m('{"d":{"a":[{"exists":false}],"b":["2"]}}', event), false);
  });

  it('sees every value of a duplicated event key, and lets the last duplicate win in a pattern', () => {
    assert.equal(m('{"source":["aws.s3"]}', '{"source":"aws.s3","source":"aws.ec2"}'), true);
    assert.equal(m('{"source":["aws.ec2"],"source":["aws.s3"]}', '{"source":"aws.ec2"}'), false);
  });

  it('treats nested and dotted keys as one path, the later one overriding', () => {
    assert.equal(m('{"detail":{"a":["1"]},"detail.a":["2"]}', '{"detail":{"a":"2"}}'), true);
    assert.equal(m('{"detail":{"a":["1"]},"detail.a":["2"]}', '{"detail":{"a":"1"}}'), false);
  });

  it('applies keys written after an $or to every branch', () => {
    const pattern = '{"$or":[{"a":["1"]},{"b":["1"]}],"c":["x"]}';
    assert.equal(m(pattern, '{"a":"1","c":"x"}'), true);
    assert.equal(m(pattern, '{"b":"1"}'), false);
  });

  it('compares IP literals as addresses, including IPv4-mapped IPv6', () => {
    assert.equal(m('{"ip":[{"cidr":"10.0.0.0/8"}]}', '{"ip":"::ffff:a00:1"}'), true);
    assert.equal(m('{"ip":[{"cidr":"2001:db8::/32"}]}', '{"ip":"2001:DB8:FFFF::1"}'), true);
    assert.equal(m('{"ip":["::1"]}', '{"ip":"0:0:0:0:0:0:0:1"}'), true);
    assert.equal(m('{"ip":["10.0.0.1"]}', '{"ip":"10.0.0.256"}'), false);
  });

  it('matches numbers that a double cannot hold exactly only by their spelling, never by range', () => {
    assert.equal(m('{"n":[{"numeric":[">",0]}]}', '{"n":0.10000000000000001}'), false);
    assert.equal(m('{"n":[0.10000000000000001]}', '{"n":0.10000000000000001}'), true);
    assert.equal(m('{"n":[{"anything-but":[0.1]}]}', '{"n":0.10000000000000001}'), true);
  });

  it('case-folds per character as event-ruler does (ß may be SS, not the reverse)', () => {
    assert.equal(m('{"w":[{"anything-but":{"equals-ignore-case":["straße"]}}]}', '{"w":"STRASSE"}'), false);
    assert.equal(m('{"w":[{"prefix":{"equals-ignore-case":"STRASSE"}}]}', '{"w":"straße"}'), false);
  });

  it('rejects reserved words as field names inside $or only', () => {
    assert.equal(m('{"prefix":["x"]}', '{"prefix":"x"}'), true);
    assert.match(patternError(parseJson('{"$or":[{"prefix":["x"]},{"a":["y"]}]}')).path, /^\$or\[0\]\.prefix$/);
  });

  it('names the offending path and the fix in every PatternError', () => {
    const e = patternError(parseJson('{"detail":{"price":[{"numeric":[">",5,"<",1]}]}}'));
    assert.equal(e.path, 'detail.price[0].numeric');
    assert.match(e.message, /bottom of the range \(5\) must be less than the top \(1\)/);
    assert.equal(patternError({ a: 'x' }).path, 'a');
    assert.equal(patternError({ a: [{ numeric: ['=', Infinity] }] }).path, 'a[0].numeric[1]');
    assert.equal(patternError({ $or: [{ a: ['1'] }] }).path, '$or');
    assert.equal(patternError({}).path, '');
  });

  it('reports JSON syntax errors with line and column', () => {
    assert.throws(() => parseJson('{\n  "a": [1,]\n}'), (err: unknown) => err instanceof JsonSyntaxError && err.line === 2);
  });

  it('compiles pattern text (PutRule) losslessly, and reports bad JSON as a PatternError', () => {
    assert.equal(compilePatternJson('{"n":[123456789012345678901]}').matches(parseJson('{"n":123456789012345678900}')), false);
    assert.throws(() => compilePatternJson('{"n":[1,]}'), (err: unknown) => err instanceof PatternError && /line 1/.test(err.message));
  });

  it('refuses an event that is not an object', () => {
    assert.throws(() => compilePattern({ a: ['1'] }).matches([1]), /must be a JSON object/);
  });
});

describe('pattern matcher: explain', () => {
  it('reports each condition with the event value and why it failed', () => {
    const e = compilePattern(parseJson('{"source":["aws.ec2"],"detail":{"n":[{"prefix":"1"}],"o":["x"]}}')).explain(
      parseJson('{"source":"aws.ec2","detail":{"n":12,"o":{"p":1}}}'),
    );
    assert.equal(e.matched, false);
    const byPath = new Map(e.leaves.map((l) => [l.path, l]));
    assert.equal(byPath.get('source')?.matched, true);
    assert.equal(byPath.get('detail.n')?.matched, false);
    assert.match(byPath.get('detail.n')?.note ?? '', /compares string values; the event has number/);
    assert.equal(byPath.get('detail.n')?.condition, '{"prefix":"1"}');
    assert.match(byPath.get('detail.o')?.note ?? '', /object here/);
  });

  it('blames array consistency when each condition holds in a different element', () => {
    const e = compilePattern({ d: { a: ['1'], b: ['2'] } }).explain({ d: [{ a: '1' }, { b: '2' }] });
    assert.equal(e.matched, false);
    assert.ok(e.leaves.every((l) => !l.matched && /same element/.test(l.note ?? '')));
  });

  it('labels the leaves of each $or branch', () => {
    const e = compilePattern({ $or: [{ a: ['1'] }, { b: ['2'] }] }).explain({ b: '2' });
    assert.equal(e.matched, true);
    assert.deepEqual(e.leaves.map((l) => [l.branch, l.path, l.matched]), [[0, 'a', false], [1, 'b', true]]);
  });
});

describe('pattern matcher: rule sets', () => {
  it('returns matching rule names in the order given, and explains one rule', () => {
    const set = compileRuleSet([
      { name: 'b-orders', pattern: { source: ['shop'], 'detail-type': ['OrderPlaced'] } },
      { name: 'a-all-shop', pattern: { source: [{ prefix: 'sho' }] } },
      { name: 'big', pattern: { detail: { total: [{ numeric: ['>', 100] }] } } },
    ]);
    assert.deepEqual(set.match({ source: 'shop', 'detail-type': 'OrderPlaced', detail: { total: 150 } }), ['b-orders', 'a-all-shop', 'big']);
    assert.deepEqual(set.match({ source: 'shop', 'detail-type': 'OrderShipped' }), ['a-all-shop']);
    assert.equal(set.explain('big', { detail: { total: 5 } }).matched, false);
  });

  it('names the rule in a PatternError', () => {
    assert.throws(() => compileRuleSet([{ name: 'bad one', pattern: { a: [] } }]), /rule "bad one"/);
  });
});

describe('pattern matcher: arrays at scale', () => {
  it('checks exists:false in the element chosen by earlier conditions (nested arrays)', () => {
    const cond = (leaf: string): unknown => ({ req: { tasks: { state: ['ACTIVE'], provider: { id: ['P1'] }, resources: { ctx: { ifaces: { [leaf]: [{ exists: false }] } } } } } });
    const set = compileRuleSet([{ name: 'noName', pattern: cond('name') }, { name: 'noAbc', pattern: cond('abc') }]);
    const task = (state: string, id: string, name?: string): unknown => ({ state, provider: { id }, resources: [{ x: 1, ...(name ? { ctx: { ifaces: [{ name }] } } : {}) }] });
    assert.deepEqual(set.match({ req: { tasks: [task('ACTIVE', 'P1'), task('OFF', 'P2', 'n')] } }), ['noName', 'noAbc']);
    assert.deepEqual(set.match({ req: { tasks: [task('ACTIVE', 'P1', 'n'), task('OFF', 'P2', 'n')] } }), ['noAbc']);
  });

  it('stays fast when many array values satisfy every condition but the last', () => {
    const keys = 'abcdefghij'.split('');
    const pattern = Object.fromEntries([...keys.map((k) => [k, [{ exists: true }]]), ['z', ['never']]]);
    const event = Object.fromEntries([...keys.map((k) => [k, Array.from({ length: 20 }, (_, i) => i)]), ['z', 'other']]);
    // Without remembering failed states this is 20^10 paths; with it, a few hundred.
    assert.equal(compilePattern(pattern).matches(event), false);
  });
});
