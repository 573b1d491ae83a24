/**
 * Unpacks the template data directory (an uncompressed tar, as PGlite's `dumpDataDir('none')` writes it) straight
 * to disk. PGlite's own `loadDataDir` gunzips, parses and writes each file through Emscripten's file system on the
 * calling thread; measured in `npm run bench`, that made a new database take about twice as long as reopening one.
 * Only what such a dump holds is understood: regular files and directories (ustar headers, `name` and `prefix`).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** One member of the archive; `data` is a view into the archive's buffer. */
export interface TarEntry {
  name: string;
  kind: 'file' | 'directory';
  data: Buffer;
}

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const bytes = header.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8');
}

/** The regular files and directories of a tar archive, in archive order. Throws on a header it cannot read. */
export function readTar(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  for (let offset = 0; offset + BLOCK <= archive.length; ) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break; // end of archive
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    if (!Number.isSafeInteger(size) || size < 0 || offset + BLOCK + size > archive.length) throw new Error(`Damaged template archive at byte ${offset}.`);
    const prefix = field(header, 345, 155);
    const name = (prefix ? `${prefix}/` : '') + field(header, 0, 100);
    const type = String.fromCharCode(header[156] || 0x30);
    const data = archive.subarray(offset + BLOCK, offset + BLOCK + size);
    if (type === '0' || type === '\0') entries.push({ name, kind: 'file', data });
    else if (type === '5') entries.push({ name, kind: 'directory', data });
    else throw new Error(`The template archive holds an entry of type '${type}' (${name}), which a data directory never has.`);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries;
}

/** Where an entry goes inside `dir`; refuses names that would leave it. */
function target(dir: string, name: string): string {
  const file = path.resolve(dir, `.${path.posix.sep}${name.replace(/^\/+/, '')}`);
  if (file !== dir && !file.startsWith(dir + path.sep)) throw new Error(`The template archive names a path outside the data directory: ${name}`);
  return file;
}

/** How many bytes of `data` to write: the rest is zeros, left as a hole (a new WAL segment is half zeros). */
function written(data: Buffer): number {
  let end = data.length;
  while (end > 0 && data[end - 1] === 0) end--;
  return data.length - end >= 64 * 1024 ? end : data.length;
}

/**
 * Writes the archive's entries into `dir` (private modes). `lastFile` is written after everything else, so a
 * crash midway leaves a directory without it: PGlite's data directory counts as present only once `PG_VERSION` is.
 */
export async function extractTar(entries: readonly TarEntry[], dir: string, lastFile = 'PG_VERSION'): Promise<void> {
  const root = path.resolve(dir);
  await fs.mkdir(root, { recursive: true, mode: 0o700 });
  const dirs = new Set<string>();
  const files: { file: string; data: Buffer }[] = [];
  for (const entry of entries) {
    const file = target(root, entry.name);
    if (entry.kind === 'directory') dirs.add(file);
    else {
      dirs.add(path.dirname(file));
      files.push({ file, data: entry.data });
    }
  }
  // Parents sort before their children, so each mkdir finds its parent made.
  for (const d of [...dirs].sort()) await fs.mkdir(d, { recursive: true, mode: 0o700 });
  const last = files.filter((f) => path.relative(root, f.file) === lastFile);
  const write = async ({ file, data }: { file: string; data: Buffer }) => {
    const handle = await fs.open(file, 'w', 0o600);
    try {
      const length = written(data);
      if (length > 0) await handle.write(data, 0, length, 0);
      if (length < data.length) await handle.truncate(data.length);
    } finally {
      await handle.close();
    }
  };
  await Promise.all(files.filter((f) => !last.includes(f)).map(write));
  for (const f of last) await write(f);
}
