import { strict as assert } from 'node:assert';
import { RestError } from '../../../src/core/baas/api/rest/errors';
import { parseFilter, parseOrder, parseQuery, parseSelect, splitTopLevel } from '../../../src/core/baas/api/rest/queryParser';

function pgrst100(fn: () => unknown): void {
  assert.throws(fn, (e: unknown) => e instanceof RestError && e.code === 'PGRST100' && e.status === 400);
}

describe('REST query-string parser', () => {
  it('splits only on top-level commas, respecting parentheses and quotes', () => {
    assert.deepEqual(splitTopLevel('a,b(c,d),"e,f"'), ['a', 'b(c,d)', '"e,f"']);
    pgrst100(() => splitTopLevel('a,b(c'));
    pgrst100(() => splitTopLevel('a)'));
  });

  it('parses select lists with renames, casts and embedded resources', () => {
    assert.deepEqual(parseSelect('id,title:name,n::text,author:users!todos_author_fkey!inner(name,id)'), [
      { kind: 'column', name: 'id', alias: undefined, cast: undefined },
      { kind: 'column', name: 'name', alias: 'title', cast: undefined },
      { kind: 'column', name: 'n', alias: undefined, cast: 'text' },
      { kind: 'embed', relation: 'users', alias: 'author', hint: 'todos_author_fkey', inner: true,
        select: [{ kind: 'column', name: 'name', alias: undefined, cast: undefined }, { kind: 'column', name: 'id', alias: undefined, cast: undefined }] },
    ]);
    assert.deepEqual(parseSelect(undefined), [{ kind: 'star' }]);
    pgrst100(() => parseSelect('id::text;drop table x'));
  });

  it('parses filters, negation, in-lists and is', () => {
    assert.deepEqual(parseFilter('done', 'eq.false'), { kind: 'filter', column: 'done', negate: false, op: 'eq', value: 'false' });
    assert.deepEqual(parseFilter('id', 'not.in.(1,2,"a,b")'), { kind: 'filter', column: 'id', negate: true, op: 'in', value: ['1', '2', 'a,b'] });
    assert.deepEqual(parseFilter('name', 'ilike.*ann*'), { kind: 'filter', column: 'name', negate: false, op: 'ilike', value: '%ann%' });
    assert.deepEqual(parseFilter('x', 'is.NULL'), { kind: 'filter', column: 'x', negate: false, op: 'is', value: 'null' });
    pgrst100(() => parseFilter('x', 'is.maybe'));
    pgrst100(() => parseFilter('x', 'between.1'));
    pgrst100(() => parseFilter('x', 'in.1,2'));
  });

  it('parses nested or/and logic trees', () => {
    const q = parseQuery('or=(age.lt.18,and(age.gt.65,name.not.eq."a,b"))&not.and=(a.eq.1,b.eq.2)');
    assert.deepEqual(q.where, [
      { kind: 'or', negate: false, children: [
        { kind: 'filter', column: 'age', negate: false, op: 'lt', value: '18' },
        { kind: 'and', negate: false, children: [
          { kind: 'filter', column: 'age', negate: false, op: 'gt', value: '65' },
          { kind: 'filter', column: 'name', negate: true, op: 'eq', value: 'a,b' },
        ] },
      ] },
      { kind: 'and', negate: true, children: [
        { kind: 'filter', column: 'a', negate: false, op: 'eq', value: '1' },
        { kind: 'filter', column: 'b', negate: false, op: 'eq', value: '2' },
      ] },
    ]);
  });

  it('parses order, limit, offset, on_conflict and keeps rpc arguments raw', () => {
    assert.deepEqual(parseOrder('id.desc.nullslast,name'), [
      { column: 'id', direction: 'desc', nulls: 'last' }, { column: 'name', direction: 'asc' },
    ]);
    const q = parseQuery('limit=10&offset=5&on_conflict=email&select=id');
    assert.equal(q.limit, 10);
    assert.equal(q.offset, 5);
    assert.deepEqual(q.onConflict, ['email']);
    assert.deepEqual(parseQuery('a=1&b=x', { argsAreFilters: false }).raw, [['a', '1'], ['b', 'x']]);
    pgrst100(() => parseQuery('limit=-1'));
    pgrst100(() => parseOrder('id.sideways'));
  });
});
