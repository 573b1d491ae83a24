/** Download, info, list, remove, move and copy of objects, each as the caller's role so that RLS on `storage.objects` decides. */
import { json, type ApiResponse } from '../api/types';
import { bucketDir, findBucket } from './buckets';
import { fromDatabaseError, StorageError } from './errors';
import { readObjectFile, removeObjectFile, transferObjectFile } from './files';
import { checkBucketName, checkObjectKey } from './paths';
import type { ObjectRow, StorageContext } from './types';

async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof StorageError) throw err;
    throw fromDatabaseError(err);
  }
}

/** The object's row as seen by the caller (undefined when missing or hidden by RLS: Supabase answers 404 for both). */
export async function visibleObject(ctx: StorageContext, bucketId: string, key: string, asOwner = false): Promise<ObjectRow> {
  const sql = 'select * from storage.objects where bucket_id = $1 and name = $2';
  const result = await guarded(() => (asOwner ? ctx.db.query<ObjectRow>(sql, [bucketId, key]) : ctx.db.asRole(ctx.claims, (tx) => tx.query<ObjectRow>(sql, [bucketId, key]))));
  const row = result.rows[0];
  if (!row) throw new StorageError(404, 'not_found', `Object not found: "${bucketId}/${key}"`);
  return row;
}

/** Sends an object's bytes with its stored MIME type, size, ETag and cache control. */
export async function sendObject(ctx: StorageContext, row: ObjectRow, download?: string | null): Promise<ApiResponse> {
  const data = await readObjectFile(bucketDir(ctx, row.bucket_id), row.name);
  const meta = row.metadata ?? {};
  const headers: Record<string, string> = {
    'content-type': String(meta.mimetype ?? 'application/octet-stream'),
    'content-length': String(data.length),
    'cache-control': String(meta.cacheControl ?? 'no-cache'),
    'last-modified': new Date(row.updated_at).toUTCString(),
  };
  if (meta.eTag) headers.etag = String(meta.eTag);
  if (download !== null && download !== undefined) {
    const name = download || row.name.split('/').pop() || 'download';
    headers['content-disposition'] = `attachment; filename="${encodeURIComponent(name)}"`;
  }
  return { status: 200, headers, body: data };
}

/** `GET /object/info/<bucket>/<key>`: the object's row in storage-js's camelCase shape. */
export async function objectInfo(ctx: StorageContext, bucketId: string, key: string): Promise<ApiResponse> {
  const row = await visibleObject(ctx, bucketId, key);
  const meta = row.metadata ?? {};
  return json(200, {
    id: row.id, name: row.name, bucket_id: row.bucket_id, owner: row.owner, version: null,
    size: meta.size, content_type: meta.mimetype, cache_control: meta.cacheControl, etag: meta.eTag, metadata: meta,
    created_at: row.created_at, updated_at: row.updated_at, last_accessed_at: row.last_accessed_at,
  });
}

/** `POST /object/list/<bucket>`: the files and first-level folders under `prefix`, as Supabase's `storage.search` lists them. */
export async function listObjects(ctx: StorageContext, bucketId: string, body: Record<string, unknown>): Promise<ApiResponse> {
  await findBucket(ctx, bucketId);
  let prefix = typeof body.prefix === 'string' ? body.prefix.replace(/^\/+/, '') : '';
  if (prefix && !prefix.endsWith('/')) prefix += '/';
  const limit = Math.min(Math.max(Number(body.limit ?? 100) || 100, 1), 1000);
  const offset = Math.max(Number(body.offset ?? 0) || 0, 0);
  const search = typeof body.search === 'string' ? body.search.toLowerCase() : '';
  const sortBy = (body.sortBy ?? {}) as { column?: string; order?: string };
  const column = ['name', 'created_at', 'updated_at', 'last_accessed_at'].includes(String(sortBy.column)) ? String(sortBy.column) : 'name';
  const rows = (
    await guarded(() =>
      ctx.db.asRole(ctx.claims, (tx) =>
        tx.query<ObjectRow>(`select * from storage.objects where bucket_id = $1 and left(name, length($2)) = $2 order by name`, [bucketId, prefix]),
      ),
    )
  ).rows;
  const entries = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const rest = row.name.slice(prefix.length);
    const slash = rest.indexOf('/');
    const name = slash < 0 ? rest : rest.slice(0, slash);
    if (search && !name.toLowerCase().startsWith(search)) continue;
    if (slash >= 0) {
      if (!entries.has(`${name}/`)) entries.set(`${name}/`, { name, id: null, updated_at: null, created_at: null, last_accessed_at: null, metadata: null });
    } else {
      entries.set(name, { name, id: row.id, updated_at: row.updated_at, created_at: row.created_at, last_accessed_at: row.last_accessed_at, metadata: row.metadata });
    }
  }
  const list = [...entries.values()].sort((a, b) => String(a[column] ?? a.name).localeCompare(String(b[column] ?? b.name)));
  if (sortBy.order === 'desc') list.reverse();
  return json(200, list.slice(offset, offset + limit));
}

