import * as assert from 'assert';
import { parseFrontMatter } from '../../../src/core/lessons';

const valid = [
  '---',
  'id: hello-lambda',
  'title: Hello',
  'track: FaaS',
  'order: 3',
  'summary: A summary.',
  'objectives:',
  '  - Do a thing',
  'estimatedMinutes: 4',
  '---',
  '',
  'Body line',
].join('\n');

/** Replaces one front matter line (1-based file line) of the valid lesson. */
function withLine(line: number, text: string): string {
  const lines = valid.split('\n');
  lines[line - 1] = text;
  return lines.join('\n');
}

describe('lessons: front matter', () => {
  it('parses valid front matter, the body, and where the body starts', () => {
    const { source, problems } = parseFrontMatter('l.md', valid);
    assert.deepStrictEqual(problems, []);
    assert.ok(source);
    assert.strictEqual(source.meta.id, 'hello-lambda');
    assert.strictEqual(source.meta.track, 'FaaS');
    assert.deepStrictEqual(source.meta.objectives, ['Do a thing']);
    assert.strictEqual(source.bodyLine, 11);
    assert.strictEqual(source.body.split('\n')[1], 'Body line');
    assert.strictEqual(source.keyLines.estimatedMinutes, 9);
  });

  it('accepts CRLF line endings', () => {
    const { source, problems } = parseFrontMatter('l.md', valid.replace(/\n/g, '\r\n'));
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(source?.meta.order, 3);
  });

  it('reports a missing opening --- at line 1', () => {
    const { source, problems } = parseFrontMatter('l.md', '# Just markdown\n');
    assert.strictEqual(source, undefined);
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0].line, 1);
    assert.match(problems[0].message, /missing front matter/);
  });

  it('reports an unterminated front matter block', () => {
    const { problems } = parseFrontMatter('l.md', '---\nid: x\n');
    assert.match(problems[0].message, /unterminated/);
  });

  it('reports a bad enum value at the line of its key', () => {
    const { source, problems } = parseFrontMatter('lessons/x.md', withLine(4, 'track: Servers'));
    assert.strictEqual(source, undefined);
    assert.deepStrictEqual(problems.map((p) => [p.file, p.line]), [['lessons/x.md', 4]]);
    assert.match(problems[0].message, /"track" must be one of: Foundations, FaaS, BaaS, Event-Driven, Use Cases, Costs, Benefits and Challenges, Best Practices/);
  });

  it('reports a wrong type inside an array at the item line', () => {
    const { problems } = parseFrontMatter('x.md', withLine(8, '  - 42'));
    assert.deepStrictEqual(problems.map((p) => p.line), [8]);
    assert.match(problems[0].message, /objectives\.0/);
  });

  it('reports an unknown key at its own line and a missing key at the opening ---', () => {
    const text = withLine(9, 'estimatedMinute: 4');
    const { problems } = parseFrontMatter('x.md', text);
    const unknown = problems.find((p) => /unknown front matter key "estimatedMinute"/.test(p.message));
    const missing = problems.find((p) => /missing required key "estimatedMinutes"/.test(p.message));
    assert.strictEqual(unknown?.line, 9);
    assert.strictEqual(missing?.line, 1);
  });

  it('reports YAML syntax errors at the right file line', () => {
    const { problems } = parseFrontMatter('x.md', withLine(6, 'summary: [unclosed'));
    assert.ok(problems.length >= 1);
    assert.ok(problems.every((p) => p.line >= 6), JSON.stringify(problems));
    assert.match(problems[0].message, /not valid YAML/);
  });

  it('rejects ids that are not kebab-case', () => {
    const { problems } = parseFrontMatter('x.md', withLine(2, 'id: Hello_Lambda'));
    assert.strictEqual(problems[0].line, 2);
    assert.match(problems[0].message, /kebab-case/);
  });
});
