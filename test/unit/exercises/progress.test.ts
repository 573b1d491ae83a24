import * as assert from 'assert';
import { emptyProgress, exerciseProgress, exercisesPassed, lessonDone, migrateProgress, recordQuizAnswer, updateExercise } from '../../../src/core/lessons';

describe('exercises: progress', () => {
  it('counts attempts and hints, and a later failure never un-passes an exercise', () => {
    let p = updateExercise(emptyProgress(), 'l', 'ex', (e) => ({ ...e, attempts: e.attempts + 1, passed: true }));
    p = updateExercise(p, 'l', 'ex', (e) => ({ ...e, attempts: e.attempts + 1, hintsShown: 1, passed: false }));
    assert.deepStrictEqual(exerciseProgress(p, 'l', 'ex'), { attempts: 2, hintsShown: 1, passed: true });
    assert.deepStrictEqual(exerciseProgress(p, 'l', 'other'), { attempts: 0, hintsShown: 0, passed: false });
    assert.strictEqual(exercisesPassed(p), 1);
  });

  it('completes a lesson only when every quiz is right and every exercise passed', () => {
    let p = recordQuizAnswer(emptyProgress(), 'l', 'q', { selected: [0], correct: true });
    assert.strictEqual(lessonDone(p, 'l', ['q'], ['ex']), false);
    p = updateExercise(p, 'l', 'ex', (e) => ({ ...e, passed: true }));
    assert.strictEqual(lessonDone(p, 'l', ['q'], ['ex']), true);
    assert.strictEqual(lessonDone(p, 'l', [], []), false);
  });

  it('keeps valid exercise progress through migration and drops junk', () => {
    const p = updateExercise(emptyProgress(), 'l', 'ex', () => ({ attempts: 1, hintsShown: 2, passed: false }));
    const round = migrateProgress(JSON.parse(JSON.stringify({ ...p, exercises: { ...p.exercises, 'l/bad': { attempts: 'x' } } })));
    assert.deepStrictEqual(round.exercises, { 'l/ex': { attempts: 1, hintsShown: 2, passed: false } });
  });
});
