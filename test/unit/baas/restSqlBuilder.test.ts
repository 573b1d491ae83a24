import { strict as assert } from 'node:assert';
import { RestError, statusForSqlState } from '../../../src/core/baas/api/rest/errors';
import { parseQuery } from '../../../src/core/baas/api/rest/queryParser';
import { SchemaSnapshot } from '../../../src/core/baas/api/rest/schemaCache';
import { Params, quoteIdent } from '../../../src/core/baas/api/rest/sqlBuilder';
import { buildInsert, buildRead, buildUpdate } from '../../../src/core/baas/api/rest/statements';

const snapshot: SchemaSnapshot = {
  schema: 'public',
  tables: new Map([
    ['todos', { name: 'todos', rlsEnabled: true, primaryKey: ['id'] }],
    ['users', { name: 'users', rlsEnabled: false, primaryKey: ['id'] }],
  ]),
  foreignKeys: [{ constraint: 'todos_author_id_fkey', table: 'todos', columns: ['author_id'], target: 'users', targetColumns: ['id'] }],
  policies: [],
};
const ctx = () => ({ snapshot, params: new Params(), aliases: 0 });

describe('REST SQL builder', () => {
  it('quotes identifiers and never puts values in the SQL text', () => {
    assert.equal(quoteIdent('we"ird'), '"we""ird"');
    const s = buildRead(ctx(), 'todos', parseQuery(`title=eq.x'); drop table todos; --&id=in.(1,2)`), false);
    assert.ok(!s.sql.includes('drop table'), s.sql);
    assert.deepEqual(s.params, ["x'); drop table todos; --", '1', '2']);
    assert.match(s.sql, /"title" = \$1 and pgrst_t0\."id" in \(\$2, \$3\)/);
  });

  it('embeds a many-to-one relation as one object and a one-to-many as an array', () => {
    const toOne = buildRead(ctx(), 'todos', parseQuery('select=id,author:users(name)'), false).sql;
    assert.match(toOne, /select row_to_json\(pgrst_1_row\).*"public"\."users" as pgrst_1 where pgrst_1\."id" = pgrst_t0\."author_id"/);
    const toMany = buildRead(ctx(), 'users', parseQuery('select=name,todos(id)'), false).sql;
    assert.match(toMany, /json_agg\(pgrst_1_row\).*pgrst_1\."author_id" = pgrst_t0\."id"/);
    assert.throws(() => buildRead(ctx(), 'todos', parseQuery('select=*,tags(*)'), false), (e: RestError) => e.code === 'PGRST200' && e.status === 400);
    assert.throws(() => buildRead(ctx(), 'nope', parseQuery(''), false), (e: RestError) => e.code === 'PGRST205' && e.status === 404);
  });

  it('builds upserts on the primary key and refuses bulk bodies with different keys', () => {
    const s = buildInsert(ctx(), 'todos', parseQuery(''), [{ id: 1, title: 'a' }], { representation: true, resolution: 'merge-duplicates' });
    assert.match(s.sql, /on conflict \("id"\) do update set "title" = excluded\."title"/);
    assert.match(s.sql, /returning pgrst_t0\.\*/);
    assert.throws(() => buildInsert(ctx(), 'todos', parseQuery(''), [{ a: 1 }, { b: 2 }], { representation: false }), (e: RestError) => e.code === 'PGRST102');
    const minimal = buildInsert(ctx(), 'todos', parseQuery(''), { title: 'a' }, { representation: false });
    assert.doesNotMatch(minimal.sql, /returning pgrst_t0/);
    assert.equal(buildUpdate(ctx(), 'todos', parseQuery(''), {}, false), undefined);
  });

  it("maps SQLSTATEs to PostgREST's HTTP statuses", () => {
    assert.equal(statusForSqlState('42P01', false), 404);
    assert.equal(statusForSqlState('23505', false), 409);
    assert.equal(statusForSqlState('42501', true), 401);
    assert.equal(statusForSqlState('42501', false), 403);
    assert.equal(statusForSqlState('P0001', false), 400);
    assert.equal(statusForSqlState('53400', false), 500);
    assert.equal(statusForSqlState('53100', false), 503);
    assert.equal(statusForSqlState('22P02', false), 400);
  });
});
