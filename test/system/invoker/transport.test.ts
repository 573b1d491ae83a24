// Issue 12 §4: the Runtime API over public APIs (net on both ends; the host's HTTP/1.1 is hand-written where
// node:http missed the warm-latency target). Large bodies both ways, the request shapes real runtimes send on
// the wire, and the ones they should not send.
import * as assert from 'assert';
import * as net from 'net';
import type { Invoker } from '../../../src/core/invoker';
import { RuntimeApiServer } from '../../../src/core/invoker/runtimeApiServer';
import { makeDir, newInvoker, nodeFn, removeDir, waitFor } from '../invoker/helpers';

const BASE = '/2018-06-01/runtime';

/** Sends raw bytes and collects the reply until `done` says it is complete. */
function raw(address: string, data: string, done: (text: string) => boolean): Promise<string> {
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(port), host);
    let text = '';
    s.on('data', (c) => {
      text += c.toString('latin1');
      if (done(text)) {
        s.destroy();
        resolve(text);
      }
    });
    s.on('error', reject);
    s.write(data, 'latin1');
  });
}

/** Status lines in order (a response body has no line end, so the next status line may follow it directly). */
const statusLines = (text: string) => text.match(/HTTP\/1\.1 \d{3} [A-Za-z ]+?(?=\r\n)/g) ?? [];

