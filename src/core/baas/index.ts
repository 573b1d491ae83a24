/**
 * The BaaS entry point: opens the database (PGlite by default, or a real Postgres), applies migrations,
 * and serves Supabase's `/auth/v1`, `/rest/v1` and `/storage/v1` on loopback. Loaded lazily, never at activation.
 */
import * as path from 'node:path';
import { apiKeys, loadOrCreateSecret } from './auth/jwt';
import { authRoutes } from './auth/routes';
import { restRoute } from './api/restRoute';
import { startServer } from './api/server';
import type { RequestLogEntry } from './api/types';
import { pushRoutes } from './push';
import { applyMigrations } from './db/migrations';
import { openPglite } from './db/pglite';
import { openPostgres } from './db/postgres';
import type { Database } from './db/types';

/** Where a workspace keeps its BaaS data (git-ignored). */
export const BAAS_DATA_DIR = path.join('.serverless-lab', 'baas');

/** How to open a BaaS. */
export interface BaasOptions {
  /** The workspace folder: data goes to `<workspace>/.serverless-lab/baas`, migrations come from `<workspace>/supabase/migrations`. */
  workspace: string;
  /** A Postgres connection string; PGlite when absent. */
  databaseUrl?: string;
  /** Where PGlite's template is cached (tests point it at a shared directory). */
  templateCacheDir?: string;
  /** Skip email confirmation on sign-up (default false, as on Supabase). */
  autoConfirm?: boolean;
}

/** Opens the database of a workspace, bootstrapped and migrated. */
export async function openBaasDatabase(options: BaasOptions): Promise<Database> {
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPglite({ dataDir: path.join(options.workspace, BAAS_DATA_DIR, 'db'), templateCacheDir: options.templateCacheDir });
  try {
    await applyMigrations(db, path.join(options.workspace, 'supabase', 'migrations'));
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

/** A running BaaS. */
export interface RunningBaas {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  db: Database;
  /** Subscribes to every answered request (role, claims, status, the RLS policies met); returns an unsubscribe function. */
  onRequest(listener: (entry: RequestLogEntry) => void): () => void;
  /** Stops the server, then closes the database cleanly. */
  close(): Promise<void>;
}

function listeners<T>() {
  const set = new Set<(value: T) => void>();
  return {
    set,
    add: (l: (value: T) => void) => (set.add(l), () => void set.delete(l)),
    emit: (value: T) => set.forEach((l) => l(value)),
  };
}

/** Starts the BaaS: database, then the HTTP server on 127.0.0.1. */
export async function startBaas(options: BaasOptions & { port?: number; onError?: (err: unknown) => void }): Promise<RunningBaas> {
  const jwtSecret = await loadOrCreateSecret(path.join(options.workspace, BAAS_DATA_DIR));
  const db = await openBaasDatabase(options);
  const cfg = { jwtSecret, publicUrl: '', autoConfirm: options.autoConfirm ?? false, jwtExpiry: 3600 };
  const requests = listeners<RequestLogEntry>();
  try {
    const server = await startServer({
      db,
      jwtSecret,
      port: options.port ?? 0,
      onError: options.onError,
      onRequest: (entry) => requests.emit(entry),
      routes: { '/auth/v1': authRoutes(cfg), '/rest/v1': restRoute, '/push/v1': pushRoutes() },
    });
    cfg.publicUrl = server.url;
    return {
      url: server.url,
      ...(await apiKeys(jwtSecret)),
      db,
      onRequest: requests.add,
      close: async () => {
        await server.close();
        await db.close();
      },
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}
