import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Database } from './types';

/** One migration file: `<version>_<name>.sql`, as the Supabase CLI names them in `supabase/migrations/`. */
export interface Migration {
  version: string;
  name: string;
  file: string;
}

/** Lists the migrations of a folder in version order (file name order, as the Supabase CLI applies them). */
export async function listMigrations(dir: string): Promise<Migration[]> {
  if (!existsSync(dir)) return [];
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return files.map((f) => {
    const m = /^([^_]+)_?(.*)\.sql$/.exec(f);
    return { version: m?.[1] ?? f, name: m?.[2] ?? '', file: path.join(dir, f) };
  });
}

/** The migrations of `dir` not yet recorded in `supabase_migrations.schema_migrations`. */
export async function pendingMigrations(db: Database, dir: string): Promise<Migration[]> {
  const applied = new Set((await db.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).rows.map((r) => r.version));
  return (await listMigrations(dir)).filter((m) => !applied.has(m.version));
}

/** Applies each migration not yet recorded in `supabase_migrations.schema_migrations`, each in one transaction. */
export async function applyMigrations(db: Database, dir: string): Promise<string[]> {
  const applied = new Set(
    (await db.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).rows.map((r) => r.version),
  );
  const done: string[] = [];
  for (const m of await listMigrations(dir)) {
    if (applied.has(m.version)) continue;
    const sql = await fs.readFile(m.file, 'utf8');
    try {
      await db.transaction(async (tx) => {
        await tx.exec(sql);
        await tx.query('insert into supabase_migrations.schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      });
    } catch (err) {
      // Say which file failed: the position Postgres reports is into that file's text.
      if (err instanceof Error) err.message = `${path.basename(m.file)}: ${err.message}`;
      throw err;
    }
    done.push(m.version);
  }
  return done;
}
