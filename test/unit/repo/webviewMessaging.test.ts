import * as assert from 'node:assert/strict';
import { answerRequest, parseMessage, RequestClient, type MessageSchema, type ReplyMessage } from '../../../src/shared/webviewMessaging';

type Req = { type: 'add'; requestId: number; a: number; b: number } | { type: 'fail'; requestId: number };
const schema: MessageSchema = {
  ready: {},
  add: { requestId: 'number', a: 'number', b: 'number' },
  pick: { direction: (v) => v === 'next' || v === 'previous', note: 'string?' },
};

describe('shared/webviewMessaging', () => {
  it('accepts well-formed messages and rejects anything else', () => {
    assert.deepEqual(parseMessage({ type: 'ready' }, schema), { type: 'ready' });
    assert.ok(parseMessage({ type: 'add', requestId: 1, a: 1, b: 2 }, schema));
    assert.ok(parseMessage({ type: 'pick', direction: 'next' }, schema));
    for (const bad of [null, 'ready', {}, { type: 'nope' }, { type: 'toString' }, { type: 'add', requestId: '1', a: 1, b: 2 }, { type: 'add', requestId: 1, a: Infinity, b: 2 }, { type: 'pick', direction: 'up' }, { type: 'pick', direction: 'next', note: 3 }]) {
      assert.equal(parseMessage(bad, schema), undefined, JSON.stringify(bad));
    }
  });

  it('pairs requests and replies by id, in any order, and carries errors', async () => {
    const posted: Req[] = [];
    const client = new RequestClient<Req>((m) => posted.push(m));
    const sum = client.request<number>({ type: 'add', a: 2, b: 3 });
    const failing = client.request({ type: 'fail' });
    assert.deepEqual(posted.map((m) => m.requestId), [1, 2]);
    assert.equal(client.settle({ type: 'reply', requestId: 2, error: 'boom' }), true);
    assert.equal(client.settle({ type: 'reply', requestId: 1, result: 5 }), true);
    assert.equal(await sum, 5);
    await assert.rejects(failing, /boom/);
    assert.equal(client.inFlight, 0);
    assert.equal(client.settle({ type: 'other' }), false, 'not a reply');
  });

  it('answers every request exactly once, with the result or the error text', async () => {
    const replies: ReplyMessage[] = [];
    assert.equal(await answerRequest(7, async () => 42, (r) => replies.push(r)), 42);
    await assert.rejects(answerRequest(8, () => { throw new Error('no file'); }, (r) => replies.push(r)), /no file/);
    assert.deepEqual(replies, [{ type: 'reply', requestId: 7, result: 42 }, { type: 'reply', requestId: 8, error: 'no file' }]);
  });
});
