/** The PostgREST-compatible `/rest/v1` request handler. Every request runs as its role (`db.asRole`, or `db.queryAs` for a read), so RLS decides. */
import { fromDatabaseError, RestError } from './errors';
import { contentRange, parsePrefer, parseRange, Preferences, wantsSingular } from './prefer';
import { ParsedQuery } from './queryAst';
import { parseQuery } from './queryParser';
import { loadSchema, SchemaSnapshot } from './schemaCache';
import { BuildContext, Params } from './sqlBuilder';
import { buildDelete, buildInsert, buildRead, buildRpc, buildUpdate, FunctionInfo, functionLookupSql, Statement } from './statements';
import { rlsReport } from './rlsReport';
import { JwtClaims, RestDatabase, RestRequest, RestResponse } from './types';

const jsonType = 'application/json; charset=utf-8';
const objectType = 'application/vnd.pgrst.object+json; charset=utf-8';

/** Caches the schema snapshot per database; call `reload()` after DDL (missing tables/relations also trigger one reload). */
export class RestSchemaCache {
  private snapshot?: Promise<SchemaSnapshot>;
  constructor(private readonly db: RestDatabase, readonly schema = 'public') {}
  /** The cached snapshot, loading it on first use. */
  get(): Promise<SchemaSnapshot> {
    this.snapshot ??= loadSchema(this.db, this.schema).catch((e) => { this.snapshot = undefined; throw e; });
    return this.snapshot;
  }
  /** Forgets the snapshot so the next request reads the catalog again. */
  reload(): void {
    this.snapshot = undefined;
  }
}

const caches = new WeakMap<RestDatabase, RestSchemaCache>();

/** The shared schema cache of `db` (one per database object). */
export function schemaCacheFor(db: RestDatabase): RestSchemaCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new RestSchemaCache(db)));
  return cache;
}

/** The one row every statement returns: the JSON body, the row count, and the total for `count=exact`. */
type StatementRow = { body: string | null; n: number | string; total?: number | string };

