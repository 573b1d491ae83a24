// `Database.queryAs` on PGlite: the role switch and the statement go to Postgres as one wire-protocol pipeline
// (Bind and Execute for each, then a single Sync), through PGlite's public `execProtocolStream`. PGlite's own
// `query` makes six calls into the WebAssembly module per statement, and BEGIN and COMMIT two each, so a one-row
// read as a role took sixteen; this takes one.
//
// Both statements are named prepared statements, kept per SQL text, as PostgREST prepares its own: on PGlite,
// parsing and planning are most of a one-row read. Postgres itself re-plans a prepared statement when a table it
// uses changes or when it runs as another role (RLS is applied at planning).
import type { PGlite } from '@electric-sql/pglite';
import { SWITCH_ROLE_SQL } from './database';
import type { ApiRole, QueryResult } from './types';

type PgliteModule = typeof import('@electric-sql/pglite');

/** How many statements stay prepared; the least recently used one is closed beyond it. */
export const PREPARED_LIMIT = 100;

/** Errors that mean a statement we think prepared is not usable as it is: re-prepare and run once more. */
const STALE = new Set([
  '26000', // invalid_sql_statement_name: gone (a learner's DEALLOCATE ALL or DISCARD ALL)
  '0A000', // feature_not_supported: "cached plan must not change result type"
]);

/** Makes the pipelined `queryAs` of one PGlite connection; `exclusive` runs a pipeline outside any open transaction. */
export function pipelinedQueryAs(pg: PGlite, mod: Pick<PgliteModule, 'protocol' | 'parse'>, exclusive: <T>(fn: () => Promise<T>) => Promise<T>) {
  const { serialize } = mod.protocol;
  const prepared = new Map<string, string>(); // SQL text → statement name, least recently used first
  let toClose: string[] = [];
  let nextName = 1;

  /** The statement's name, and its Parse when it is not prepared yet. */
  const statement = (text: string, parts: Uint8Array[], fresh: string[]): string => {
    let name = prepared.get(text);
    if (name) {
      prepared.delete(text);
    } else {
      name = `serverless_lab_${nextName++}`;
      parts.push(serialize.parse({ name, text }));
      fresh.push(name);
    }
    prepared.set(text, name);
    return name;
  };

  /** Drops `names` from the cache; `forget` also closes them with the next pipeline. */
  const drop = (names: string[]) => {
    for (const [text, name] of prepared) if (names.includes(name)) prepared.delete(text);
  };
  const forget = (names: string[]) => {
    drop(names);
    toClose.push(...names);
  };

  /** Runs the pipeline; resolves to undefined when it should run once more (not on `lastTry`): see the catch. */
  const run = async (role: ApiRole, claims: string, sql: string, params: (string | null)[], lastTry: boolean) => {
    // Closing a statement that does not exist is not an error, so a close is always safe to send.
    const parts = toClose.map((name) => serialize.close({ type: 'S', name }));
    toClose = [];
    const fresh: string[] = [];
    const switchName = statement(SWITCH_ROLE_SQL, parts, fresh);
    parts.push(serialize.bind({ statement: switchName, values: [role, claims] }), serialize.execute({}));
    const name = statement(sql, parts, fresh);
    parts.push(serialize.bind({ statement: name, values: params }), serialize.describe({ type: 'P' }), serialize.execute({}));
    // One Sync: both statements run in one implicit transaction, committed here (rolled back on an error), so the
    // role and the claims, set local, end with it.
    parts.push(serialize.sync());
    while (prepared.size > PREPARED_LIMIT) {
      const [oldest] = prepared;
      forget([oldest[1]]);
    }
    try {
      return await pg.runExclusive(() => pg.execProtocolStream(Buffer.concat(parts), { syncToFs: false }));
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (code === '42P05') {
        // duplicate_prepared_statement: a learner's own PREPARE took one of our new names. The error rolled the
        // request back, so leave their statement alone and run it again under new names.
        drop(fresh);
        if (!lastTry) return undefined;
        throw err;
      }
      // A Parse that failed left no statement, one that passed before a later error did: close both kinds.
      forget(fresh);
      const reused = [switchName, name].filter((n) => !fresh.includes(n));
      if (reused.length && STALE.has(code) && !lastTry) {
        forget(reused);
        return undefined;
      }
      throw err;
    }
  };

  return async (role: ApiRole, claims: string, sql: string, params: (string | null)[]): Promise<QueryResult<never>> => {
    const messages = await exclusive(async () => {
      // A prepared statement that went stale, or a name that was taken, gets one more try.
      const first = await run(role, claims, sql, params, false);
      return first ?? ((await run(role, claims, sql, params, true)) as NonNullable<typeof first>);
    });
    await pg.syncToFs();
    // The statement's own messages follow the role switch's CommandComplete.
    const switched = messages.findIndex((m) => m.name === 'commandComplete');
    const [result] = mod.parse.parseResults(messages.slice(switched + 1), pg.parsers);
    return { rows: result.rows as never[], fields: result.fields, affectedRows: result.affectedRows };
  };
}
