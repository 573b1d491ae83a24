import * as assert from 'assert';
import { createBuiltInDirectives, loadLessonRenderer, parseFrontMatter, type DirectiveKind, type LessonRenderer, type LessonSource } from '../../../src/core/lessons';

const header = ['---', 'id: demo', 'title: Demo', 'track: Foundations', 'order: 1', 'summary: S.', 'objectives: [x]', 'estimatedMinutes: 2', '---'].join('\n');

/** Builds a lesson source from body lines; the body starts at file line 10. */
function lesson(...body: string[]): LessonSource {
  const { source, problems } = parseFrontMatter('lessons/demo.md', `${header}\n${body.join('\n')}`);
  assert.deepStrictEqual(problems, []);
  return source as LessonSource;
}

const quiz = ['```quiz', 'question: Pick A', 'options:', '  - text: "`A`"', '    correct: true', '    explanation: yes', '  - text: B', '    explanation: no', '```'];

describe('lessons: rendering and directives', () => {
  let renderer: LessonRenderer;
  before(async () => {
    renderer = await loadLessonRenderer();
  });

  it('escapes raw HTML: no lesson can inject markup or script', () => {
    const { html } = renderer.render(lesson('<script>alert(1)</script>', '', '<img src=x onerror=alert(1)>'));
    assert.ok(!/<script|<img/i.test(html), html);
    assert.match(html, /&lt;script&gt;/);
  });

  it('turns a relative image into a placeholder the page resolves, and refuses remote images with a problem on their line', () => {
    const { html, problems } = renderer.render(lesson('Intro', '', '![Cold vs warm](images/cold%20warm.svg)', '', 'text ![x](https://example.com/x.png)'));
    assert.match(html, /<img class="lesson-image" data-lesson-src="images\/cold warm\.svg" alt="Cold vs warm">/);
    assert.doesNotMatch(html, /<img[^>]* src=/);
    assert.doesNotMatch(html, /example\.com/);
    assert.deepStrictEqual(problems.map((p) => [p.line, p.message.slice(0, 40)]), [[14, 'image "https://example.com/x.png" cannot']]);
  });

  it('renders run and predict cards without leaking predict answers to the page', () => {
    const { html, problems } = renderer.render(lesson('```run', 'id: r', 'handler: h.js', 'modes: [cold, warm]', '```', '', '```predict', 'id: p', 'question: Q?', 'subject:', '  match: { pattern: { a: [1] }, event: { a: 1 } }', 'observe: matched', 'answer:', '  choices:', '    - { text: Yes, value: true, explanation: SECRET-YES }', '    - { text: No, value: false, explanation: SECRET-NO }', '```'));
    assert.deepStrictEqual(problems, []);
    assert.match(html, /data-run-id="r"/);
    assert.match(html, /data-run-mode="cold"[\s\S]*data-run-mode="warm"/);
    assert.match(html, /data-predict-id="p"[\s\S]*class="predict-run" disabled/);
    assert.doesNotMatch(html, /SECRET|value/);
  });

  it('keeps command: links to extension tools, and still refuses javascript: links', () => {
    const { html } = renderer.render(lesson('[Cost panel](command:serverlessLab.openCost) and [bad](javascript:alert(1))'));
    assert.match(html, /<a href="command:serverlessLab\.openCost">Cost panel<\/a>/);
    assert.doesNotMatch(html, /href="javascript:/);
  });

  it('highlights known languages with highlight.js classes and leaves plain fences alone', () => {
    const { html, problems } = renderer.render(lesson('```python', 'def lambda_handler(event, context):', '    return {"statusCode": 200}', '```', '', '```', 'plain', '```'));
    assert.deepStrictEqual(problems, []);
    assert.match(html, /<code class="hljs language-python">/);
    assert.match(html, /<span class="hljs-keyword">def<\/span>/);
    assert.match(html, /<pre><code>plain/);
  });

  it('renders a quiz without revealing answers or explanations', () => {
    const { html, problems, directives } = renderer.render(lesson('Intro', '', ...quiz));
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(directives.length, 1);
    assert.strictEqual(directives[0].kind, 'quiz');
    assert.strictEqual(directives[0].line, 12, 'opening fence line in the file');
    assert.match(html, /<section class="quiz" data-quiz-id="quiz-1"/);
    assert.strictEqual((html.match(/class="quiz-option"/g) ?? []).length, 2);
    assert.match(html, /<code>A<\/code>/, 'option text is inline Markdown');
    assert.ok(!/yes|correct/i.test(html.replace(/quiz-[a-z-]+|aria-[a-z]+/g, '')), 'answers stay on the host');
  });

  it('reports an unknown directive at the fence line and renders an error card there', () => {
    const { html, problems } = renderer.render(lesson('Text', '', '```quizz', 'question: x', '```', '', 'After'));
    assert.deepStrictEqual(problems.map((p) => [p.file, p.line]), [['lessons/demo.md', 12]]);
    assert.match(problems[0].message, /unknown directive "quizz"/);
    assert.match(html, /class="lesson-error"/);
    assert.match(html, /lessons\/demo\.md:12/);
    assert.match(html, /<p>After<\/p>/, 'the rest of the lesson still renders');
  });

  it('maps a malformed quiz problem to its file line', () => {
    const broken = quiz.map((l) => (l === '    explanation: no' ? '    explanation: ""' : l));
    const { problems } = renderer.render(lesson('', ...broken));
    // body line 1 = file line 10, fence at 11, "- text: B" is the 6th body line of the quiz.
    assert.deepStrictEqual(problems.map((p) => p.line), [17]);
    assert.match(problems[0].message, /^quiz: option 2 needs an "explanation:"/);
  });

  it('numbers quizzes and rejects duplicate quiz ids', () => {
    const { directives } = renderer.render(lesson(...quiz, '', ...quiz));
    assert.deepStrictEqual(directives.map((d) => (d.value as { id: string }).id), ['quiz-1', 'quiz-2']);
    const dup = renderer.render(lesson(...quiz.slice(0, 1), 'id: same', ...quiz.slice(1), ...quiz.slice(0, 1), 'id: same', ...quiz.slice(1)));
    assert.match(dup.problems.map((p) => p.message).join('\n'), /duplicate quiz id "same"/);
  });

  it('lets a new directive kind be added by registering it, without touching the renderer', async () => {
    const shout: DirectiveKind<string> = {
      name: 'shout',
      description: 'upper-cases its body',
      parse: (body) => (body.trim() ? { value: body.trim().toUpperCase(), problems: [] } : { problems: [{ line: 1, message: 'empty' }] }),
      render: (value, _ctx, { escape }) => `<p class="shout">${escape(value)}</p>`,
    };
    const custom = await loadLessonRenderer(createBuiltInDirectives().register(shout));
    const ok = custom.render(lesson('```shout', 'hi <b>', '```'));
    assert.match(ok.html, /<p class="shout">HI &lt;B&gt;<\/p>/);
    const bad = custom.render(lesson('', '```shout', '', '```'));
    assert.deepStrictEqual(bad.problems.map((p) => [p.line, p.message]), [[12, 'shout: empty']]);
    assert.throws(() => createBuiltInDirectives().register(shout).register(shout), /already registered/);
  });
});
