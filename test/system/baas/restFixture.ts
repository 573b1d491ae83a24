import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { handleRest } from '../../../src/core/baas/api/rest/handleRest';
import { RestResponse } from '../../../src/core/baas/api/rest/types';
import { openPglite } from '../../../src/core/baas/db/pglite';
import { openPostgres } from '../../../src/core/baas/db/postgres';
import { openPgliteWorker } from '../../../src/core/baas/db/workerDatabase';
import { postgresBin, startCluster } from './postgresCluster';
import type { Database, JwtClaims } from '../../../src/core/baas/db/types';

/** Two users with their to-dos, per-user RLS policies, an authors table for embedding and two functions. */
export const schemaSql = `
create table authors (id int primary key, name text not null);
create table todos (
  id serial primary key, title text not null, done boolean not null default false,
  owner uuid not null default auth.uid(), author_id int references authors(id), priority int
);
create unique index todos_title_owner on todos (title, owner);
alter table todos enable row level security;
create policy "own rows: read" on todos for select to authenticated using (owner = auth.uid());
create policy "own rows: insert" on todos for insert to authenticated with check (owner = auth.uid());
create policy "own rows: update" on todos for update to authenticated using (owner = auth.uid());
create policy "own rows: delete" on todos for delete to authenticated using (owner = auth.uid());
create function add_them(a int, b int) returns int language sql as $$ select a + b $$;
create function my_todos() returns setof todos language sql stable as $$ select * from todos order by id $$;
insert into authors values (1, 'Ada'), (2, 'Grace');
create table labels (id int primary key, name text not null);
create table todo_labels (todo_id int references todos(id), label_id int references labels(id), primary key (todo_id, label_id));
insert into labels values (1, 'home'), (2, 'urgent'), (3, 'unused');
`;

export const alice = '00000000-0000-0000-0000-00000000a11c';
export const bob = '00000000-0000-0000-0000-000000000b0b';
/** Claims as the auth layer would decode them. */
export const claims = {
  alice: { role: 'authenticated', sub: alice } as JwtClaims,
  bob: { role: 'authenticated', sub: bob } as JwtClaims,
  anon: { role: 'anon' } as JwtClaims,
  service: { role: 'service_role' } as JwtClaims,
};

/** A fresh database with the fixture schema, on PGlite in a temp dir (in-thread or in a worker) or on a throwaway real Postgres cluster; `close` removes it. */
export async function openFixture(backend: 'pglite' | 'pglite-worker' | 'postgres' = 'pglite'): Promise<{ db: Database; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sl-rest-'));
  let cluster: { url: string; stop(): void } | undefined;
  if (backend === 'postgres') {
    const bin = postgresBin();
    if (!bin) throw new Error('Debian postgresql is not installed: apt-get install -y postgresql');
    cluster = await startCluster(bin);
  }
  const open = backend === 'pglite-worker' ? openPgliteWorker : openPglite;
  const db = cluster ? await openPostgres(cluster.url) : await open({ dataDir: path.join(dir, 'data') });
  await db.exec(schemaSql);
  await db.query(`insert into todos (title, done, owner, author_id, priority) values
    ('alice 1', false, '${alice}', 1, 2), ('alice 2', true, '${alice}', 2, null), ('alice 3', false, '${alice}', null, 1),
    ('bob 1', false, '${bob}', 1, 5)`);
  await db.query('insert into todo_labels values (1, 1), (1, 2), (3, 2), (4, 1)');
  return { db, close: async () => { await db.close(); cluster?.stop(); rmSync(dir, { recursive: true, force: true }); } };
}

/** Calls the handler like the server would. */
export function rest(db: Database, who: JwtClaims, method: string, target: string, options: { headers?: Record<string, string>; body?: unknown } = {}): Promise<RestResponse> {
  const [p, q = ''] = target.split('?');
  return handleRest({ method, path: p, query: q, headers: options.headers ?? {}, body: options.body }, db, who);
}

/** The parsed JSON body. */
export function json(response: RestResponse): unknown {
  if (response.body === undefined) throw new Error(`No body (status ${response.status})`);
  return JSON.parse(response.body);
}
