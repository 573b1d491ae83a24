import { strict as assert } from 'node:assert';
import { signJwt, verifyJwt } from '../../../src/core/baas/auth/jwt';

const secret = 'a'.repeat(64);
const other = 'b'.repeat(64);

// verifyJwt keeps verified tokens by their text; these check that a cached token is judged as jose would judge it.
describe('verifyJwt', () => {
  it('verifies the same token again, and hands out a copy of its claims each time', async () => {
    const token = await signJwt({ role: 'authenticated', sub: 'u1' }, secret, 3600);
    const first = await verifyJwt(token, secret);
    assert.equal(first?.sub, 'u1');
    first!.role = 'service_role';
    assert.equal((await verifyJwt(token, secret))?.role, 'authenticated');
  });

  it('refuses a token verified under another secret (another BaaS in the same process)', async () => {
    const token = await signJwt({ role: 'service_role' }, secret, 3600);
    assert.ok(await verifyJwt(token, secret));
    assert.equal(await verifyJwt(token, other), undefined);
    assert.ok(await verifyJwt(token, secret));
  });

  it('refuses a verified token once its exp has passed', async () => {
    const token = await signJwt({ role: 'authenticated', sub: 'u2' }, secret, 60);
    assert.ok(await verifyJwt(token, secret));
    // A minute later, for `new Date()` (jose's clock) and `Date.now()` alike.
    const RealDate = Date;
    const later = RealDate.now() + 61_000;
    globalThis.Date = class extends RealDate {
      constructor(...args: ConstructorParameters<typeof Date>) {
        if (args.length) super(...args);
        else super(later);
      }
      static override now(): number {
        return later;
      }
    } as DateConstructor;
    try {
      assert.equal(await verifyJwt(token, secret), undefined);
    } finally {
      globalThis.Date = RealDate;
    }
  });

  it('refuses a token whose role is not an API role, every time', async () => {
    const token = await signJwt({ role: 'postgres' }, secret, 3600);
    assert.equal(await verifyJwt(token, secret), undefined);
    assert.equal(await verifyJwt(token, secret), undefined);
  });
});
