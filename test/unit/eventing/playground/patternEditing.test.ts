import * as assert from 'node:assert/strict';
import { patternSuggestions } from '../../../../src/core/eventing/playground/completion';
import { checkPatternText, locatePatternPath, readEventText } from '../../../../src/core/eventing/playground/patternText';
import { renderResult } from '../../../../src/core/eventing/playground/resultText';
import { compilePattern } from '../../../../src/core/eventing/patterns';

const event = {
  source: 'shop.orders', 'detail-type': 'OrderPlaced',
  detail: { total: 120, items: [{ sku: 'A1', qty: 2 }, { sku: 'B2', qty: 1 }], customer: { tier: 'gold' } },
};

/** Offset of the `|` marker in `text`, and the text without it. */
function at(marked: string): [string, number] {
  const offset = marked.indexOf('|');
  return [marked.slice(0, offset) + marked.slice(offset + 1), offset];
}

describe('eventing/playground pattern text', () => {
  it('places a PatternError on the field it names, also through $or and dotted keys', () => {
    const text = '{\n  "detail": {\n    "total": [{ "numeric": [">", "x"] }]\n  }\n}';
    const checked = checkPatternText(text);
    assert.equal(checked.ok, false);
    if (checked.ok) return;
    assert.match(checked.problem.message, /numeric/);
    assert.equal(text.slice(checked.problem.offset, checked.problem.offset + checked.problem.length), '"x"');

    const orText = '{"$or": [{"a": ["1"]}, {"b.c": [{"prefix": 5}]}]}';
    const loc = locatePatternPath(orText, '$or[1].b.c[0].prefix');
    assert.ok(loc);
    assert.equal(orText.slice(loc.offset, loc.offset + loc.length), '"prefix": 5');
  });

  it('reports a JSON syntax error at its character and an empty document plainly', () => {
    const checked = checkPatternText('{\n  "source": ["shop",]\n}');
    assert.equal(checked.ok, false);
    if (!checked.ok) assert.equal(checked.problem.offset, '{\n  "source": ["shop",'.length);
    const empty = readEventText('  ');
    assert.equal(empty.ok, false);
    if (!empty.ok) assert.match(empty.problem.message, /empty/);
  });

  it('compiles a valid pattern', () => {
    const checked = checkPatternText('{"source": ["shop.orders"]}');
    assert.ok(checked.ok && checked.value.matches(event));
  });
});

describe('eventing/playground completion', () => {
  it('offers the event\'s top-level fields at a key position, objects marked', () => {
    const [text, offset] = at('{ "|" }');
    const items = patternSuggestions(text, offset, event);
    assert.deepEqual(items.map((i) => i.label), ['source', 'detail-type', 'detail']);
    assert.equal(items.find((i) => i.label === 'detail')?.kind, 'object');
    assert.equal(items.find((i) => i.label === 'source')?.detail, 'event: "shop.orders"');
  });

  it('offers nested fields, through arrays of objects and inside $or branches', () => {
    let [text, offset] = at('{ "detail": { "items": { "|" } } }');
    assert.deepEqual(patternSuggestions(text, offset, event).map((i) => i.label), ['sku', 'qty']);
    [text, offset] = at('{ "$or": [ { "source": ["x"] }, { "detail": { "|" } } ] }');
    assert.deepEqual(patternSuggestions(text, offset, event).map((i) => i.label), ['total', 'items', 'customer']);
  });

  it('offers the event\'s values inside a field\'s list, once each', () => {
    const [text, offset] = at('{ "detail": { "items": { "sku": [ | ] } } }');
    assert.deepEqual(patternSuggestions(text, offset, event).map((i) => i.insertText), ['"A1"', '"B2"']);
  });

  it('offers nothing for a path the event lacks', () => {
    const [text, offset] = at('{ "nothing": { "|" } }');
    assert.deepEqual(patternSuggestions(text, offset, event), []);
  });
});

describe('eventing/playground result text', () => {
  it('states the verdict and each condition', () => {
    const text = renderResult({ explanation: compilePattern({ source: ['shop.orders'], detail: { total: [{ numeric: ['>', 200] }] } }).explain(event) });
    assert.match(text, /^NOT MATCHED ✗/);
    assert.match(text, /✓ source: "shop.orders"/);
    assert.match(text, /✗ detail.total: \{"numeric":\[">",200\]\} {2}event: 120/);
  });

  it('shows a pattern problem instead of a verdict, and the recent-event tally', () => {
    const text = renderResult({ patternProblem: 'source: bad', recent: { lines: [{ label: 'e1', matched: true }, { label: 'e2', matched: false }] } });
    assert.match(text, /^INVALID PATTERN/);
    assert.doesNotMatch(text, /MATCHED/);
    assert.match(text, /1 of 2 would have matched/);
  });
});
