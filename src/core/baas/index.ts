/**
 * The BaaS entry point: opens the database (PGlite by default, or a real Postgres), applies migrations,
 * and serves Supabase's `/auth/v1`, `/rest/v1` and `/storage/v1` (plus our `/push/v1` and `/mail/v1`) on loopback. Loaded lazily, never at activation.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { apiKeys, loadOrCreateSecret } from './auth/jwt';
import { authRoutes } from './auth/routes';
import { restRoute } from './api/restRoute';
import { startServer } from './api/server';
import { mailRoutes } from './mail';
import { pushRoutes } from './push';
import type { RequestLogEntry } from './api/types';
import { storageRoute } from './storage/route';
import type { ObjectEvent } from './storage/types';
import { applyMigrations, pendingMigrations } from './db/migrations';
import { acquireLock, damagedError, writeBackup } from './db/recovery';
import { openPglite } from './db/pglite';
import { openPgliteWorker } from './db/workerDatabase';
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
  /** An already open database to serve instead of opening one (exercise checks pass an in-memory copy of the template). */
  database?: Database;
  /**
   * Run PGlite in a worker thread, so that a runaway statement is stopped after `statementTimeoutMs` (default 30 s)
   * instead of blocking this thread (the extension host, `baas serve`). Absent: PGlite on this thread.
   */
  worker?: { statementTimeoutMs?: number; onRestart?: (reason: string) => void };
}

/** Opens the database of a workspace, bootstrapped and migrated. PGlite: locked to this process, backed up before migrations. */
export async function openBaasDatabase(options: BaasOptions): Promise<Database> {
  const migrations = path.join(options.workspace, 'supabase', 'migrations');
  if (options.database || options.databaseUrl) {
    const db = options.database ?? (await openPostgres(options.databaseUrl as string));
    try {
      await applyMigrations(db, migrations);
    } catch (err) {
      await db.close();
      throw err;
    }
    return db;
  }
  const baasDir = path.join(options.workspace, BAAS_DATA_DIR);
  const dataDir = path.join(baasDir, 'db');
  const release = await acquireLock(baasDir);
  const existed = existsSync(path.join(dataDir, 'PG_VERSION'));
  let db: Database;
  try {
    db = options.worker
      ? await openPgliteWorker({ dataDir, templateCacheDir: options.templateCacheDir, ...options.worker })
      : await openPglite({ dataDir, templateCacheDir: options.templateCacheDir });
  } catch (err) {
    await release();
    throw existed ? await damagedError(baasDir, options.workspace, err) : err;
  }
  const close = db.close;
  db.close = async () => {
    try {
      await close();
    } finally {
      await release();
    }
  };
  try {
    // A migration may go wrong in ways a transaction does not undo (the learner meant something else): keep the state before it.
    if (existed && db.dump && (await pendingMigrations(db, migrations)).length) await writeBackup(baasDir, await db.dump());
    await applyMigrations(db, migrations);
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
  /** Folder of the stored objects (`<workspace>/.serverless-lab/baas/storage`, one sub-folder per bucket). */
  storageDir: string;
  /** Subscribes to every answered request (role, claims, status, the RLS policies met); returns an unsubscribe function. */
  onRequest(listener: (entry: RequestLogEntry) => void): () => void;
  /** Subscribes to committed storage changes (uploads, copies, moves, removals); returns an unsubscribe function. */
  onObjectEvent(listener: (event: ObjectEvent) => void): () => void;
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
export async function startBaas(options: BaasOptions & {
  /** The port to listen on (default 0: a free one). */
  port?: number;
  /** `port` is only a preference (the workspace's last port): when it is taken, listen on a free one instead of failing. */
  portIsPreference?: boolean;
  onError?: (err: unknown) => void;
}): Promise<RunningBaas> {
  const jwtSecret = await loadOrCreateSecret(path.join(options.workspace, BAAS_DATA_DIR));
  const db = await openBaasDatabase(options);
  const cfg = { jwtSecret, publicUrl: '', autoConfirm: options.autoConfirm ?? false, jwtExpiry: 3600 };
  const requests = listeners<RequestLogEntry>();
  const objectEvents = listeners<ObjectEvent>();
  const storageDir = path.join(options.workspace, BAAS_DATA_DIR, 'storage');
  const storage = storageRoute({
    root: storageDir,
    jwtSecret,
    onObjectEvent: (event) => objectEvents.emit(event),
    // Listing the policies costs a query, so only while someone watches.
    get describeRls() {
      return requests.set.size > 0;
    },
  });
  try {
    const listen = (port: number) => startServer({
      db,
      jwtSecret,
      port,
      onError: options.onError,
      onRequest: (entry) => requests.emit(entry),
      routes: { '/auth/v1': authRoutes(cfg), '/rest/v1': restRoute, '/storage/v1': storage, '/push/v1': pushRoutes(), '/mail/v1': mailRoutes() },
    });
    let server: Awaited<ReturnType<typeof startServer>>;
    try {
      server = await listen(options.port ?? 0);
    } catch (err) {
      // A preferred port (the last one this workspace used) that is taken now: any free port will do.
      if (!options.portIsPreference || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      server = await listen(0);
    }
    cfg.publicUrl = server.url;
    return {
      url: server.url,
      ...(await apiKeys(jwtSecret)),
      db,
      storageDir,
      onRequest: requests.add,
      onObjectEvent: objectEvents.add,
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
