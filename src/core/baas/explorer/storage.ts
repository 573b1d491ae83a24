/**
 * The explorer's Storage tab, the parts that need no HTTP: buckets (read as the owner, like the Tables list),
 * the policies on storage.objects and which bucket each one is about, what an object can be previewed as, and
 * a policy snippet. Object operations themselves go through `/storage/v1` as the acting-as caller (the host),
 * so the storage layer's RLS, limits and events apply and the request monitor shows them.
 */
import type { Queryable } from '../db/types';

/** A bucket as the Storage tab lists it. */
export interface BucketSummary {
  id: string;
  public: boolean;
  /** Bytes, or null for no limit. */
  fileSizeLimit: number | null;
  allowedMimeTypes: string[] | null;
  /** Every object in the bucket, counted as the owner (the listing shows what the caller may see). */
  objectCount: number;
  createdAt: string;
}

/** One line of an object listing: a file, or a first-level folder. */
export interface StorageEntry {
  /** The name inside the listed folder. */
  name: string;
  /** The full key inside the bucket (`folder/` for folders). */
  key: string;
  folder: boolean;
  size?: number;
  mimeType?: string;
  updatedAt?: string;
}

/** Which buckets a policy on storage.objects is about, read from its SQL. */
export type PolicyScope = 'bucket' | 'all' | 'other';

/** A policy on storage.objects with the bucket it concerns. */
export interface StoragePolicy {
  name: string;
  command: string;
  roles: string[];
  permissive: boolean;
  using: string | null;
  check: string | null;
  scope: PolicyScope;
}

/** Lists buckets with their object counts, as the owner (bucket metadata is structure, not data). */
export async function listBuckets(db: Pick<Queryable, 'query'>): Promise<BucketSummary[]> {
  const rows = (
    await db.query<{ id: string; public: boolean; file_size_limit: string | number | null; allowed_mime_types: string[] | null; n: string | number; created: string }>(
      `select b.id, b.public, b.file_size_limit, b.allowed_mime_types, b.created_at::text as created,
              (select count(*) from storage.objects o where o.bucket_id = b.id) as n
         from storage.buckets b order by b.id`,
    )
  ).rows;
  return rows.map((r) => ({
    id: r.id,
    public: r.public,
    fileSizeLimit: r.file_size_limit === null ? null : Number(r.file_size_limit),
    allowedMimeTypes: r.allowed_mime_types,
    objectCount: Number(r.n),
    createdAt: r.created,
  }));
}

/** The string literals of a policy expression as pg_policies prints it (`(bucket_id = 'avatars'::text)`). */
function literals(sql: string): string[] {
  return [...sql.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].replace(/''/g, "'"));
}

/**
 * Which bucket a policy is about: `bucket` when its SQL compares bucket_id with this bucket's name, `other`
 * when it names only other buckets, `all` when it does not mention bucket_id (it applies to every bucket).
 */
export function policyScope(using: string | null, check: string | null, bucket: string): PolicyScope {
  const sql = `${using ?? ''} ${check ?? ''}`;
  if (!/\bbucket_id\b/.test(sql)) return 'all';
  return literals(sql).includes(bucket) ? 'bucket' : 'other';
}

/** Every policy on storage.objects, each with its scope for `bucket`; this bucket's first, then the general ones. */
export async function listStoragePolicies(db: Pick<Queryable, 'query'>, bucket: string): Promise<StoragePolicy[]> {
  const rows = (
    await db.query<{ policyname: string; cmd: string; roles: string[] | string; permissive: string; qual: string | null; with_check: string | null }>(
      `select policyname, cmd, roles, permissive, qual, with_check from pg_policies
        where schemaname = 'storage' and tablename = 'objects' order by policyname`,
    )
  ).rows;
  const order: Record<PolicyScope, number> = { bucket: 0, all: 1, other: 2 };
  return rows
    .map((r) => ({
      name: r.policyname,
      command: r.cmd,
      roles: Array.isArray(r.roles) ? r.roles : String(r.roles).replace(/^\{|\}$/g, '').split(','),
      permissive: r.permissive === 'PERMISSIVE',
      using: r.qual,
      check: r.with_check,
      scope: policyScope(r.qual, r.with_check, bucket),
    }))
    .sort((a, b) => order[a.scope] - order[b.scope] || a.name.localeCompare(b.name));
}

