import * as assert from 'assert';
import { waitFor } from '../../helpers/waitFor';

describe('waitFor (the shared test wait)', () => {
  it('resolves with the first truthy value, sync or async', async () => {
    let n = 0;
    assert.strictEqual(await waitFor(() => (++n >= 3 ? `after ${n}` : undefined), 'three looks', { intervalMs: 1 }), 'after 3');
    assert.deepStrictEqual(await waitFor(async () => ['ready'], 'an async probe'), ['ready']);
  });

  it('rejects with what it waited for, and the last error the probe threw', async () => {
    await assert.rejects(waitFor(() => false, 'the moon', { timeoutMs: 20, intervalMs: 5 }), /timed out after 20 ms waiting for the moon$/);
    await assert.rejects(waitFor(() => { throw new Error('no frame yet'); }, 'a frame', { timeoutMs: 20, intervalMs: 5 }), /waiting for a frame \(last error: no frame yet\)/);
  });

  it('keeps looking until the deadline, not just once', async () => {
    const start = Date.now();
    let looks = 0;
    await assert.rejects(waitFor(() => { looks++; return 0; }, 'zero to change', { timeoutMs: 30, intervalMs: 5 }));
    assert.ok(Date.now() - start >= 30, 'waited the whole timeout');
    assert.ok(looks >= 2, `looked ${looks} times`);
  });
});
