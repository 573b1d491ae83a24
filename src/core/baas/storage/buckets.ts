/** `/storage/v1/bucket`: create, list, get, update, empty and delete buckets, as the caller's role (RLS on `storage.buckets`). */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { json, type ApiResponse } from '../api/types';
import { fromDatabaseError, StorageError } from './errors';
import { parseMimeTypes, parseSizeLimit } from './limits';
import { checkBucketName } from './paths';
import type { BucketRow, StorageContext } from './types';

/** Reads a bucket as the owner: uploads need no policy on `storage.buckets`, as on Supabase. */
export async function findBucket(ctx: StorageContext, id: string): Promise<BucketRow> {
  const row = (await ctx.db.query<BucketRow>('select * from storage.buckets where id = $1', [checkBucketName(id)])).rows[0];
  if (!row) throw new StorageError(404, 'Bucket not found', `Bucket not found: "${id}"`);
  return row;
}

/** The folder of a bucket's files. */
export function bucketDir(ctx: StorageContext, id: string): string {
  return path.join(ctx.cfg.root, checkBucketName(id));
}

/** Handles `/bucket` and `/bucket/<id>[/empty]`. */
export async function bucketRoute(ctx: StorageContext, method: string, rest: string[], body: Record<string, unknown>): Promise<ApiResponse> {
  const { db, claims } = ctx;
  try {
    if (rest.length === 0 && method === 'GET') {
      return json(200, (await db.asRole(claims, (tx) => tx.query<BucketRow>('select * from storage.buckets order by name'))).rows);
    }
    if (rest.length === 0 && method === 'POST') {
      const id = checkBucketName(body.id ?? body.name);
      const values = [id, typeof body.name === 'string' ? body.name : id, claims.sub ?? null, body.public === true, parseSizeLimit(body.file_size_limit), parseMimeTypes(body.allowed_mime_types)];
      await db.asRole(claims, (tx) =>
        tx.query('insert into storage.buckets (id, name, owner, public, file_size_limit, allowed_mime_types) values ($1, $2, $3, $4, $5, $6)', values),
      );
      await fs.mkdir(bucketDir(ctx, id), { recursive: true });
      return json(200, { name: id });
    }
    const id = checkBucketName(rest[0]);
    if (rest.length === 1 && method === 'GET') {
      const row = (await db.asRole(claims, (tx) => tx.query<BucketRow>('select * from storage.buckets where id = $1', [id]))).rows[0];
      if (!row) throw new StorageError(404, 'Bucket not found', `Bucket not found: "${id}"`);
      return json(200, row);
    }
    if (rest.length === 1 && method === 'PUT') {
      const sets: string[] = [];
      const values: unknown[] = [id];
      if (body.public !== undefined) sets.push(`public = $${values.push(body.public === true)}`);
      if (body.file_size_limit !== undefined) sets.push(`file_size_limit = $${values.push(parseSizeLimit(body.file_size_limit))}`);
      if (body.allowed_mime_types !== undefined) sets.push(`allowed_mime_types = $${values.push(parseMimeTypes(body.allowed_mime_types))}`);
      const r = await db.asRole(claims, (tx) => tx.query(`update storage.buckets set ${[...sets, 'updated_at = now()'].join(', ')} where id = $1`, values));
      if (!r.affectedRows) throw new StorageError(404, 'Bucket not found', `Bucket not found: "${id}"`);
      return json(200, { message: 'Successfully updated' });
    }
    if (rest.length === 2 && rest[1] === 'empty' && method === 'POST') {
      await findBucket(ctx, id);
      const removed = await db.asRole(claims, (tx) => tx.query<{ name: string }>('delete from storage.objects where bucket_id = $1 returning name', [id]));
      await Promise.all(removed.rows.map((r) => fs.rm(path.join(bucketDir(ctx, id), ...r.name.split('/')), { force: true })));
      return json(200, { message: 'Successfully emptied' });
    }
    if (rest.length === 1 && method === 'DELETE') {
      await findBucket(ctx, id);
      const count = Number((await db.query<{ n: string }>('select count(*) as n from storage.objects where bucket_id = $1', [id])).rows[0].n);
      if (count > 0) throw new StorageError(409, 'InvalidRequest', `Bucket "${id}" is not empty: empty it first (${count} objects)`);
      const r = await db.asRole(claims, (tx) => tx.query('delete from storage.buckets where id = $1', [id]));
      if (!r.affectedRows) throw new StorageError(403, 'Unauthorized', `Deleting bucket "${id}" was refused by row-level security on storage.buckets`);
      await fs.rm(bucketDir(ctx, id), { recursive: true, force: true });
      return json(200, { message: 'Successfully deleted' });
    }
    throw new StorageError(404, 'not_found', `No storage route ${method} /bucket/${rest.join('/')}`);
  } catch (err) {
    if (err instanceof StorageError) throw err;
    throw fromDatabaseError(err);
  }
}
