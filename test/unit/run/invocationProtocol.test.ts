import * as assert from 'node:assert/strict';
import { INVOCATION_STATE_VERSION, INVOCATION_WEBVIEW_SCHEMA, migrateInvocationState, type InvocationWebviewMessage } from '../../../src/shared/invocationProtocol';
import { parseMessage } from '../../../src/shared/webviewMessaging';

describe('shared/invocationProtocol', () => {
  it('keeps a current-version state and repairs its damaged fields', () => {
    const whatIf = { request: { pattern: 'bursty', perHour: 12 }, invocations: 1, initMs: 1, durationMs: 1, measured: false, rows: [] };
    assert.deepEqual(migrateInvocationState({ version: INVOCATION_STATE_VERSION, view: 'load', selectedRequestId: 'r1', predictMode: true, cloudOverlay: false, whatIf }),
      { version: INVOCATION_STATE_VERSION, view: 'load', selectedRequestId: 'r1', predictMode: true, cloudOverlay: false, whatIf });
    assert.deepEqual(migrateInvocationState({ version: INVOCATION_STATE_VERSION, view: 'elsewhere', predictMode: 'yes', whatIf: { rows: 3 } }),
      { version: INVOCATION_STATE_VERSION, view: 'invocation', predictMode: false, cloudOverlay: false });
  });

  it('starts fresh from older, foreign or missing states', () => {
    for (const raw of [undefined, null, 'x', { version: 0, view: 'load' }, { view: 'load' }]) {
      assert.deepEqual(migrateInvocationState(raw), { version: INVOCATION_STATE_VERSION, view: 'invocation', predictMode: false, cloudOverlay: false }, JSON.stringify(raw));
    }
  });

  it('validates page messages at the boundary', () => {
    const ok = (m: unknown) => parseMessage<InvocationWebviewMessage>(m, INVOCATION_WEBVIEW_SCHEMA) !== undefined;
    assert.ok(ok({ type: 'invokeAgain', requestId: 1, entryId: 'abc', cold: true }));
    assert.ok(ok({ type: 'runWhatIf', requestId: 2, request: { pattern: 'poisson', perHour: 3 } }));
    assert.ok(ok({ type: 'openCost', requestId: 3, source: 'load' }));
    assert.ok(!ok({ type: 'invokeAgain', requestId: 'abc', cold: true }), 'the old shape (entry id as requestId)');
    assert.ok(!ok({ type: 'runWhatIf', requestId: 2, request: { pattern: 'sine', perHour: 3 } }));
    assert.ok(!ok({ type: 'exportLoad', requestId: 4, format: 'xml' }));
    assert.ok(!ok({ type: 'openLocation', file: '/a.js', line: '3', column: 1 }));
  });
});
