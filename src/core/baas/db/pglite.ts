import { existsSync, promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { BOOTSTRAP_SQL, BOOTSTRAP_VERSION } from './bootstrap';
import { makeDatabase } from './database';
import type { Database } from './types';

/** Where the pre-initialised template data directory is cached, once per user (fresh initdb takes ~15 s). */
export function defaultTemplateCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'serverless-lab', 'baas');
}

/** Options for the embedded database. */
export interface PgliteOptions {
  /** The data directory; created from the template when it holds no database yet. Absent: an in-memory copy of the template (exercise checks, benches). */
  dataDir?: string;
  /** Where the template tarball lives (default: `defaultTemplateCacheDir()`). */
  templateCacheDir?: string;
}

async function pgliteModule(): Promise<typeof import('@electric-sql/pglite')> {
  return import('@electric-sql/pglite');
}

/** Returns the path of the template tarball, making it (initdb + bootstrap, then dump) if it is missing. */
export async function ensureTemplate(cacheDir = defaultTemplateCacheDir()): Promise<string> {
  const { PGlite } = await pgliteModule();
  const file = path.join(cacheDir, `pglite-${pgliteVersion()}-b${BOOTSTRAP_VERSION}.tar.gz`);
  if (existsSync(file)) return file;
  await fs.mkdir(cacheDir, { recursive: true });
  const pg = await PGlite.create();
  try {
    await pg.exec(BOOTSTRAP_SQL);
    const dump = await pg.dumpDataDir('gzip');
    // Write then rename, so that a concurrent maker or a crash never leaves a half-written template.
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, Buffer.from(await dump.arrayBuffer()));
    await fs.rename(tmp, file);
  } finally {
    await pg.close();
  }
  return file;
}

function pgliteVersion(): string {
  // The package's exports hide package.json, so find it above the resolved entry: a new PGlite gets a new template.
  try {
    let dir = path.dirname(require.resolve('@electric-sql/pglite'));
    for (; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (existsSync(file)) {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === '@electric-sql/pglite' && pkg.version) return pkg.version;
      }
    }
  } catch {
    // fall through
  }
  return 'unknown';
}

/** Opens (or creates from the cached template) an embedded PGlite database in `dataDir`. */
export async function openPglite(options: PgliteOptions): Promise<Database> {
  const { PGlite } = await pgliteModule();
  const fresh = !options.dataDir || !existsSync(path.join(options.dataDir, 'PG_VERSION'));
  let pg: PGlite;
  if (fresh) {
    const template = await ensureTemplate(options.templateCacheDir);
    if (options.dataDir) await fs.mkdir(options.dataDir, { recursive: true });
    const blob = new Blob([await fs.readFile(template)]);
    pg = await PGlite.create({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), loadDataDir: blob });
  } else {
    pg = await PGlite.create({ dataDir: options.dataDir });
  }
  await pg.exec(BOOTSTRAP_SQL);
  // PGlite has one connection and queues queries and transactions itself, so concurrent callers are serialised.
  const db = makeDatabase({
    kind: 'pglite',
    query: (sql, params) => pg.query(sql, params) as never,
    exec: async (sql) => lastOf(await pg.exec(sql)),
    transaction: (fn) =>
      pg.transaction((tx) => fn({ query: (sql, params) => tx.query(sql, params) as never, exec: async (sql) => lastOf(await tx.exec(sql)) })),
    listen: async (channel, onPayload) => {
      const unlisten = await pg.listen(channel, onPayload);
      return async () => unlisten();
    },
    close: () => pg.close(),
  });
  return Object.assign(db, { dump: async () => Buffer.from(await (await pg.dumpDataDir('gzip')).arrayBuffer()) });
}

function lastOf(results: { rows: unknown[]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number }[]) {
  const last = results[results.length - 1];
  return { rows: (last?.rows ?? []) as Record<string, unknown>[], fields: last?.fields ?? [], affectedRows: last?.affectedRows };
}