/** `DELETE /object/<bucket>` with `{ prefixes: [keys] }`: deletes the rows the caller may delete (and see), then their files. */
export async function removeObjects(ctx: StorageContext, bucketId: string, body: Record<string, unknown>): Promise<ApiResponse> {
  await findBucket(ctx, bucketId);
  const keys = body.prefixes;
  if (!Array.isArray(keys) || keys.length === 0) throw new StorageError(400, 'InvalidRequest', 'Give the keys to remove as { "prefixes": ["folder/file.png"] }');
  keys.forEach(checkObjectKey);
  const removed = await guarded(() =>
    ctx.db.asRole(ctx.claims, (tx) => tx.query<ObjectRow>('delete from storage.objects where bucket_id = $1 and name = any($2) returning *', [bucketId, keys])),
  );
  for (const row of removed.rows) {
    await removeObjectFile(bucketDir(ctx, bucketId), row.name);
    ctx.cfg.onObjectEvent?.({ type: 'ObjectRemoved', bucket: bucketId, key: row.name, userId: ctx.claims.sub });
  }
  return json(200, removed.rows);
}

/** `POST /object/move` and `/object/copy` with `{ bucketId, sourceKey, destinationKey, destinationBucket? }`. */
export async function moveOrCopy(ctx: StorageContext, mode: 'move' | 'copy', body: Record<string, unknown>): Promise<ApiResponse> {
  const from = checkBucketName(body.bucketId);
  const to = body.destinationBucket === undefined || body.destinationBucket === null ? from : checkBucketName(body.destinationBucket);
  const sourceKey = checkObjectKey(body.sourceKey);
  const destinationKey = checkObjectKey(body.destinationKey);
  await findBucket(ctx, from);
  if (to !== from) await findBucket(ctx, to);
  const owner = ctx.claims.sub ?? null;
  const row = await guarded(() =>
    ctx.db.asRole(ctx.claims, async (tx) => {
      const source = (await tx.query<ObjectRow>('select * from storage.objects where bucket_id = $1 and name = $2', [from, sourceKey])).rows[0];
      if (!source) throw new StorageError(404, 'not_found', `Object not found: "${from}/${sourceKey}"`);
      if (mode === 'move') {
        await tx.query('update storage.objects set bucket_id = $3, name = $4, owner = $5, updated_at = now() where bucket_id = $1 and name = $2', [from, sourceKey, to, destinationKey, owner]);
      } else {
        await tx.query('insert into storage.objects (bucket_id, name, owner, metadata) values ($1, $2, $3, $4)', [to, destinationKey, owner, source.metadata]);
      }
      await transferObjectFile(ctx.cfg.root, { dir: bucketDir(ctx, from), key: sourceKey }, { dir: bucketDir(ctx, to), key: destinationKey }, mode);
      return source;
    }),
  );
  const meta = row.metadata ?? {};
  if (mode === 'move') ctx.cfg.onObjectEvent?.({ type: 'ObjectRemoved', bucket: from, key: sourceKey, userId: ctx.claims.sub });
  ctx.cfg.onObjectEvent?.({ type: 'ObjectCreated', bucket: to, key: destinationKey, size: Number(meta.size), mimeType: String(meta.mimetype), eTag: String(meta.eTag), userId: ctx.claims.sub });
  return mode === 'move' ? json(200, { message: 'Successfully moved' }) : json(200, { Key: `${to}/${destinationKey}` });
}
