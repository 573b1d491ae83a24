/** Errors of `/storage/v1`, in Supabase Storage's JSON shape (`statusCode` as a string, `error`, `message`). */
import { json, type ApiResponse } from '../api/types';
import { DatabaseError } from '../db/types';

/** An error the storage API answers with; `status` is the HTTP status. */
export class StorageError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

/** Supabase Storage's error body (https://supabase.com/docs/guides/storage/debugging/error-codes, read 2026-11-27). */
export function storageErrorResponse(err: StorageError): ApiResponse {
  return json(err.status, { statusCode: String(err.status), error: err.error, message: err.message });
}

/** Maps a Postgres error met while serving storage to Storage's answer (RLS refusal, duplicate); else rethrows. */
export function fromDatabaseError(err: unknown): StorageError {
  if (err instanceof DatabaseError) {
    if (err.code === '42501') return new StorageError(403, 'Unauthorized', `new row violates row-level security policy (${err.message})`);
    if (err.code === '23505') return new StorageError(409, 'Duplicate', 'The resource already exists');
  }
  throw err;
}
