/** Signed URLs (`/object/sign`) and public URLs (`/object/public`): tokens are HS256 JWTs over `<bucket>/<key>`, as Supabase signs them. */
import { json, type ApiResponse } from '../api/types';
import { signJwt } from '../auth/jwt';
import { findBucket } from './buckets';
import { StorageError } from './errors';
import { sendObject, visibleObject } from './objects';
import { checkObjectKey } from './paths';
import type { StorageContext } from './types';

const encodeKey = (key: string) => key.split('/').map(encodeURIComponent).join('/');

function expiresIn(value: unknown): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new StorageError(400, 'InvalidRequest', `expiresIn must be a whole number of seconds of at least 1 (got ${JSON.stringify(value)})`);
  return n;
}

async function signOne(ctx: StorageContext, bucketId: string, key: string, seconds: number): Promise<string> {
  await visibleObject(ctx, bucketId, key); // the caller must be allowed to read it (SELECT policy)
  const token = await signJwt({ url: `${bucketId}/${key}` }, ctx.cfg.jwtSecret, seconds);
  return `/object/sign/${bucketId}/${encodeKey(key)}?token=${token}`;
}

/** `POST /object/sign/<bucket>/<key>` `{ expiresIn }` → `{ signedURL }`. */
export async function createSignedUrl(ctx: StorageContext, bucketId: string, key: string, body: Record<string, unknown>): Promise<ApiResponse> {
  await findBucket(ctx, bucketId);
  return json(200, { signedURL: await signOne(ctx, bucketId, key, expiresIn(body.expiresIn)) });
}

/** `POST /object/sign/<bucket>` `{ expiresIn, paths }` → one `{ error, path, signedURL }` per path. */
export async function createSignedUrls(ctx: StorageContext, bucketId: string, body: Record<string, unknown>): Promise<ApiResponse> {
  await findBucket(ctx, bucketId);
  const seconds = expiresIn(body.expiresIn);
  if (!Array.isArray(body.paths)) throw new StorageError(400, 'InvalidRequest', 'Give the keys to sign as { "paths": [...] }');
  const out = [];
  for (const p of body.paths) {
    try {
      out.push({ error: null, path: p, signedURL: await signOne(ctx, bucketId, checkObjectKey(p), seconds) });
    } catch (err) {
      if (!(err instanceof StorageError)) throw err;
      out.push({ error: err.message, path: p, signedURL: null });
    }
  }
  return json(200, out);
}

/** `GET /object/sign/<bucket>/<key>?token=…`: serves the object if the token is valid, unexpired and for this very object. */
export async function serveSigned(ctx: StorageContext, bucketId: string, key: string, token: string | null, download: string | null): Promise<ApiResponse> {
  if (!token) throw new StorageError(400, 'InvalidSignature', 'Missing token: signed URLs carry ?token=…');
  const { jwtVerify } = await import('jose');
  let url: unknown;
  try {
    url = (await jwtVerify(token, new TextEncoder().encode(ctx.cfg.jwtSecret), { algorithms: ['HS256'] })).payload.url;
  } catch (err) {
    const expired = (err as { code?: string }).code === 'ERR_JWT_EXPIRED';
    throw new StorageError(400, 'InvalidJWT', expired ? 'jwt expired: create a new signed URL' : 'invalid signature: the token was not signed by this BaaS');
  }
  if (url !== `${bucketId}/${key}`) throw new StorageError(400, 'InvalidSignature', 'The signature is for another object');
  return sendObject(ctx, await visibleObject(ctx, bucketId, key, true), download);
}

/** `GET /object/public/<bucket>/<key>`: anyone may read objects of a public bucket. */
export async function servePublic(ctx: StorageContext, bucketId: string, key: string, download: string | null): Promise<ApiResponse> {
  const bucket = await findBucket(ctx, bucketId);
  if (!bucket.public) throw new StorageError(400, 'Bucket not found', `Bucket not found: "${bucketId}" is private, so it has no public URLs (create a signed URL instead)`);
  return sendObject(ctx, await visibleObject(ctx, bucketId, key, true), download);
}
