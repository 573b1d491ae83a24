/** Bucket limits: the file size limit (bytes, or "5MB" as storage-js accepts) and allowed MIME types with wildcards. */
import { StorageError } from './errors';

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** Parses `file_size_limit`: a byte count, or a string like "5MB" (Supabase's units are powers of 1024). */
export function parseSizeLimit(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  const m = typeof value === 'string' ? /^\s*(\d+)\s*(b|kb|mb|gb)?\s*$/i.exec(value) : null;
  if (!m) throw new StorageError(400, 'InvalidRequest', `file_size_limit must be a number of bytes or a string like "5MB" (got ${JSON.stringify(value)})`);
  return Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()];
}

/** Parses `allowed_mime_types`: null (anything) or a list like ["image/png", "image/*"]. */
export function parseMimeTypes(value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && /^[\w.+-]+\/([\w.+-]+|\*)$/.test(v))) {
    throw new StorageError(400, 'InvalidRequest', `allowed_mime_types must be a list of MIME types such as ["image/png", "image/*"] (got ${JSON.stringify(value)})`);
  }
  return value.length ? (value as string[]) : null;
}

/** Throws Storage's 413 or 415 when an upload breaks its bucket's limits. */
export function checkLimits(bucket: { id: string; file_size_limit: number | string | null; allowed_mime_types: string[] | null }, size: number, mimeType: string): void {
  const limit = bucket.file_size_limit === null ? null : Number(bucket.file_size_limit);
  if (limit !== null && size > limit) {
    throw new StorageError(413, 'Payload too large', `The object exceeded the maximum allowed size: ${size} bytes is over bucket "${bucket.id}"'s limit of ${limit} bytes`);
  }
  const allowed = bucket.allowed_mime_types;
  if (allowed?.length) {
    const base = mimeType.split(';')[0].trim().toLowerCase();
    const ok = allowed.some((a) => (a.endsWith('/*') ? base.startsWith(a.slice(0, -1).toLowerCase()) : base === a.toLowerCase()));
    if (!ok) throw new StorageError(415, 'invalid_mime_type', `mime type ${base} is not supported: bucket "${bucket.id}" allows ${allowed.join(', ')}`);
  }
}
