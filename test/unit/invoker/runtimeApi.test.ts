// Runtime API conformance: drives the HTTP endpoints directly, as a runtime (or a misbehaving one) would.
import * as assert from 'assert';
import * as http from 'http';
import { MAX_RESPONSE_BYTES, RuntimeApiServer, type PendingEvent } from '../../../src/core/invoker/runtimeApiServer';
import type { InvocationError } from '../../../src/core/invoker/types';

interface Seen { next: boolean[]; responses: [string, string][]; errors: [string, InvocationError][]; initErrors: InvocationError[] }

function call(address: string, method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port: Number(port), method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('invoker: Runtime API conformance (2018-06-01)', () => {
  let server: RuntimeApiServer;
  let address: string;
  let seen: Seen;
  const BASE = '/2018-06-01/runtime';
  const event = (id: string): PendingEvent => ({
    requestId: id, payload: '{"hello":"world"}', deadlineMs: 1_900_000_000_000,
    functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f', traceId: 'Root=1-abc-def;Parent=01;Sampled=0',
    clientContext: '{"client":{"app":"x"}}', cognitoIdentity: '{"cognitoIdentityId":"id"}',
  });

  beforeEach(async () => {
    seen = { next: [], responses: [], errors: [], initErrors: [] };
    server = new RuntimeApiServer({
      onNext: (first) => seen.next.push(first),
      onResponse: (id, body) => seen.responses.push([id, body]),
      onError: (id, e) => seen.errors.push([id, e]),
      onInitError: (e) => seen.initErrors.push(e),
    });
    address = await server.listen();
  });
  afterEach(() => server.close());

  it('GET /invocation/next waits for an event and delivers it with every documented header', async () => {
    const pending = call(address, 'GET', `${BASE}/invocation/next`);
    await new Promise((r) => setTimeout(r, 30));
    server.deliver(event('req-1'));
    const res = await pending;
    assert.strictEqual(res.status, 200);
    assert.strictEqual(res.body, '{"hello":"world"}');
    assert.strictEqual(res.headers['lambda-runtime-aws-request-id'], 'req-1');
    assert.strictEqual(res.headers['lambda-runtime-deadline-ms'], '1900000000000');
    assert.strictEqual(res.headers['lambda-runtime-invoked-function-arn'], 'arn:aws:lambda:us-east-1:123456789012:function:f');
    assert.strictEqual(res.headers['lambda-runtime-trace-id'], 'Root=1-abc-def;Parent=01;Sampled=0');
    assert.strictEqual(res.headers['lambda-runtime-client-context'], '{"client":{"app":"x"}}');
    assert.strictEqual(res.headers['lambda-runtime-cognito-identity'], '{"cognitoIdentityId":"id"}');
    assert.deepStrictEqual(seen.next, [true]);
  });

  it('accepts the response once (202), then rejects a double response (403) and a wrong request id (400)', async () => {
    server.deliver(event('req-2'));
    await call(address, 'GET', `${BASE}/invocation/next`);
    const wrong = await call(address, 'POST', `${BASE}/invocation/not-the-id/response`, '"x"');
    assert.strictEqual(wrong.status, 400);
    assert.strictEqual(JSON.parse(wrong.body).errorType, 'InvalidRequestID');
    const ok = await call(address, 'POST', `${BASE}/invocation/req-2/response`, '{"ok":true}');
    assert.strictEqual(ok.status, 202);
    const again = await call(address, 'POST', `${BASE}/invocation/req-2/response`, '{"ok":false}');
    assert.strictEqual(again.status, 403);
    assert.strictEqual(JSON.parse(again.body).errorType, 'InvalidStateTransition');
    const errorAfter = await call(address, 'POST', `${BASE}/invocation/req-2/error`, '{}');
    assert.strictEqual(errorAfter.status, 403);
    assert.deepStrictEqual(seen.responses, [['req-2', '{"ok":true}']]);
    assert.deepStrictEqual(seen.errors, []);
  });

  it('rejects a response over 6 MB with 413 and reports Function.ResponseSizeTooLarge', async () => {
    server.deliver(event('req-3'));
    await call(address, 'GET', `${BASE}/invocation/next`);
    const res = await call(address, 'POST', `${BASE}/invocation/req-3/response`, Buffer.alloc(MAX_RESPONSE_BYTES + 10, 0x61));
    assert.strictEqual(res.status, 413);
    assert.strictEqual(seen.responses.length, 0);
    assert.strictEqual(seen.errors[0][1].errorType, 'Function.ResponseSizeTooLarge');
    assert.match(seen.errors[0][1].errorMessage, /6291556 bytes/);
  });

  it('parses error documents keeping stackTrace (runtimes-api) or trace (Node runtime) as named, falling back to the error-type header', async () => {
    server.deliver(event('req-4'));
    await call(address, 'GET', `${BASE}/invocation/next`);
    const res = await call(address, 'POST', `${BASE}/invocation/req-4/error`, JSON.stringify({ errorMessage: 'boom', errorType: 'TypeError', trace: ['TypeError: boom', '    at x'] }), { 'Lambda-Runtime-Function-Error-Type': 'Unhandled' });
    assert.strictEqual(res.status, 202);
    assert.deepStrictEqual(seen.errors[0], ['req-4', { errorType: 'TypeError', errorMessage: 'boom', trace: ['TypeError: boom', '    at x'] }]);
    server.deliver(event('req-5'));
    await call(address, 'GET', `${BASE}/invocation/next`);
    await call(address, 'POST', `${BASE}/invocation/req-5/error`, 'not json', { 'Lambda-Runtime-Function-Error-Type': 'Custom.Failure' });
    assert.deepStrictEqual(seen.errors[1], ['req-5', { errorType: 'Custom.Failure', errorMessage: 'not json' }]);
  });

  it('accepts /init/error before the first /next only', async () => {
    const first = await call(address, 'POST', `${BASE}/init/error`, JSON.stringify({ errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.handler is undefined or not exported', stackTrace: [] }));
    assert.strictEqual(first.status, 202);
    assert.strictEqual(seen.initErrors[0].errorType, 'Runtime.HandlerNotFound');
    const second = await call(address, 'POST', `${BASE}/init/error`, '{}');
    assert.strictEqual(second.status, 403);
  });

  it('answers unknown resources with 404', async () => {
    const res = await call(address, 'GET', `${BASE}/nope`);
    assert.strictEqual(res.status, 404);
  });
});