type Plan =
  | { kind: 'table'; table: string; command: 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE'; statement?: Statement; offset: number; total: boolean; prefs: Preferences }
  | { kind: 'rpc'; statement: Statement; fn: FunctionInfo; prefs: Preferences };

/** Handles one `/rest/v1/...` request with PostgREST's semantics, as the role in `claims`. */
export async function handleRest(request: RestRequest, db: RestDatabase, claims: JwtClaims, cache = schemaCacheFor(db)): Promise<RestResponse> {
  const anonymous = claims.role === 'anon';
  const method = request.method.toUpperCase();
  let plan: Plan | undefined;
  try {
    plan = await planWithReload(request, method, db, cache);
    const singular = wantsSingular(request.headers.accept);
    const executed = plan.statement;
    const check = (result: StatementRow) => {
      // PostgREST rolls a mutation back when a singular response cannot be produced.
      if (singular && Number(result.n) !== 1 && result.body !== null) {
        throw new RestError(406, 'PGRST116', 'JSON object requested, multiple (or no) rows returned', `The result contains ${Number(result.n)} rows`);
      }
      return result;
    };
    let row: StatementRow = { body: '[]', n: 0 };
    if (executed && plan.kind === 'table' && plan.command === 'SELECT') {
      // A read has nothing to roll back: the role switch and the statement go to the database as one pipeline.
      row = check((await db.queryAs<StatementRow>(claims, executed.sql, executed.params)).rows[0]);
    } else if (executed) {
      row = await db.asRole(claims, async (tx) => check((await tx.query<StatementRow>(executed.sql, executed.params)).rows[0]));
    }
    const response = await respond(plan, method, row, singular);
    if (plan.kind === 'table') response.meta.rls = rlsReport(await cache.get(), plan.table, plan.command, claims.role);
    response.meta.sql = executed?.sql;
    return response;
  } catch (error) {
    const restError = fromDatabaseError(error, anonymous);
    const response: RestResponse = {
      status: restError.status,
      headers: { 'content-type': jsonType },
      body: method === 'HEAD' ? undefined : restError.toJson(),
      meta: { sql: plan?.statement?.sql },
    };
    if (plan?.kind === 'table') {
      response.meta.rls = rlsReport(await cache.get(), plan.table, plan.command, claims.role, restError.code === '42501' ? restError.message : undefined);
    }
    return response;
  }
}

async function planWithReload(request: RestRequest, method: string, db: RestDatabase, cache: RestSchemaCache): Promise<Plan> {
  try {
    return await plan(request, method, db, await cache.get());
  } catch (error) {
    // A table, relationship or function created after the cache was filled: read the catalog once more.
    if (error instanceof RestError && ['PGRST200', 'PGRST202', 'PGRST205'].includes(error.code)) {
      cache.reload();
      return plan(request, method, db, await cache.get());
    }
    throw error;
  }
}

async function plan(request: RestRequest, method: string, db: RestDatabase, snapshot: SchemaSnapshot): Promise<Plan> {
  const segments = request.path.replace(/^\/+|\/+$/g, '').split('/').map(decodeURIComponent);
  const prefs = parsePrefer(request.headers.prefer);
  const ctx: BuildContext = { snapshot, params: new Params(), aliases: 0 };
  if (segments.length === 2 && segments[0] === 'rpc' && segments[1]) {
    if (method !== 'GET' && method !== 'POST' && method !== 'HEAD') throw unsupported(method);
    const q = parseQuery(request.query, { argsAreFilters: false });
    const args = method === 'POST' ? (request.body ?? {}) : Object.fromEntries(q.raw);
    if (args === null || typeof args !== 'object' || Array.isArray(args)) throw new RestError(400, 'PGRST102', 'Function arguments must be one JSON object');
    const overloads = (await db.query<FunctionInfo>(functionLookupSql, [snapshot.schema, segments[1]])).rows;
    const { statement, fn } = buildRpc(ctx, segments[1], overloads, args as Record<string, unknown>);
    return { kind: 'rpc', statement, fn, prefs };
  }
  if (segments.length !== 1 || !segments[0]) {
    throw new RestError(404, 'PGRST125', `Invalid path specified in request URL: /${segments.join('/')}`, null, 'Use /rest/v1/<table> or /rest/v1/rpc/<function>.');
  }
  const table = segments[0];
  const q: ParsedQuery = parseQuery(request.query);
  const base = { kind: 'table' as const, table, prefs, offset: 0, total: false };
  switch (method) {
    case 'GET':
    case 'HEAD': {
      const range = q.limit === undefined && q.offset === undefined ? parseRange(request.headers.range) : undefined;
      if (range) { q.offset = range.offset; q.limit = range.limit; }
      return { ...base, command: 'SELECT', statement: buildRead(ctx, table, q, prefs.countExact), offset: q.offset ?? 0, total: prefs.countExact };
    }
    case 'POST':
      return { ...base, command: 'INSERT', statement: buildInsert(ctx, table, q, request.body, { representation: prefs.representation, resolution: prefs.resolution }) };
    case 'PATCH':
      return { ...base, command: 'UPDATE', statement: buildUpdate(ctx, table, q, request.body, prefs.representation) };
    case 'DELETE':
      return { ...base, command: 'DELETE', statement: buildDelete(ctx, table, q, prefs.representation) };
    default:
      throw unsupported(method);
  }
}

function unsupported(method: string): RestError {
  return new RestError(405, 'PGRST117', `Unsupported HTTP method: ${method}`);
}

async function respond(plan: Plan, method: string, row: StatementRow, singular: boolean): Promise<RestResponse> {
  const n = Number(row.n);
  const headers: Record<string, string> = { 'content-type': singular ? objectType : jsonType };
  let body = row.body ?? undefined;
  if (singular && body !== undefined) body = JSON.stringify((JSON.parse(body) as unknown[])[0]);
  if (plan.kind === 'rpc') {
    if (plan.fn.returnsVoid) return { status: 204, headers: {}, meta: {} };
    if (plan.fn.returnsComposite && !plan.fn.returnsSet && body !== undefined && !singular) body = JSON.stringify((JSON.parse(body) as unknown[])[0] ?? null);
    return { status: 200, headers, body: method === 'HEAD' ? undefined : body, meta: {} };
  }
  const total = row.total === undefined ? undefined : Number(row.total);
  if (plan.command === 'SELECT') {
    if (total !== undefined && plan.offset > 0 && plan.offset >= total && total > 0) {
      throw new RestError(416, 'PGRST103', 'Requested range not satisfiable', `An offset of ${plan.offset} was requested, but there are only ${total} rows.`);
    }
    headers['content-range'] = contentRange(plan.offset, n, total);
    const partial = total !== undefined && n < total;
    return { status: partial ? 206 : 200, headers, body: method === 'HEAD' ? undefined : body, meta: {} };
  }
  headers['content-range'] = `*/${plan.prefs.countExact ? n : '*'}`;
  const status = plan.command === 'INSERT' ? 201 : plan.prefs.representation ? 200 : 204;
  return { status, headers, body: plan.prefs.representation ? body : undefined, meta: {} };
}
