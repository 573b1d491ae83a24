import * as assert from 'assert';
import { buildOverview, continueWith, emptyProgress, formatMinutes, markCompleted, missingPrerequisites, setCurrentLesson, type LessonMeta, type Progress } from '../../../src/core/lessons';

function lesson(id: string, track: LessonMeta['track'], order: number, estimatedMinutes: number, prerequisites?: string[]): LessonMeta {
  return { id, title: id, track, order, summary: '', objectives: ['x'], estimatedMinutes, ...(prerequisites ? { prerequisites } : {}) };
}

// Course order, as the catalog returns it.
const LESSONS: LessonMeta[] = [
  lesson('intro', 'Foundations', 1, 6),
  lesson('fit', 'Foundations', 2, 8, ['intro']),
  lesson('handler', 'FaaS', 1, 10, ['intro']),
  lesson('limits', 'FaaS', 2, 9, ['handler', 'fit']),
  lesson('bill', 'Costs', 1, 7),
];

function progress(completed: string[], current?: string): Progress {
  let p = completed.reduce((acc, id) => markCompleted(acc, id), emptyProgress());
  if (current) p = setCurrentLesson(p, current);
  return p;
}

describe('lessons: progress overview', () => {
  it('sums completion and minutes per track and for the course, in course order, leaving out empty tracks', () => {
    const o = buildOverview(LESSONS, progress(['intro', 'handler']));
    assert.deepStrictEqual(
      o.tracks.map((t) => [t.track, t.completed, t.total, t.percent, t.minutesLeft, t.minutesTotal]),
      [
        ['Foundations', 1, 2, 50, 8, 14],
        ['FaaS', 1, 2, 50, 9, 19],
        ['Costs', 0, 1, 0, 7, 7],
      ],
    );
    assert.deepStrictEqual([o.completed, o.total, o.percent, o.minutesLeft, o.minutesTotal], [2, 5, 40, 24, 40]);
  });

  it('rounds percent down, so 100% means every lesson is done', () => {
    const all = ['intro', 'fit', 'handler', 'limits'];
    assert.strictEqual(buildOverview(LESSONS, progress(all)).percent, 80);
    assert.strictEqual(buildOverview(LESSONS.slice(0, 3), progress(['intro', 'fit'])).percent, 66, '2 of 3 is 66%, not 67%');
    const done = buildOverview(LESSONS, progress([...all, 'bill']));
    assert.strictEqual(done.percent, 100);
    assert.strictEqual(done.minutesLeft, 0);
    assert.strictEqual(done.continueWith, undefined, 'nothing to continue when everything is completed');
  });

  it('ignores completed ids of lessons that no longer exist', () => {
    const o = buildOverview(LESSONS, progress(['removed-lesson', 'intro']));
    assert.strictEqual(o.completed, 1);
    assert.strictEqual(o.minutesLeft, 34);
  });

  it('continues with the lesson last opened while it is not completed', () => {
    assert.deepStrictEqual(continueWith(LESSONS, progress(['intro'], 'limits')), { lessonId: 'limits', reason: 'in-progress' });
  });

  it('after the current lesson is completed, continues with the next uncompleted one, wrapping to the start', () => {
    assert.deepStrictEqual(continueWith(LESSONS, progress(['intro', 'handler'], 'handler')), { lessonId: 'limits', reason: 'next' });
    assert.deepStrictEqual(continueWith(LESSONS, progress(['intro', 'limits', 'bill', 'handler'], 'bill')), { lessonId: 'fit', reason: 'next' });
  });

  it('starts at the first lesson for a new learner, and at the first uncompleted one when no lesson is current', () => {
    assert.deepStrictEqual(continueWith(LESSONS, emptyProgress()), { lessonId: 'intro', reason: 'start' });
    assert.deepStrictEqual(continueWith(LESSONS, progress(['intro'])), { lessonId: 'fit', reason: 'next' });
    assert.deepStrictEqual(continueWith(LESSONS, progress([], 'no-such-lesson')), { lessonId: 'intro', reason: 'start' });
    assert.strictEqual(continueWith([], emptyProgress()), undefined);
  });

  it('lists prerequisites that are not completed, in declared order, without enforcing them', () => {
    const limits = LESSONS[3];
    assert.deepStrictEqual(missingPrerequisites(limits, LESSONS, emptyProgress()).map((l) => l.id), ['handler', 'fit']);
    assert.deepStrictEqual(missingPrerequisites(limits, LESSONS, progress(['fit'])).map((l) => l.id), ['handler']);
    assert.deepStrictEqual(missingPrerequisites(limits, LESSONS, progress(['fit', 'handler'])), []);
    assert.deepStrictEqual(missingPrerequisites(lesson('x', 'FaaS', 9, 1, ['unknown']), LESSONS, emptyProgress()), [], 'unknown ids are for lessons check to report');
  });

  it('formats time estimates in minutes and hours', () => {
    assert.deepStrictEqual([0, 7, 59, 60, 85, 120, -3].map(formatMinutes), ['0 min', '7 min', '59 min', '1 h', '1 h 25 min', '2 h', '0 min']);
  });
});