describe('system: Runtime API transport', function () {
  this.timeout(30000);

  describe('through a sandbox', () => {
    let invoker: Invoker;
    let dir: string | undefined;
    beforeEach(async () => (invoker = await newInvoker()));
    afterEach(async () => {
      await invoker.dispose();
      removeDir(dir);
    });

    it('carries 5 MB events and responses both ways, multi-byte text included, cold and warm', async () => {
      dir = makeDir({ 'echo.js': 'exports.handler = async (event) => ({ echo: event.data, length: event.data.length });\n' });
      const data = 'é'.repeat(1024) + 'x'.repeat(5 * 1024 * 1024 - 4096);
      // A generous timeout: on a loaded shared machine, 5 MB of JSON each way can take seconds.
      const fn = nodeFn(dir, 'echo.js', { memoryMb: 512, timeoutSec: 60 });
      for (const round of [0, 1]) {
        const r = await invoker.invoke(fn, { event: { data } });
        assert.strictEqual(r.error, undefined, `round ${round}: ${JSON.stringify(r.error)}`);
        assert.deepStrictEqual(r.response, { echo: data, length: data.length });
        assert.strictEqual(r.cold, round === 0);
      }
    });
  });

  describe('on the wire', () => {
    let server: RuntimeApiServer;
    let address: string;
    const responses: [string, string][] = [];
    beforeEach(async () => {
      responses.length = 0;
      server = new RuntimeApiServer({ onNext: () => undefined, onResponse: (id, body) => responses.push([id, body]), onError: () => undefined, onInitError: () => undefined });
      address = await server.listen();
    });
    afterEach(() => server.close());

    it('serves a pipelined POST /response + GET /next in order, holding /next until the next event', async () => {
      const payload = (id: string) => ({ requestId: id, payload: `{"n":"${id}"}`, deadlineMs: 1, functionArn: 'arn', traceId: 't' });
      server.deliver(payload('a'));
      const first = await raw(address, `GET ${BASE}/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n`, (t) => t.includes('{"n":"a"}'));
      assert.match(first, /^HTTP\/1\.1 200 OK\r\n/);
      assert.match(first, /Lambda-Runtime-Aws-Request-Id: a\r\n/i);
      // The warm hot path: the result and the next request in one write, on a fresh connection here.
      const body = '{"ok":true}';
      const both = `POST ${BASE}/invocation/a/response HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}GET ${BASE}/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n`;
      const pending = raw(address, both, (t) => t.includes('{"n":"b"}'));
      assert.ok(await waitFor(() => responses.length === 1, 3000), 'response received');
      server.deliver(payload('b'));
      const text = await pending;
      assert.deepStrictEqual(statusLines(text), ['HTTP/1.1 202 Accepted', 'HTTP/1.1 200 OK']);
      assert.deepStrictEqual(responses, [['a', body]]);
    });

    it('answers Expect: 100-continue before the body and decodes a chunked response body', async () => {
      server.deliver({ requestId: 'c', payload: '{}', deadlineMs: 1, functionArn: 'arn', traceId: 't' });
      await raw(address, `GET ${BASE}/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n`, (t) => t.endsWith('{}'));
      const [host, port] = address.split(':');
      const text = await new Promise<string>((resolve, reject) => {
        const s = net.connect(Number(port), host);
        let got = '';
        s.on('error', reject);
        s.on('data', (c) => {
          got += c.toString('latin1');
          // curl's behaviour: wait for 100 Continue, then send the (chunked) body.
          if (got.startsWith('HTTP/1.1 100 Continue\r\n\r\n') && !got.includes('202')) s.write('5\r\nhello\r\n0\r\n\r\n');
          if (got.includes('{"status":"OK"}')) {
            s.destroy();
            resolve(got);
          }
        });
        s.write(`POST ${BASE}/invocation/c/response HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n`);
      });
      assert.deepStrictEqual(statusLines(text), ['HTTP/1.1 100 Continue', 'HTTP/1.1 202 Accepted']);
      assert.deepStrictEqual(responses, [['c', 'hello']]);
    });
    it('sends 100 Continue only after the responses ahead of it: a held /next, then a POST that expects it', async () => {
      const [host, port] = address.split(':');
      const s = net.connect(Number(port), host);
      let got = '';
      s.on('data', (c) => (got += c.toString('latin1')));
      s.write(`GET ${BASE}/invocation/next HTTP/1.1\r\nHost: x\r\n\r\nPOST ${BASE}/invocation/d/response HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n`);
      // Nothing may be written while /next is held: a 100 Continue now would be read as /next's answer.
      const early = await waitFor(() => got.length > 0, 300);
      assert.strictEqual(early, false, `nothing before the event, got ${JSON.stringify(got)}`);
      server.deliver({ requestId: 'd', payload: '{"n":"d"}', deadlineMs: 1, functionArn: 'arn', traceId: 't' });
      assert.ok(await waitFor(() => got.includes('100 Continue'), 3000), got);
      s.write('{}');
      assert.ok(await waitFor(() => got.includes('{"status":"OK"}'), 3000), got);
      s.destroy();
      assert.deepStrictEqual(statusLines(got), ['HTTP/1.1 200 OK', 'HTTP/1.1 100 Continue', 'HTTP/1.1 202 Accepted']);
      assert.deepStrictEqual(responses, [['d', '{}']]);
    });

    it('reads a chunked body that arrives one byte at a time, with a chunk extension and a trailer', async () => {
      server.deliver({ requestId: 'e', payload: '{}', deadlineMs: 1, functionArn: 'arn', traceId: 't' });
      await raw(address, `GET ${BASE}/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n`, (t) => t.endsWith('{}'));
      const [host, port] = address.split(':');
      const s = net.connect(Number(port), host);
      let got = '';
      s.on('data', (c) => (got += c.toString('latin1')));
      const request = `POST ${BASE}/invocation/e/response HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\n{"a\r\n4\r\n":1}\r\n0\r\nX-Trailer: yes\r\n\r\n`;
      for (const byte of Buffer.from(request)) {
        s.write(Buffer.from([byte]));
        await new Promise((r) => setImmediate(r));
      }
      assert.ok(await waitFor(() => got.includes('{"status":"OK"}'), 3000), got);
      s.destroy();
      assert.deepStrictEqual(responses, [['e', '{"a":1}']]);
    });

    it('answers a malformed request with 400 and closes, and closes after a Connection: close request', async () => {
      const bad = await raw(address, 'NONSENSE\r\n\r\n', (t) => t.includes('}'));
      assert.deepStrictEqual(statusLines(bad), ['HTTP/1.1 400 Bad Request']);
      assert.match(bad, /Connection: close/);
      const badLength = await raw(address, `POST ${BASE}/invocation/x/response HTTP/1.1\r\nContent-Length: ten\r\n\r\n`, (t) => t.includes('}'));
      assert.match(badLength, /400 Bad Request[\s\S]*Invalid Content-Length/);
      const [host, port] = address.split(':');
      const closed = await new Promise<string>((resolve, reject) => {
        const s = net.connect(Number(port), host);
        let got = '';
        s.on('data', (c) => (got += c.toString('latin1')));
        s.on('end', () => resolve(got));
        s.on('error', reject);
        s.write(`GET ${BASE}/nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      });
      assert.deepStrictEqual(statusLines(closed), ['HTTP/1.1 404 Not Found']);
    });
  });
});
