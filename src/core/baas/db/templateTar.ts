/**
 * Unpacks the template data directory (an uncompressed tar, as PGlite's `dumpDataDir('none')` writes it) straight
 * to disk. PGlite's own `loadDataDir` gunzips, parses and writes each file through Emscripten's file system on the
 * calling thread; measured in `npm run bench`, that made a new database take about twice as long as reopening one.
 * Only what such a dump holds is understood: regular files and directories (ustar headers, `name` and `prefix`).
 *
 * The archive is read through one reused 1 MB buffer, synchronously: reading its 41 MB into a fresh buffer and
 * hashing that cost about 350 ms (page faults, cold memory) where this costs about 50 ms, and the unpack is over
 * in a fraction of the time PGlite then blocks the thread to start.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const BLOCK = 512;
const CHUNK = 1024 * 1024; // a multiple of BLOCK, so a header never straddles two reads
const ZEROS = Buffer.alloc(CHUNK);

/** The template archive is damaged, or no longer matches its hash: the caller makes the template again. */
export class TemplateDamagedError extends Error {}

/** Calls `onChunk` with successive full chunks of `file` (the last may be short), all in one reused buffer. */
function readChunks(file: string, onChunk: (chunk: Buffer) => void): void {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafeSlow(CHUNK);
    for (;;) {
      let filled = 0;
      while (filled < CHUNK) {
        const n = fs.readSync(fd, buffer, filled, CHUNK - filled, null);
        if (n === 0) break;
        filled += n;
      }
      if (filled > 0) onChunk(buffer.subarray(0, filled));
      if (filled < CHUNK) return;
    }
  } finally {
    fs.closeSync(fd);
  }
}

function field(header: Buffer, start: number, length: number): string {
  const bytes = header.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8');
}

/** Where an entry goes inside `dir`; refuses names that would leave it. */
function target(dir: string, name: string): string {
  const file = path.resolve(dir, `.${path.posix.sep}${name.replace(/^\/+/, '')}`);
  if (file !== dir && !file.startsWith(dir + path.sep)) throw new TemplateDamagedError(`The template archive names a path outside the data directory: ${name}`);
  return file;
}

/**
 * Unpacks the tar `file` into `dir` (private modes), hashing what it reads. `lastFile` (PGlite's sign that a data
 * directory holds a database) is written only at the end, and only when the bytes read hash to `sha256`: a crash
 * midway, a damaged archive or a file swapped since it was checked never leaves something that looks like a database.
 * Runs of zeros of a whole read (the unused part of a WAL segment) are left as holes.
 */
export function unpackTar(file: string, dir: string, sha256: string, lastFile = 'PG_VERSION'): void {
  const root = path.resolve(dir);
  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  const hash = createHash('sha256');
  const held: { file: string; data: Buffer }[] = [];
  // `stored`: how far the file's bytes are on disk; only a file that ends in a hole needs its length set.
  let open: { fd: number; file: string; size: number; written: number; stored: number; padding: number; hold?: Buffer[] } | undefined;
  const made = new Set<string>([root]);
  const mkdir = (d: string) => {
    if (made.has(d)) return;
    fs.mkdirSync(d, { recursive: true, mode: 0o700 });
    made.add(d);
  };
  let ended = false;
  let offset = 0; // of the current chunk in the archive, for messages
  const finish = () => {
    if (!open) return;
    if (open.hold) held.push({ file: open.file, data: Buffer.concat(open.hold) });
    else {
      if (open.stored < open.size) fs.ftruncateSync(open.fd, open.size);
      fs.closeSync(open.fd);
    }
    open = undefined;
  };
  try {
    readChunks(file, (chunk) => {
      hash.update(chunk);
      let at = 0;
      while (at < chunk.length && !ended) {
        if (open) {
          const take = Math.min(open.size - open.written, chunk.length - at);
          const data = chunk.subarray(at, at + take);
          if (open.hold) open.hold.push(Buffer.from(data));
          else if (data.compare(ZEROS, 0, data.length) !== 0) {
            fs.writeSync(open.fd, data, 0, data.length, open.written);
            open.stored = open.written + take;
          }
          open.written += take;
          at += take;
          if (open.written < open.size) break; // continues in the next chunk
          const padding = open.padding;
          finish();
          at += padding; // a file's padding ends on a block boundary, so never beyond this chunk
          continue;
        }
        const header = chunk.subarray(at, at + BLOCK);
        if (header.length < BLOCK) throw new TemplateDamagedError(`Damaged template archive at byte ${offset + at}.`);
        if (header.every((b) => b === 0)) {
          ended = true;
          break;
        }
        const size = parseInt(field(header, 124, 12).trim() || '0', 8);
        if (!Number.isSafeInteger(size) || size < 0) throw new TemplateDamagedError(`Damaged template archive at byte ${offset + at}.`);
        const prefix = field(header, 345, 155);
        const name = (prefix ? `${prefix}/` : '') + field(header, 0, 100);
        const type = String.fromCharCode(header[156] || 0x30);
        const where = target(root, name);
        at += BLOCK;
        if (type === '5') mkdir(where);
        else if (type === '0') {
          mkdir(path.dirname(where));
          const padding = (BLOCK - (size % BLOCK)) % BLOCK;
          const last = path.relative(root, where) === lastFile;
          open = { fd: last ? -1 : fs.openSync(where, 'w', 0o600), file: where, size, written: 0, stored: 0, padding, ...(last ? { hold: [] } : {}) };
          if (size === 0) finish();
        } else throw new TemplateDamagedError(`The template archive holds an entry of type '${type}' (${name}), which a data directory never has.`);
      }
      offset += chunk.length;
    });
  } finally {
    if (open && !open.hold) fs.closeSync(open.fd);
  }
  if (open || !ended) throw new TemplateDamagedError(`Damaged template archive: it ends inside ${open ? open.file : 'its entries'}.`);
  if (hash.digest('hex') !== sha256) throw new TemplateDamagedError(`The BaaS template ${file} changed while it was unpacked; it no longer matches its hash.`);
  for (const f of held) fs.writeFileSync(f.file, f.data, { mode: 0o600 });
}
