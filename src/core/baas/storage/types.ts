/** Shapes shared by the `/storage/v1` layer. */
import type { Database, JwtClaims } from '../db/types';

/** A storage change, for the event engine (h13c turns these into S3-shaped events). */
export interface ObjectEvent {
  type: 'ObjectCreated' | 'ObjectRemoved';
  bucket: string;
  /** The object key inside the bucket. */
  key: string;
  size?: number;
  mimeType?: string;
  eTag?: string;
  /** The caller's user id, when a user made the change. */
  userId?: string;
}

/** What the storage routes need besides each request. */
export interface StorageConfig {
  /** Folder holding one sub-folder per bucket (`<workspace>/.serverless-lab/baas/storage`). */
  root: string;
  /** Signs and verifies signed-URL tokens (the workspace's JWT secret). */
  jwtSecret: string;
  /** Called after each committed upload, copy, move or removal. */
  onObjectEvent?: (event: ObjectEvent) => void;
  /** Attach the policies on `storage.objects` to each response (`meta.rls`), for the request monitor. */
  describeRls?: boolean;
}

/** A row of `storage.buckets`. */
export interface BucketRow {
  id: string;
  name: string;
  owner: string | null;
  public: boolean;
  file_size_limit: number | string | null;
  allowed_mime_types: string[] | null;
  created_at: string;
  updated_at: string;
}

/** A row of `storage.objects`. */
export interface ObjectRow {
  id: string;
  bucket_id: string;
  name: string;
  owner: string | null;
  metadata: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
  last_accessed_at: string;
}

/** The per-request context of a storage handler. */
export interface StorageContext {
  db: Database;
  claims: JwtClaims;
  cfg: StorageConfig;
}
