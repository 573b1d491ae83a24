import * as assert from 'assert';
import fc from 'fast-check';
import { gradeQuiz, parseQuiz, type Quiz } from '../../../src/core/lessons';

const body = [
  'question: Which are true?', // 1
  'options:', // 2
  '  - text: A', // 3
  '    correct: true', // 4
  '    explanation: A is right', // 5
  '  - text: B', // 6
  '    explanation: B is wrong', // 7
  '  - text: C', // 8
  '    correct: true', // 9
  '    explanation: C is right', // 10
  'multiple: true', // 11: two correct options must be declared
].join('\n');

describe('lessons: quiz', () => {
  it('parses question, options, explanations and the correct answers', () => {
    const { value, problems } = parseQuiz(body, 'quiz-1');
    assert.deepStrictEqual(problems, []);
    assert.ok(value);
    assert.strictEqual(value.id, 'quiz-1');
    assert.strictEqual(value.multiple, true);
    assert.deepStrictEqual(value.options.map((o) => o.correct), [true, false, true]);
    assert.strictEqual(value.options[1].explanation, 'B is wrong');
  });

  it('refuses several correct options unless the quiz declares multiple: true', () => {
    const undeclared = parseQuiz(body.replace('\nmultiple: true', ''), 'q');
    assert.strictEqual(undeclared.value, undefined);
    assert.deepStrictEqual(undeclared.problems.map((p) => [p.line, p.message]), [[3, 'quiz has 2 correct options: keep exactly one, or declare "multiple: true" to make it "select all that apply"']]);
    assert.match(parseQuiz(body.replace('multiple: true', 'multiple: yes'), 'q').problems[0].message, /"multiple" must be true or false/);
  });

  it('uses an explicit id and detects single-answer quizzes', () => {
    const { value } = parseQuiz('id: my-quiz\nquestion: Q?\noptions:\n  - text: x\n    correct: true\n    explanation: yes\n  - text: y\n    explanation: no\n', 'quiz-1');
    assert.strictEqual(value?.id, 'my-quiz');
    assert.strictEqual(value?.multiple, false);
  });

  it('requires an explanation for every option, at the option line', () => {
    const broken = body.replace('    explanation: B is wrong', '    correct: false');
    const { value, problems } = parseQuiz(broken, 'q');
    assert.strictEqual(value, undefined);
    assert.deepStrictEqual(problems.map((p) => p.line), [6]);
    assert.match(problems[0].message, /option 2 needs an "explanation:"/);
  });

  it('reports a non-boolean "correct", unknown keys, no correct option and too few options', () => {
    assert.match(parseQuiz(body.replace('    correct: true\n    explanation: A', '    correct: yes\n    explanation: A'), 'q').problems[0].message, /"correct" must be true or false/);
    assert.strictEqual(parseQuiz(`${body}\nanswer: 1`, 'q').problems[0].line, 12);
    const none = body.replace(/ {4}correct: true\n/g, '');
    assert.match(parseQuiz(none, 'q').problems[0].message, /no correct option/);
    assert.match(parseQuiz('question: Q?\noptions:\n  - text: x\n    correct: true\n    explanation: e\n', 'q').problems[0].message, /at least two options/);
  });

  it('reports invalid YAML and a missing question', () => {
    assert.match(parseQuiz('question: [oops', 'q').problems[0].message, /not valid YAML/);
    assert.match(parseQuiz('options: []', 'q').problems.map((p) => p.message).join('\n'), /non-empty "question:"/);
  });

  it('grades: correct only when exactly the correct options are chosen, with feedback for each option', () => {
    const quiz = parseQuiz(body, 'q').value as Quiz;
    assert.strictEqual(gradeQuiz(quiz, [0, 2]).correct, true);
    assert.strictEqual(gradeQuiz(quiz, [0]).correct, false);
    assert.strictEqual(gradeQuiz(quiz, [0, 1, 2]).correct, false);
    assert.strictEqual(gradeQuiz(quiz, []).correct, false);
    const grade = gradeQuiz(quiz, [1]);
    assert.deepStrictEqual(grade.options.map((o) => [o.selected, o.correct]), [[false, true], [true, false], [false, true]]);
    assert.deepStrictEqual(grade.options.map((o) => o.explanation), ['A is right', 'B is wrong', 'C is right']);
  });

  it('grading ignores out-of-range indexes and matches set equality (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 2, maxLength: 6 }), fc.array(fc.integer({ min: -3, max: 9 })), (correctFlags, selected) => {
        const quiz: Quiz = { id: 'p', question: 'q', multiple: true, options: correctFlags.map((c, i) => ({ text: `o${i}`, explanation: 'e', correct: c })) };
        const inRange = new Set(selected.filter((i) => i >= 0 && i < correctFlags.length));
        const expected = inRange.size > 0 && correctFlags.every((c, i) => c === inRange.has(i));
        return gradeQuiz(quiz, selected).correct === expected;
      }),
    );
  });
});
