/**
 * Object keys and bucket names to file paths, refusing anything that could escape the bucket's folder:
 * `..` and `.` segments, absolute paths, backslashes, NUL and other control characters. Every path is
 * checked again after resolution, so a bug in the rules above still cannot write outside the bucket.
 */
import * as path from 'node:path';
import { StorageError } from './errors';

// Supabase's own rule for bucket names: letters, digits, dots, dashes and underscores (storage's `isValidBucketName`).
const BUCKET_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/;

/** Checks a bucket id; throws a 400 StorageError that says what is allowed. */
export function checkBucketName(name: unknown): string {
  if (typeof name !== 'string' || !BUCKET_NAME.test(name) || name === '.' || name === '..') {
    throw new StorageError(400, 'InvalidBucketName', `Bucket name invalid: use 1-100 letters, digits, ".", "-" or "_" (got ${JSON.stringify(name)})`);
  }
  return name;
}

/** Checks an object key (`folder/file.png`); throws a 400 StorageError naming the offending part. */
export function checkObjectKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) throw new StorageError(400, 'InvalidKey', 'Object key is missing');
  if (key.length > 1024) throw new StorageError(400, 'InvalidKey', 'Object key is longer than 1024 characters');
  // eslint-disable-next-line no-control-regex -- refusing control characters (NUL included) is the point
  if (/[\u0000-\u001f\u007f]/.test(key)) throw new StorageError(400, 'InvalidKey', 'Object key contains a control character (NUL, newline, …)');
  if (key.includes('\\')) throw new StorageError(400, 'InvalidKey', 'Object key contains a backslash; use "/" between folders');
  if (key.startsWith('/') || /^[A-Za-z]:/.test(key)) throw new StorageError(400, 'InvalidKey', 'Object key must be relative (no leading "/" or drive letter)');
  for (const segment of key.split('/')) {
    if (segment === '') throw new StorageError(400, 'InvalidKey', `Object key "${key}" has an empty folder name ("//" or a trailing "/")`);
    if (segment === '.' || segment === '..') throw new StorageError(400, 'InvalidKey', `Object key "${key}" contains a "${segment}" segment, which is not allowed`);
  }
  return key;
}

/** The file of `key` inside `bucketDir`; throws if the resolved path is not strictly inside it. */
export function objectFile(bucketDir: string, key: string): string {
  checkObjectKey(key);
  const file = path.resolve(bucketDir, ...key.split('/'));
  const rel = path.relative(path.resolve(bucketDir), file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) throw new StorageError(400, 'InvalidKey', `Object key "${key}" resolves outside its bucket`);
  return file;
}

/** True when a raw request path (still percent-encoded) holds a dot segment or an encoded separator or NUL. */
export function hasUnsafeRawPath(rawPath: string): boolean {
  if (/%(2f|5c|00)/i.test(rawPath)) return true;
  return rawPath.split('/').some((s) => /^(\.|%2e){1,2}$/i.test(s));
}
