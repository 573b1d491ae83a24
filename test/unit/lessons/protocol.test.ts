import * as assert from 'assert';
import { LESSON_HOST_SCHEMA, LESSON_STATE_VERSION, LESSON_WEBVIEW_SCHEMA, migrateLessonState } from '../../../src/shared/lessonProtocol';
import { parseMessage } from '../../../src/shared/webviewMessaging';

describe('lessons: webview state', () => {
  it('keeps current-version state and drops anything it cannot read', () => {
    assert.deepStrictEqual(migrateLessonState({ version: LESSON_STATE_VERSION, lessonId: 'a', extra: 1 }), { version: LESSON_STATE_VERSION, lessonId: 'a' });
    for (const junk of [undefined, null, 'a', { lessonId: 'a' }, { version: 99, lessonId: 'a' }, { version: LESSON_STATE_VERSION, lessonId: 3 }]) {
      assert.strictEqual(migrateLessonState(junk), undefined, JSON.stringify(junk));
    }
  });
});

describe('lessons: messages are validated at the boundary', () => {
  const page = (m: unknown) => parseMessage(m, LESSON_WEBVIEW_SCHEMA) !== undefined;
  const host = (m: unknown) => parseMessage(m, LESSON_HOST_SCHEMA) !== undefined;
  it('accepts the page messages and refuses malformed ones', () => {
    assert.ok(page({ type: 'answerQuiz', requestId: 1, lessonId: 'a', quizId: 'q', selected: [0, 2] }));
    assert.ok(page({ type: 'navigate', direction: 'next' }));
    assert.ok(!page({ type: 'answerQuiz', requestId: 1, lessonId: 'a', quizId: 'q', selected: ['0'] }));
    assert.ok(!page({ type: 'navigate', direction: 'sideways' }));
    assert.ok(!page({ type: 'quizResult', requestId: 1 }), 'a host message from the page');
  });
  it('accepts host messages, replies included', () => {
    assert.ok(host({ type: 'reply', requestId: 3, result: { feedback: {}, lessonCompleted: false } }));
    assert.ok(host({ type: 'completion', lessonId: 'a', completed: true, completedCount: 1, answered: [] }));
    assert.ok(!host({ type: 'completion', lessonId: 'a', completed: 'yes', completedCount: 1, answered: [] }));
  });
});
