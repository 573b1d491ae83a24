import * as assert from 'assert';
import { LESSON_STATE_VERSION, migrateLessonState } from '../../../src/shared/lessonProtocol';

describe('lessons: webview state', () => {
  it('keeps current-version state and drops anything it cannot read', () => {
    assert.deepStrictEqual(migrateLessonState({ version: LESSON_STATE_VERSION, lessonId: 'a', extra: 1 }), { version: LESSON_STATE_VERSION, lessonId: 'a' });
    for (const junk of [undefined, null, 'a', { lessonId: 'a' }, { version: 99, lessonId: 'a' }, { version: LESSON_STATE_VERSION, lessonId: 3 }]) {
      assert.strictEqual(migrateLessonState(junk), undefined, JSON.stringify(junk));
    }
  });
});
