import * as assert from 'assert';
import { EVENT_FLOW_WEBVIEW_SCHEMA, migrateEventFlowState } from '../../../src/shared/eventFlowProtocol';
import { parseMessage } from '../../../src/shared/webviewMessaging';

describe('event flow protocol', () => {
  it('restores saved page state of this version and drops what it cannot read', () => {
    assert.deepStrictEqual(migrateEventFlowState({ version: 1, view: 'table', inspected: { kind: 'queue', name: 'orders-dlq' } }), { version: 1, view: 'table', inspected: { kind: 'queue', name: 'orders-dlq' } });
    assert.deepStrictEqual(migrateEventFlowState({ version: 1, view: 'nonsense', inspected: { kind: 'queue' } }), { version: 1, view: 'diagram' });
    assert.strictEqual(migrateEventFlowState({ version: 0 }), undefined);
    assert.strictEqual(migrateEventFlowState('x'), undefined);
  });

  it('accepts only well-formed page requests (the page is untrusted input)', () => {
    const ok = (m: unknown) => parseMessage(m, EVENT_FLOW_WEBVIEW_SCHEMA) !== undefined;
    assert.ok(ok({ type: 'inspect', requestId: 1, target: { kind: 'rule', bus: 'default', rule: 'r' } }));
    assert.ok(ok({ type: 'act', requestId: 2, act: { action: 'setFault', target: 'function', name: 'f', field: 'failureRate', value: 0.3 } }));
    assert.ok(ok({ type: 'act', requestId: 3, act: { action: 'putEvent', count: 100 } }));
    assert.ok(!ok({ type: 'act', requestId: 4, act: { action: 'setFault', target: 'function', name: 'f', field: 'constructor', value: 1 } }));
    assert.ok(!ok({ type: 'act', requestId: 5, act: { action: 'purge' } }));
    assert.ok(!ok({ type: 'act', requestId: 6, act: { action: 'putEvent', count: 1.5 } }));
    assert.ok(!ok({ type: 'inspect', requestId: 7, target: { kind: 'event' } }));
  });
});
