import { strict as assert } from 'node:assert';
import { callerOf, decide, matchesFilter, RequestLog, type RequestEntry } from '../../../src/core/baas/explorer/requestLog';
import { pageSql } from '../../../src/core/baas/explorer/tables';
import { policySnippets } from '../../../src/core/baas/explorer/policySnippets';
import { sqlErrorLocation } from '../../../src/core/baas/explorer/sqlRun';
import { actingLabel, claimsFor } from '../../../src/core/baas/explorer/users';
import { DatabaseError } from '../../../src/core/baas/db/types';
import { BAAS_EXPLORER_WEBVIEW_SCHEMA, migrateBaasExplorerState } from '../../../src/shared/baasExplorerProtocol';
import { parseMessage } from '../../../src/shared/webviewMessaging';
import type { RlsReport } from '../../../src/core/baas/api/rest/types';

const rls = (over: Partial<RlsReport> = {}): RlsReport => ({ table: 'notes', rlsEnabled: true, command: 'SELECT', role: 'authenticated', policies: [{ name: 'own notes', permissive: true, roles: ['authenticated'], using: '(auth.uid() = user_id)', check: null }], ...over });

describe('BaaS explorer: request monitor decisions', () => {
  it('labels callers from claims', () => {
    assert.deepEqual(callerOf(undefined), { kind: 'unauthenticated' });
    assert.deepEqual(callerOf({ role: 'service_role' }), { kind: 'service' });
    assert.deepEqual(callerOf({ role: 'anon' }), { kind: 'anon' });
    assert.deepEqual(callerOf({ role: 'authenticated', sub: 'u1', email: 'a@x' }), { kind: 'user', sub: 'u1', email: 'a@x' });
  });

  it('explains allowed, denied, filtered, bypassed and RLS-off outcomes', () => {
    assert.equal(decide(200, rls(), 'authenticated').decision, 'allowed');
    assert.match(decide(200, rls(), 'authenticated').explanation ?? '', /own notes/);
    assert.equal(decide(403, rls({ command: 'INSERT', denied: 'new row violates row-level security policy' }), 'authenticated').decision, 'denied');
    assert.equal(decide(200, rls({ role: 'anon', policies: [] }), 'anon').decision, 'filtered');
    assert.equal(decide(401, rls({ role: 'anon', policies: [] }), 'anon').decision, 'denied');
    assert.equal(decide(200, rls(), 'service_role').decision, 'bypassed');
    assert.equal(decide(200, rls({ rlsEnabled: false }), 'anon').decision, 'no-rls');
    assert.deepEqual(decide(400, rls(), 'authenticated'), {});
    assert.deepEqual(decide(200, undefined, 'anon'), {});
  });

  it('filters by caller, status class, decision and text, and keeps at most its capacity', () => {
    const log = new RequestLog(3);
    const served = (path: string, status: number, role?: 'anon' | 'authenticated') => ({ at: '2026-11-27T15:00:00.000Z', method: 'GET', path, query: '', status, durationMs: 1, claims: role ? { role } : undefined, rls: role ? rls({ role }) : undefined });
    log.add(served('/rest/v1/a', 200, 'anon'));
    log.add(served('/rest/v1/b', 200, 'authenticated'));
    log.add(served('/auth/v1/token', 400, 'anon'));
    log.add(served('/rest/v1/c', 401));
    assert.deepEqual(log.list().map((e) => e.path), ['/rest/v1/b', '/auth/v1/token', '/rest/v1/c']);
    assert.deepEqual(log.list({ caller: 'user' }).map((e) => e.path), ['/rest/v1/b']);
    assert.deepEqual(log.list({ statusClass: 4 }).map((e) => e.path), ['/auth/v1/token', '/rest/v1/c']);
    assert.deepEqual(log.list({ text: 'REST' }).map((e) => e.path), ['/rest/v1/b', '/rest/v1/c']);
    assert.equal(matchesFilter(log.list()[0] as RequestEntry, { decision: 'denied' }), false);
    assert.equal(log.list()[0].time, Date.parse('2026-11-27T15:00:00.000Z'));
  });
});

describe('BaaS explorer: paging, snippets, callers and protocol', () => {
  it('builds keyset page SQL with one extra row and bound cursor values', () => {
    assert.deepEqual(pageSql('todos', ['id'], 100), { sql: 'select * from public."todos" order by "id" limit 101', params: [] });
    assert.deepEqual(pageSql('t', ['a', 'b'], 10, [1, 'x']), { sql: 'select * from public."t" where ("a", "b") > ($1, $2) order by "a", "b" limit 11', params: ['1', 'x'] });
    assert.match(pageSql('nokey', [], 10, undefined, 20).sql, /limit 11 offset 20$/);
    assert.match(pageSql('x"; drop table y; --', ['id'], 5).sql, /public\."x""; drop table y; --"/);
    assert.throws(() => pageSql('t', ['a', 'b'], 10, [1]), /cursor has 1 values/);
  });

  it('offers the three policy snippets with the owner column quoted', () => {
    const s = policySnippets('notes', 'owner_id');
    assert.deepEqual(s.map((x) => x.id), ['owner-only', 'public-read', 'authenticated-insert']);
    assert.match(s[0].sql, /using \(\(select auth\.uid\(\)\) = "owner_id"\)/);
    assert.match(s[1].sql, /for select to anon, authenticated/);
    assert.match(s[2].sql, /for insert to authenticated\s+with check/);
  });

  it('maps acting-as callers to Supabase-shaped claims', () => {
    assert.deepEqual(claimsFor({ kind: 'user', id: 'u1', email: 'a@x' }), { role: 'authenticated', sub: 'u1', email: 'a@x', aud: 'authenticated' });
    assert.deepEqual(claimsFor({ kind: 'anon' }), { role: 'anon' });
    assert.match(actingLabel({ kind: 'service' }), /bypasses RLS/);
  });

  it('places a Postgres error position on a 0-based line and column', () => {
    const sql = 'select 1;\n  selec 2;';
    assert.deepEqual(sqlErrorLocation(sql, new DatabaseError('syntax error at or near "selec"', '42601', undefined, undefined, 13)), { line: 1, column: 2 });
    assert.equal(sqlErrorLocation(sql, new Error('x')), undefined);
  });

  it('validates page messages and migrates saved state', () => {
    assert.ok(parseMessage({ type: 'page', requestId: 1, table: 't', limit: 10 }, BAAS_EXPLORER_WEBVIEW_SCHEMA));
    assert.equal(parseMessage({ type: 'actAs', requestId: 1, actor: { kind: 'root' } }, BAAS_EXPLORER_WEBVIEW_SCHEMA), undefined);
    assert.equal(parseMessage({ type: 'insert', requestId: 1, table: 't', values: { a: 1 } }, BAAS_EXPLORER_WEBVIEW_SCHEMA), undefined);
    assert.equal(parseMessage({ type: 'userAction', requestId: 1, user: { action: 'delete' } }, BAAS_EXPLORER_WEBVIEW_SCHEMA), undefined);
    assert.deepEqual(migrateBaasExplorerState({ version: 1, tab: 'requests', filter: { caller: 'anon' } }), { version: 1, tab: 'requests', filter: { caller: 'anon' } });
    assert.equal(migrateBaasExplorerState({ version: 1, tab: 'nope' }), undefined);
    assert.equal(migrateBaasExplorerState({ version: 0, tab: 'tables' }), undefined);
  });
});
