import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { RunningBaas } from '../../../src/core/baas';
import { startOn } from './backends';

// The REST layer has its own fuzz test (restFuzz.test.ts); this one drives /storage/v1 and /auth/v1 through
// the real HTTP server with arbitrary paths, query strings, headers and bodies.
describe('BaaS /storage/v1 and /auth/v1 fuzzed through the HTTP server (PGlite)', function () {
  this.timeout(300_000);
  let env: Awaited<ReturnType<typeof startOn>>;
  let baas: RunningBaas;
  const faults: unknown[] = [];
  before(async () => {
    env = await startOn('pglite');
    baas = env.baas;
    const res = await fetch(`${baas.url}/storage/v1/bucket`, {
      method: 'POST',
      headers: { apikey: baas.serviceRoleKey, authorization: `Bearer ${baas.serviceRoleKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'b', file_size_limit: 100 }),
    });
    assert.equal(res.status, 200);
  });
  after(() => env?.stop());

  it('answers every input with a JSON error or success, never a 5xx with data, and keeps serving', async () => {
    const segment = fc.oneof(
      fc.constantFrom('bucket', 'object', 'b', 'list', 'sign', 'public', 'move', 'copy', 'info', 'authenticated', 'empty', '..', '.', '%2e%2e', '%2F', '%00', '%ZZ', 'a.txt', ''),
      fc.string({ maxLength: 6 }).map(encodeURIComponent),
    );
    const name = fc.oneof(fc.constant('b'), segment);
    const keyPath = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));
    // Mostly the real routes' shapes, with arbitrary names in them; sometimes arbitrary segments.
    const storagePath = fc.oneof(
      fc.tuple(name, keyPath).map(([b, k]) => `/storage/v1/object/${b}/${k}`),
      fc.tuple(fc.constantFrom('list', 'sign', 'public', 'info', 'authenticated'), name, keyPath).map(([r, b, k]) => `/storage/v1/object/${r}/${b}/${k}`),
      fc.tuple(fc.constantFrom('list', 'sign'), name).map(([r, b]) => `/storage/v1/object/${r}/${b}`),
      fc.constantFrom('/storage/v1/object/move', '/storage/v1/object/copy', '/storage/v1/bucket', '/storage/v1/object/b'),
      fc.tuple(name, fc.constantFrom('', '/empty')).map(([b, e]) => `/storage/v1/bucket/${b}${e}`),
      fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => `/storage/v1/${s.join('/')}`),
    );
    const authPath = fc.constantFrom('signup', 'token', 'user', 'logout', 'otp', 'verify', 'recover', 'admin/users', 'admin/users/x', 'settings').map((p) => `/auth/v1/${p}`);
    const query = fc.array(fc.tuple(fc.constantFrom('grant_type', 'token', 'download', 'type', 'scope', 'x'), fc.string({ maxLength: 8 })), { maxLength: 3 }).map((q) => new URLSearchParams(q).toString());
    const body = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 30 }),
      fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
      fc.record({ prefixes: fc.array(fc.string({ maxLength: 6 })), bucketId: fc.string({ maxLength: 4 }), sourceKey: fc.string({ maxLength: 6 }), destinationKey: fc.string({ maxLength: 6 }), expiresIn: fc.oneof(fc.integer(), fc.string()), email: fc.string(), password: fc.string(), name: fc.string({ maxLength: 4 }), public: fc.anything() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
    );
    const contentType = fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', 'image/png');
    const key = fc.constantFrom('anon', 'service');
    const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE');
    await fc.assert(
      fc.asyncProperty(fc.oneof(storagePath, authPath), query, method, body, contentType, key, fc.boolean(), async (p, q, m, b, ct, k, upsert) => {
        const apikey = k === 'anon' ? baas.anonKey : baas.serviceRoleKey;
        const headers: Record<string, string> = { apikey, authorization: `Bearer ${apikey}`, 'content-type': ct, 'x-upsert': String(upsert) };
        const res = await fetch(`${baas.url}${p}${q ? `?${q}` : ''}`, { method: m, headers, body: m === 'GET' || m === 'HEAD' ? undefined : b });
        const text = await res.text();
        if (res.status >= 500) {
          faults.push({ m, p, q, b, status: res.status });
          assert.deepEqual(JSON.parse(text), { message: 'Internal error in the local BaaS; see its log.' }, `5xx with data for ${m} ${p}`);
        }
      }),
      { numRuns: 400 },
    );
    assert.deepEqual(faults, [], 'no input reaches an internal error');
    assert.equal((await fetch(`${baas.url}/auth/v1/settings`, { headers: { apikey: baas.anonKey } })).status, 200, 'still serving');
  });
});
