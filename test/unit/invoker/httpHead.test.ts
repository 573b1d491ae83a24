// The head parser both ends of the Runtime API share (host server and sandbox client).
import * as assert from 'assert';
import { parseHeaders, startLineEnd } from '../../../src/core/invoker/httpHead';

describe('invoker: HTTP head parsing', () => {
  it('lower-cases names, trims values (spaces and tabs), keeps the last of a repeated name and skips malformed lines', () => {
    const head = 'POST /x HTTP/1.1\r\nHost: 127.0.0.1:9001\r\nContent-Length:\t12 \r\nX-SL-Flush-Markers: 1\r\nx-sl-flush-markers:2\r\nno colon here\r\n: empty name\r\nEmpty:';
    const eol = startLineEnd(head);
    assert.strictEqual(head.slice(0, eol), 'POST /x HTTP/1.1');
    assert.deepStrictEqual(parseHeaders(head, eol), { host: '127.0.0.1:9001', 'content-length': '12', 'x-sl-flush-markers': '2', empty: '' });
  });

  it('handles a head that is only a start line', () => {
    const head = 'GET /2018-06-01/runtime/invocation/next HTTP/1.1';
    assert.strictEqual(startLineEnd(head), head.length);
    assert.deepStrictEqual(parseHeaders(head, startLineEnd(head)), {});
  });
});
