// The TypeScript transpile cache, read and written inside the sandbox. The directory is private to
// the user (the host verifies it, see privateDir.ts); within it an entry is keyed by a hash of the
// handler's full path (no two paths share an entry) and trusted only when the content hash of every
// input, the handler itself included, and of the cached code still match. A planted or stale entry
// is ignored and rebuilt; crypto is loaded only for TypeScript handlers, off the JavaScript cold path.
import * as fs from 'fs';
import * as path from 'path';

/** Version of the entry format; entries of any other version are ignored. */
const FORMAT = 2;

interface CacheMeta {
  format: number;
  /** The handler file the entry was built from (guards against a copied or renamed entry). */
  file: string;
  /** sha256 of the cached code. */
  code: string;
  /** sha256 of each input's content, by absolute path. */
  inputs: Record<string, string>;
}

function sha256(data: string | Buffer): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: only TypeScript handlers pay for it
  return (require('crypto') as typeof import('crypto')).createHash('sha256').update(data).digest('hex');
}

/** Paths of a handler's entry: `<sha256 of the full path>.js` and `.json`. */
export function cachePaths(cacheDir: string, file: string): { code: string; meta: string } {
  const key = sha256(path.resolve(file));
  return { code: path.join(cacheDir, `${key}.js`), meta: path.join(cacheDir, `${key}.json`) };
}

/** The cached code for `file`, or undefined unless every check passes. */
export function readCached(cacheDir: string, file: string): string | undefined {
  const paths = cachePaths(cacheDir, file);
  try {
    const meta = JSON.parse(fs.readFileSync(paths.meta, 'utf8')) as Partial<CacheMeta>;
    const abs = path.resolve(file);
    if (meta.format !== FORMAT || meta.file !== abs || typeof meta.code !== 'string' || !meta.inputs || typeof meta.inputs !== 'object') return undefined;
    const inputs = Object.entries(meta.inputs);
    if (!inputs.some(([p]) => p === abs)) return undefined;
    for (const [p, hash] of inputs) if (sha256(fs.readFileSync(p)) !== hash) return undefined;
    const code = fs.readFileSync(paths.code, 'utf8');
    return sha256(code) === meta.code ? code : undefined;
  } catch {
    return undefined;
  }
}

/** Stores `code` built from `inputs` (absolute paths); private files, written atomically. Failures are ignored: the cache is an optimisation. */
export function writeCached(cacheDir: string, file: string, code: string, inputs: readonly string[]): void {
  const paths = cachePaths(cacheDir, file);
  const abs = path.resolve(file);
  try {
    const hashes: Record<string, string> = {};
    for (const p of new Set([abs, ...inputs])) hashes[p] = sha256(fs.readFileSync(p));
    const meta: CacheMeta = { format: FORMAT, file: abs, code: sha256(code), inputs: hashes };
    const suffix = `.${process.pid}.tmp`;
    fs.writeFileSync(paths.code + suffix, code, { mode: 0o600 });
    fs.renameSync(paths.code + suffix, paths.code);
    fs.writeFileSync(paths.meta + suffix, JSON.stringify(meta), { mode: 0o600 });
    fs.renameSync(paths.meta + suffix, paths.meta);
  } catch {
    // unwritable cache: the next cold start transpiles again
  }
}