/** Turns `/object/list` rows (storage-js's shape) into entries under `prefix`. */
export function toStorageEntries(prefix: string, listed: unknown): StorageEntry[] {
  if (!Array.isArray(listed)) return [];
  const base = normalizePrefix(prefix);
  return listed.map((raw) => {
    const r = raw as { name: string; id: string | null; updated_at?: string | null; metadata?: Record<string, unknown> | null };
    const folder = r.id === null;
    const meta = r.metadata ?? {};
    return {
      name: r.name,
      key: `${base}${r.name}${folder ? '/' : ''}`,
      folder,
      ...(folder ? {} : { size: Number(meta.size ?? 0), mimeType: String(meta.mimetype ?? 'application/octet-stream'), updatedAt: r.updated_at ?? undefined }),
    };
  });
}

/** `a/b` → `a/b/`; `` and `/` → ``. */
export function normalizePrefix(prefix: string): string {
  const p = prefix.replace(/^\/+/, '').replace(/\/+$/, '');
  return p ? `${p}/` : '';
}

/** The key of a file dropped or picked into the folder `prefix`: the file's base name, never a path. */
export function keyFor(prefix: string, fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  if (!base || base === '.' || base === '..') throw new Error(`"${fileName}" is not a usable file name for an object key.`);
  return `${normalizePrefix(prefix)}${base}`;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml', avif: 'image/avif', ico: 'image/x-icon', bmp: 'image/bmp',
  txt: 'text/plain', md: 'text/markdown', csv: 'text/csv', html: 'text/html', css: 'text/css', js: 'text/javascript', mjs: 'text/javascript', ts: 'text/plain',
  json: 'application/json', xml: 'application/xml', yaml: 'application/yaml', yml: 'application/yaml', sql: 'application/sql', pdf: 'application/pdf', zip: 'application/zip',
  mp3: 'audio/mpeg', mp4: 'video/mp4', wav: 'audio/wav',
};

/** A MIME type from a file name (the page may know better: a dropped File has its own `type`). */
export function mimeTypeFor(fileName: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return (ext && MIME_BY_EXTENSION[ext]) || 'application/octet-stream';
}

/** Largest image previewed inline (as a data: URL), and the most text shown. */
export const PREVIEW_LIMITS = { imageBytes: 5 * 1024 * 1024, textBytes: 64 * 1024 } as const;

/** Raster and vector types a webview `<img>` shows; an SVG in `<img>` runs no script. */
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml', 'image/avif', 'image/bmp', 'image/x-icon'];

/** How the Storage tab can preview an object: as an image, as text, or not at all (and why). */
export function previewKind(mimeType: string, size: number): { kind: 'image' | 'text' | 'none'; reason?: string } {
  const type = mimeType.split(';')[0].trim().toLowerCase();
  if (IMAGE_TYPES.includes(type)) {
    return size <= PREVIEW_LIMITS.imageBytes ? { kind: 'image' } : { kind: 'none', reason: `The image is larger than ${PREVIEW_LIMITS.imageBytes / 1024 / 1024} MB: download it to view it.` };
  }
  if (type.startsWith('text/') || /^application\/(json|xml|yaml|sql|javascript|x-ndjson)$/.test(type) || type.endsWith('+json') || type.endsWith('+xml')) return { kind: 'text' };
  return { kind: 'none', reason: `No preview for ${type}: download it to open it.` };
}

/** SQL for owner-only files in `bucket`, in Supabase's style: each user's files live under a folder named by their id. */
export function storagePolicySnippet(bucket: string): string {
  const b = bucket.replace(/'/g, "''");
  const name = `Users manage their own files in ${bucket}`.replace(/"/g, '');
  const own = `bucket_id = '${b}' and (storage.foldername(name))[1] = (select auth.uid()::text)`;
  return [
    `-- Owner-only files in the bucket "${bucket}": each user reads and writes only under <their user id>/…`,
    `-- (https://supabase.com/docs/guides/storage/security/access-control, read 2026-11-27)`,
    `-- Edit, then run with the Run lens (or Ctrl+Enter). To keep it, save it as a migration in supabase/migrations/.`,
    `create policy "${name}" on storage.objects for all to authenticated`,
    `  using (${own})`,
    `  with check (${own});`,
    '',
  ].join('\n');
}
