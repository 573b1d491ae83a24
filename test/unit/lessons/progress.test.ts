import * as assert from 'assert';
import {
  allQuizzesCorrect,
  emptyProgress,
  isCompleted,
  markCompleted,
  migrateProgress,
  PROGRESS_VERSION,
  recordQuizAnswer,
  setCurrentLesson,
} from '../../../src/core/lessons';

describe('lessons: progress model', () => {
  it('starts empty and versioned', () => {
    assert.deepStrictEqual(emptyProgress(), { version: PROGRESS_VERSION, completed: [], quizAnswers: {} });
  });

  it('marks completion idempotently without mutating the input', () => {
    const p0 = emptyProgress();
    const p1 = markCompleted(p0, 'a');
    assert.deepStrictEqual(p0.completed, []);
    assert.ok(isCompleted(p1, 'a'));
    assert.strictEqual(markCompleted(p1, 'a'), p1);
    assert.deepStrictEqual(markCompleted(p1, 'b').completed, ['a', 'b']);
  });

  it('records quiz answers per lesson and tells when all quizzes are correct', () => {
    let p = recordQuizAnswer(emptyProgress(), 'l', 'q1', { selected: [1], correct: true });
    assert.strictEqual(allQuizzesCorrect(p, 'l', ['q1', 'q2']), false);
    p = recordQuizAnswer(p, 'l', 'q2', { selected: [0], correct: false });
    assert.strictEqual(allQuizzesCorrect(p, 'l', ['q1', 'q2']), false);
    p = recordQuizAnswer(p, 'l', 'q2', { selected: [2], correct: true });
    assert.strictEqual(allQuizzesCorrect(p, 'l', ['q1', 'q2']), true);
    assert.strictEqual(allQuizzesCorrect(p, 'other', ['q1']), false);
    assert.strictEqual(allQuizzesCorrect(p, 'l', []), false, 'a lesson without quizzes is not auto-completed');
    assert.deepStrictEqual(p.quizAnswers['l/q2'], { selected: [2], correct: true });
  });

  it('remembers the current lesson', () => {
    const p = setCurrentLesson(emptyProgress(), 'x');
    assert.strictEqual(p.currentLessonId, 'x');
    assert.strictEqual(setCurrentLesson(p, 'x'), p);
  });

  it('survives a JSON round trip unchanged (it lives in globalState)', () => {
    const p = setCurrentLesson(recordQuizAnswer(markCompleted(emptyProgress(), 'a'), 'a', 'q', { selected: [0, 2], correct: true }), 'a');
    assert.deepStrictEqual(migrateProgress(JSON.parse(JSON.stringify(p))), p);
  });

  it('migrates version 0 (a bare array of ids) and drops junk', () => {
    assert.deepStrictEqual(migrateProgress(['a', 'a', 3, 'b']).completed, ['a', 'b']);
    assert.deepStrictEqual(migrateProgress(undefined), emptyProgress());
    assert.deepStrictEqual(migrateProgress('garbage'), emptyProgress());
    assert.deepStrictEqual(migrateProgress({ version: 99, completed: ['a'] }), emptyProgress());
    const odd = migrateProgress({ version: 1, completed: ['a', null], quizAnswers: { 'a/q': { selected: [1, 'x'], correct: true }, 'a/bad': { selected: 1 } }, currentLessonId: 5 });
    assert.deepStrictEqual(odd, { version: 1, completed: ['a'], quizAnswers: { 'a/q': { selected: [1], correct: true } } });
  });
});
