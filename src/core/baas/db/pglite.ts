import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { BOOTSTRAP_SQL, BOOTSTRAP_VERSION } from './bootstrap';
import { makeDatabase } from './database';
import { pipelinedQueryAs } from './pglitePipeline';
import { TemplateDamagedError, unpackTar } from './templateTar';
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

/** The cached template: an uncompressed tar of a bootstrapped data directory, and the sha256 it was written with. */
export interface Template {
  file: string;
  sha256: string;
}

/**
 * Returns the cached template, making it (initdb + bootstrap, then dump) if it is missing. The tar is kept
 * uncompressed: gunzipping its 40 MB cost a new database about a third of a second on every creation.
 */
export async function ensureTemplate(cacheDir = defaultTemplateCacheDir()): Promise<Template> {
  const stem = path.join(cacheDir, `pglite-${pgliteVersion()}-b${BOOTSTRAP_VERSION}`);
  const manifest = `${stem}.json`;
  const known = await readManifest(manifest, cacheDir);
  if (known) return known;
  const { PGlite } = await pgliteModule();
  await fs.mkdir(cacheDir, { recursive: true });
  const pg = await PGlite.create();
  try {
    await pg.exec(BOOTSTRAP_SQL);
    const tar = Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer());
    const sha256 = createHash('sha256').update(tar).digest('hex');
    // Named by content and written then renamed, so that concurrent makers or a crash never leave a half-written
    // or mismatched pair: the manifest only ever names a complete file with its hash.
    const file = `${stem}-${sha256.slice(0, 16)}.tar`;
    await writeAtomically(file, tar);
    await writeAtomically(manifest, `${JSON.stringify({ file: path.basename(file), sha256 })}\n`);
    return { file, sha256 };
  } finally {
    await pg.close();
  }
}

async function writeAtomically(file: string, data: string | Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}

async function readManifest(manifest: string, cacheDir: string): Promise<Template | undefined> {
  try {
    const { file, sha256 } = JSON.parse(await fs.readFile(manifest, 'utf8')) as { file?: unknown; sha256?: unknown };
    if (typeof file !== 'string' || typeof sha256 !== 'string' || path.basename(file) !== file || !existsSync(path.join(cacheDir, file))) return undefined;
    return { file: path.join(cacheDir, file), sha256 };
  } catch {
    return undefined;
  }
}

/**
 * Runs `use` on the cached template. `use` checks the bytes it reads against the template's hash (one read, not
 * a separate check first) and throws TemplateDamagedError when they differ: the damaged or replaced cache entry
 * is then made again, and `use` runs once more on the new one.
 */
async function withTemplate<T>(cacheDir: string | undefined, use: (template: Template, retry: boolean) => Promise<T>): Promise<T> {
  for (let retry = false; ; retry = true) {
    const template = await ensureTemplate(cacheDir);
    try {
      return await use(template, retry);
    } catch (err) {
      if (retry || !(err instanceof TemplateDamagedError)) throw err;
      await fs.rm(template.file, { force: true });
    }
  }
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

/**
 * Parameters go to Postgres as text, as node-postgres sends them, so Postgres's own input functions decide what a
 * string means on both backends. PGlite's JS serializers accept fewer spellings of a boolean than Postgres does
 * ("tr" and "ye" are valid prefixes) and throw a plain Error, with no SQLSTATE, for the rest: an empty filter
 * value (`done=eq.`) was answered as an internal fault instead of Postgres's 22P02. bytea takes text input too.
 */
const TEXT_PARAMS = {
  16: (v: unknown): string => (typeof v === 'boolean' ? (v ? 't' : 'f') : String(v)),
  17: (v: unknown): string => (v instanceof Uint8Array ? `\\x${Buffer.from(v).toString('hex')}` : String(v)),
};

/** Opens (or creates from the cached template) an embedded PGlite database in `dataDir`. */
export async function openPglite(options: PgliteOptions): Promise<Database> {
  const pglite = await pgliteModule();
  const { PGlite } = pglite;
  const fresh = !options.dataDir || !existsSync(path.join(options.dataDir, 'PG_VERSION'));
  let pg: PGlite;
  if (!fresh) {
    pg = await PGlite.create({ dataDir: options.dataDir, serializers: TEXT_PARAMS });
    // Idempotent: brings a database made by an older bootstrap up to date.
    await pg.exec(BOOTSTRAP_SQL);
  } else {
    const dataDir = options.dataDir;
    pg = await withTemplate(options.templateCacheDir, async (template, retry) => {
      if (dataDir) {
        // Unpacked by us (checked against the hash as it is read), then opened exactly as an existing directory
        // is. The template is bootstrapped already. A retry starts from an empty directory: it was never a
        // database (PG_VERSION is written last), only what a damaged archive left.
        if (retry) await fs.rm(dataDir, { recursive: true, force: true });
        unpackTar(template.file, dataDir, template.sha256);
        return PGlite.create({ dataDir, serializers: TEXT_PARAMS });
      }
      const tar = await fs.readFile(template.file);
      if (createHash('sha256').update(tar).digest('hex') !== template.sha256) throw new TemplateDamagedError(`The BaaS template ${template.file} no longer matches its hash.`);
      return PGlite.create({ loadDataDir: new Blob([tar]), serializers: TEXT_PARAMS });
    });
  }
  // PGlite has one connection and queues queries and transactions itself, so concurrent callers are serialised.
  // Its wire-protocol calls are not queued behind an open transaction, so the pipelined `queryAs` and every
  // transaction also take `gate`: a pipeline never lands inside someone else's BEGIN … COMMIT.
  const gate = new pglite.Mutex();
  const db = makeDatabase({
    kind: 'pglite',
    query: (sql, params) => pg.query(sql, params) as never,
    exec: async (sql) => lastOf(await pg.exec(sql)),
    transaction: (fn) =>
      gate.runExclusive(() =>
        pg.transaction((tx) => fn({ query: (sql, params) => tx.query(sql, params) as never, exec: async (sql) => lastOf(await tx.exec(sql)) }))),
    queryAs: pipelinedQueryAs(pg, pglite, (fn) => gate.runExclusive(fn)),
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
