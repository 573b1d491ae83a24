/** The `/storage/v1` route family: a subset of Supabase Storage's API (https://supabase.github.io/storage/, read 2026-11-27). */
import type { ApiRequest, ApiResponse, RouteHandler } from '../api/types';
import { bucketRoute } from './buckets';
import { StorageError, storageErrorResponse } from './errors';
import { listObjects, moveOrCopy, objectInfo, removeObjects, sendObject, visibleObject } from './objects';
import { checkBucketName, checkObjectKey, hasUnsafeRawPath } from './paths';
import { createSignedUrl, createSignedUrls, serveSigned, servePublic } from './signing';
import { storageCommand, storageRlsReport } from './rls';
import type { StorageConfig, StorageContext } from './types';
import { uploadObject } from './upload';

function jsonBody(req: ApiRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(req.body.toString('utf8'));
  } catch (err) {
    throw new StorageError(400, 'InvalidRequest', `Could not parse request body as JSON: ${(err as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new StorageError(400, 'InvalidRequest', 'The request body must be a JSON object');
  return value as Record<string, unknown>;
}

function segments(rawPath: string): string[] {
  if (hasUnsafeRawPath(rawPath)) throw new StorageError(400, 'InvalidKey', 'The path holds a "." or ".." segment, an encoded "/" or "\\", or NUL: object keys cannot leave their bucket');
  try {
    return rawPath.split('/').filter((s, i) => i > 0 || s !== '').map(decodeURIComponent);
  } catch {
    throw new StorageError(400, 'InvalidKey', 'The path is not valid percent-encoding');
  }
}

const keyOf = (parts: string[]) => checkObjectKey(parts.join('/'));

async function dispatch(ctx: StorageContext, req: ApiRequest): Promise<ApiResponse> {
  const parts = segments(req.path);
  const m = req.method;
  if (parts[0] === 'bucket') return bucketRoute(ctx, m, parts.slice(1), m === 'GET' ? {} : jsonBody(req));
  if (parts[0] !== 'object') throw new StorageError(404, 'not_found', `No storage route ${m} ${req.path}`);
  const [, second, third] = parts;
  if (m === 'POST' && (second === 'move' || second === 'copy') && parts.length === 2) return moveOrCopy(ctx, second, jsonBody(req));
  if (m === 'POST' && second === 'list' && parts.length === 3) return listObjects(ctx, checkBucketName(third), jsonBody(req));
  if (second === 'sign' && parts.length === 3 && m === 'POST') return createSignedUrls(ctx, checkBucketName(third), jsonBody(req));
  if (second === 'sign' && parts.length > 3) {
    const bucket = checkBucketName(third);
    if (m === 'POST') return createSignedUrl(ctx, bucket, keyOf(parts.slice(3)), jsonBody(req));
    if (m === 'GET') return serveSigned(ctx, bucket, keyOf(parts.slice(3)), req.query.get('token'), req.query.get('download'));
  }
  if (second === 'public' && parts.length > 3 && m === 'GET') return servePublic(ctx, checkBucketName(third), keyOf(parts.slice(3)), req.query.get('download'));
  if (second === 'info' && parts.length > 3 && m === 'GET') return objectInfo(ctx, checkBucketName(third), keyOf(parts.slice(3)));
  if (second === 'authenticated' && parts.length > 3 && m === 'GET') {
    return sendObject(ctx, await visibleObject(ctx, checkBucketName(third), keyOf(parts.slice(3))), req.query.get('download'));
  }
  if (parts.length === 2 && m === 'DELETE') return removeObjects(ctx, checkBucketName(second), jsonBody(req));
  if (parts.length > 2) {
    const bucket = checkBucketName(second);
    const key = keyOf(parts.slice(2));
    if (m === 'POST' || m === 'PUT') return uploadObject(ctx, req, bucket, key);
    if (m === 'GET' || m === 'HEAD') return sendObject(ctx, await visibleObject(ctx, bucket, key), req.query.get('download'));
  }
  throw new StorageError(404, 'not_found', `No storage route ${m} /object/${parts.slice(1).join('/')}`);
}

/** The `/storage/v1` route: every object operation runs as the caller's role, so RLS on `storage.objects` decides. */
export function storageRoute(cfg: StorageConfig): RouteHandler {
  return async (req, { db, claims }) => {
    let response: ApiResponse;
    try {
      response = await dispatch({ db, claims, cfg }, req);
    } catch (err) {
      if (!(err instanceof StorageError)) throw err;
      response = storageErrorResponse(err);
    }
    const command = cfg.describeRls ? storageCommand(req.method, req.path) : undefined;
    if (command) {
      const denied = response.status === 403 || response.status === 404 ? JSON.parse(String(response.body)).message : undefined;
      response.meta = { rls: await storageRlsReport(db, command, claims.role, denied) };
    }
    return response;
  };
}
