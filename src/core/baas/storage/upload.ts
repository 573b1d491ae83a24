/** Upload (POST, or with upsert) and update (PUT) of one object: limits, then the metadata row as the caller (RLS), then the file. */
import { createHash, randomUUID } from 'node:crypto';
import { json, type ApiRequest, type ApiResponse } from '../api/types';
import { findBucket, bucketDir } from './buckets';
import { fromDatabaseError, StorageError } from './errors';
import { writeObjectFile } from './files';
import { checkLimits } from './limits';
import type { StorageContext } from './types';

/** The bytes, MIME type and cache control of an upload: raw body, or multipart form data as supabase-js sends Blobs. */
async function uploadedFile(req: ApiRequest): Promise<{ data: Buffer; mimeType: string; cacheControl: string }> {
  const contentType = req.headers['content-type'] ?? 'application/octet-stream';
  if (/^multipart\/form-data/i.test(contentType)) {
    // Node's own fetch Response parses multipart bodies; no extra dependency.
    const form = await new Response(new Uint8Array(req.body), { headers: { 'content-type': contentType } }).formData().catch(() => {
      throw new StorageError(400, 'InvalidRequest', 'Could not parse the multipart/form-data body');
    });
    const file = [...form.values()].find((v): v is File => typeof v !== 'string');
    if (!file) throw new StorageError(400, 'InvalidRequest', 'The multipart body holds no file part');
    const cacheControl = form.get('cacheControl');
    return {
      data: Buffer.from(await file.arrayBuffer()),
      mimeType: file.type || 'application/octet-stream',
      cacheControl: typeof cacheControl === 'string' ? `max-age=${cacheControl}` : 'no-cache',
    };
  }
  return { data: req.body, mimeType: contentType, cacheControl: req.headers['cache-control'] ?? 'no-cache' };
}

/** `POST|PUT /object/<bucket>/<key>`: POST creates (409 if it exists unless `x-upsert: true`), PUT replaces. */
export async function uploadObject(ctx: StorageContext, req: ApiRequest, bucketId: string, key: string): Promise<ApiResponse> {
  const bucket = await findBucket(ctx, bucketId);
  const file = await uploadedFile(req);
  checkLimits(bucket, file.data.length, file.mimeType);
  const eTag = `"${createHash('md5').update(file.data).digest('hex')}"`;
  const metadata = {
    eTag,
    size: file.data.length,
    mimetype: file.mimeType,
    cacheControl: file.cacheControl,
    lastModified: new Date().toISOString(),
    contentLength: file.data.length,
    httpStatusCode: 200,
  };
  const upsert = req.method === 'POST' && req.headers['x-upsert'] === 'true';
  const id = randomUUID();
  const owner = ctx.claims.sub ?? null;
  try {
    // No RETURNING: as on Supabase, an upload needs only an INSERT policy (RETURNING would also need SELECT).
    await ctx.db.asRole(ctx.claims, async (tx) => {
      if (req.method === 'PUT') {
        const r = await tx.query(`update storage.objects set metadata = $3, owner = $4, updated_at = now() where bucket_id = $1 and name = $2`, [bucket.id, key, metadata, owner]);
        if (!r.affectedRows) throw new StorageError(404, 'not_found', `Object not found: "${key}" (update replaces an existing object; upload creates one)`);
      } else {
        const onConflict = upsert ? 'on conflict (bucket_id, name) do update set metadata = excluded.metadata, owner = excluded.owner, updated_at = now()' : '';
        await tx.query(`insert into storage.objects (id, bucket_id, name, owner, metadata) values ($1, $2, $3, $4, $5) ${onConflict}`, [id, bucket.id, key, owner, metadata]);
      }
      // Inside the transaction: if the file cannot be written, the row is rolled back too.
      await writeObjectFile(ctx.cfg.root, bucketDir(ctx, bucket.id), key, file.data);
    });
  } catch (err) {
    if (err instanceof StorageError) throw err;
    throw fromDatabaseError(err);
  }
  ctx.cfg.onObjectEvent?.({ type: 'ObjectCreated', bucket: bucket.id, key, size: file.data.length, mimeType: file.mimeType, eTag, userId: ctx.claims.sub });
  return json(200, { Id: id, Key: `${bucket.id}/${key}` });
}
