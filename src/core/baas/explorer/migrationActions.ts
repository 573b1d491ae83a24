/** The migration CodeLenses' work: apply one file to the running database, or replay the folder on a scratch one. */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listMigrations } from '../db/migrations';
import { openPgliteWorker } from '../db/workerDatabase';
import type { Database } from '../db/types';

/**
 * Applies one migration file in a transaction and records it as the Supabase CLI does, so the next start does
 * not apply it again. Returns false when it was already recorded (nothing run).
 */
export async function applyMigrationFile(db: Database, file: string): Promise<boolean> {
  const m = (await listMigrations(path.dirname(file))).find((x) => x.file === file) ?? { version: path.basename(file, '.sql'), name: '', file };
  const done = await db.query('select 1 from supabase_migrations.schema_migrations where version = $1', [m.version]);
  if (done.rows.length) return false;
  const sql = await fs.readFile(file, 'utf8');
  await db.transaction(async (tx) => {
    await tx.exec(sql);
    await tx.query('insert into supabase_migrations.schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
  });
  return true;
}

/**
 * Proves a migration works from scratch: a throwaway PGlite (from the cached template) gets every migration of the
 * folder up to and including `file`, in order; the first failure is returned with its file. Nothing is kept.
 */
export async function applyToCleanDatabase(file: string, templateCacheDir?: string): Promise<{ applied: string[]; failed?: { file: string; error: unknown; sql: string } }> {
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'sl-baas-clean-'));
  // In a worker thread: this runs the learner's migrations in the extension host, and one may never end.
  const db = await openPgliteWorker({ dataDir: scratch, templateCacheDir });
  const applied: string[] = [];
  try {
    for (const m of await listMigrations(path.dirname(file))) {
      const sql = await fs.readFile(m.file, 'utf8');
      try {
        await db.transaction((tx) => tx.exec(sql));
      } catch (error) {
        return { applied, failed: { file: m.file, error, sql } };
      }
      applied.push(path.basename(m.file));
      if (m.file === file) break;
    }
    return { applied };
  } finally {
    await db.close();
    await fs.rm(scratch, { recursive: true, force: true });
  }
}
