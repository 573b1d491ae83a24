// Simulated push through the BaaS API: a device registers and gets a token, a server (service-role
// key) sends to it, the device's received list shows the notification; FCM's error shapes for a bad
// credential, an unknown token and an oversized payload.
import * as assert from 'assert';
import * as fs from 'fs';
import type { RunningBaas } from '../../../src/core/baas';
import { call, startTestBaas, tempWorkspace } from './helpers';

describe('BaaS simulated push (/push/v1)', function () {
  this.timeout(180000);
  let workspace: string;
  let baas: RunningBaas;
  before(async () => {
    workspace = tempWorkspace();
    baas = await startTestBaas(workspace);
  });
  after(async () => {
    await baas?.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('registers a device, delivers a notification sent with the service-role key, and lists it on the device', async () => {
    const device = await call(baas, 'POST', '/push/v1/devices', { body: { platform: 'fcm', name: 'Pixel (simulated)' } });
    assert.strictEqual(device.status, 201, JSON.stringify(device.body));
    const token = device.body.token as string;
    assert.match(token, /:APA91b/);
    const sent = await call(baas, 'POST', '/push/v1/send', { apikey: baas.serviceRoleKey, body: { message: { token, notification: { title: 'Welcome', body: 'Hi Ada' }, data: { orderId: 'o-1' } } } });
    assert.strictEqual(sent.status, 200, JSON.stringify(sent.body));
    assert.match(sent.body.name, /^projects\/serverless-lab\/messages\/[0-9a-f-]{36}$/);
    const inbox = await call(baas, 'GET', `/push/v1/devices/${encodeURIComponent(token)}/notifications`);
    assert.strictEqual(inbox.status, 200);
    assert.deepStrictEqual(inbox.body.map((n: { title: string; body: string; data: unknown }) => [n.title, n.body, n.data]), [['Welcome', 'Hi Ada', { orderId: 'o-1' }]]);
    const all = await call(baas, 'GET', '/push/v1/devices', { apikey: baas.serviceRoleKey });
    assert.ok(all.body.some((d: { token: string; name: string }) => d.token === token && d.name === 'Pixel (simulated)'));
  });

  it('answers in FCM\'s error shape: no server credential, unknown token, payload over 4 KB, uninstalled app', async () => {
    const { body: device } = await call(baas, 'POST', '/push/v1/devices', { body: { platform: 'apns' } });
    assert.match(device.token, /^[0-9a-f]{64}$/);
    const anon = await call(baas, 'POST', '/push/v1/send', { body: { message: { token: device.token, notification: { title: 'x' } } } });
    assert.deepStrictEqual([anon.status, anon.body.error.status], [403, 'PERMISSION_DENIED']);
    const unknown = await call(baas, 'POST', '/push/v1/send', { apikey: baas.serviceRoleKey, body: { message: { token: 'nope', notification: { title: 'x' } } } });
    assert.deepStrictEqual([unknown.status, unknown.body.error.details[0].errorCode], [404, 'UNREGISTERED']);
    const big = await call(baas, 'POST', '/push/v1/send', { apikey: baas.serviceRoleKey, body: { message: { token: device.token, notification: { title: 'x', body: 'y'.repeat(5000) } } } });
    assert.deepStrictEqual([big.status, big.body.error.status], [400, 'INVALID_ARGUMENT']);
    assert.strictEqual((await call(baas, 'DELETE', `/push/v1/devices/${device.token}`)).status, 204);
    const after = await call(baas, 'POST', '/push/v1/send', { apikey: baas.serviceRoleKey, body: { message: { token: device.token, notification: { title: 'x' } } } });
    assert.strictEqual(after.body.error.details[0].errorCode, 'UNREGISTERED');
  });
});
