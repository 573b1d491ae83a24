// The loopback HTTP server under the Runtime API: the request shapes real clients send.
import * as assert from 'assert';
import * as net from 'net';
import { LiteHttpServer, type LiteRequest } from '../../../src/core/invoker/liteHttp';

/** Sends raw bytes (possibly in pieces) and collects what comes back until `done` says so. */
function raw(port: number, pieces: string[], done: (text: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    let text = '';
    s.on('data', (c) => {
      text += c.toString('latin1');
      if (done(text)) {
        s.destroy();
        resolve(text);
      }
    });
    s.on('error', reject);
    let i = 0;
    const sendNext = () => {
      if (i < pieces.length) s.write(pieces[i++], 'latin1', () => setTimeout(sendNext, 5));
    };
    sendNext();
  });
}

describe('invoker: loopback HTTP server', () => {
  let server: LiteHttpServer;
  let port: number;
  let seen: LiteRequest[];

  beforeEach(async () => {
    seen = [];
    server = new LiteHttpServer(100, (req, res) => {
      seen.push(req);
      res.send(202, `X-Echo: ${req.body.length}\r\n`, `got ${req.method} ${req.url}`);
    });
    port = await server.listen();
  });
  afterEach(() => server.close());

  it('serves pipelined requests in order, including bodies split across packets', async () => {
    const text = await raw(port, ['POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhel', 'loGET /b HTTP/1.1\r\n\r\n'], (t) => t.includes('got GET /b'));
    assert.deepStrictEqual(seen.map((r) => [r.method, r.url, r.body]), [['POST', '/a', 'hello'], ['GET', '/b', '']]);
    assert.ok(text.indexOf('got POST /a') < text.indexOf('got GET /b'));
    assert.match(text, /^HTTP\/1\.1 202 Accepted\r\nContent-Length: 11\r\nX-Echo: 5\r\n/);
  });

  it('decodes chunked bodies and answers Expect: 100-continue', async () => {
    await raw(port, ['POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n', '2\r\nde\r\n0\r\n\r\n'], (t) => t.includes('got POST /c'));
    assert.strictEqual(seen[0].body, 'abcde');
    const text = await raw(port, ['POST /d HTTP/1.1\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n', 'ok'], (t) => t.includes('got POST /d'));
    assert.ok(text.startsWith('HTTP/1.1 100 Continue\r\n\r\n'));
    assert.strictEqual(seen[1].body, 'ok');
  });

  it('keeps at most the limit of an oversized body, drains the rest and flags it', async () => {
    const big = 'x'.repeat(1000);
    await raw(port, [`POST /e HTTP/1.1\r\nContent-Length: ${big.length}\r\n\r\n${big}GET /f HTTP/1.1\r\n\r\n`], (t) => t.includes('got GET /f'));
    assert.strictEqual(seen[0].tooLarge, true);
    assert.strictEqual(seen[0].body.length, 100);
    assert.strictEqual(seen[1].url, '/f');
  });

  it('rejects an invalid Content-Length with 400 and closes', async () => {
    const text = await raw(port, ['POST /g HTTP/1.1\r\nContent-Length: -4\r\n\r\n'], (t) => t.includes('\r\n\r\n'));
    assert.match(text, /^HTTP\/1\.1 400 Bad Request/);
    assert.strictEqual(seen.length, 0);
  });
});
