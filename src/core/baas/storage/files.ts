/** The files behind objects: written to a temp file then renamed, and never outside the bucket's real folder. */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { StorageError } from './errors';
import { objectFile } from './paths';

// A symlink inside a bucket could point anywhere: the real parent folder must still be inside the real bucket folder.
async function checkRealParent(bucketDir: string, file: string): Promise<void> {
  const [realBucket, realParent] = await Promise.all([fs.realpath(bucketDir), fs.realpath(path.dirname(file))]);
  const rel = path.relative(realBucket, realParent);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new StorageError(400, 'InvalidKey', `Object path leaves bucket folder through a link: ${file}`);
}

function conflict(err: unknown, key: string): never {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR') {
    throw new StorageError(409, 'InvalidKey', `"${key}" clashes with another object: one key is used both as a file and as a folder (e.g. "a" and "a/b")`);
  }
  throw err;
}

/** Writes an object's bytes: a temp file under `<root>/.tmp`, then one rename, so a crash never leaves half a file. */
export async function writeObjectFile(root: string, bucketDir: string, key: string, data: Buffer): Promise<void> {
  const file = objectFile(bucketDir, key);
  const tmpDir = path.join(root, '.tmp');
  await fs.mkdir(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, randomUUID());
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await checkRealParent(bucketDir, file);
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    if (err instanceof StorageError) throw err;
    conflict(err, key);
  }
}

/** Reads an object's bytes; a missing file (deleted by hand) is Storage's 404. */
export async function readObjectFile(bucketDir: string, key: string): Promise<Buffer> {
  const file = objectFile(bucketDir, key);
  try {
    await checkRealParent(bucketDir, file);
    return await fs.readFile(file);
  } catch (err) {
    if (err instanceof StorageError) throw err;
    throw new StorageError(404, 'not_found', `Object not found: the file of "${key}" is missing from the storage folder`);
  }
}

/** Moves or copies an object's file between keys (maybe across buckets). */
export async function transferObjectFile(root: string, from: { dir: string; key: string }, to: { dir: string; key: string }, mode: 'move' | 'copy'): Promise<void> {
  const source = objectFile(from.dir, from.key);
  const target = objectFile(to.dir, to.key);
  await checkRealParent(from.dir, source);
  if (mode === 'move') {
    try {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await checkRealParent(to.dir, target);
      await fs.rename(source, target);
    } catch (err) {
      if (err instanceof StorageError) throw err;
      conflict(err, to.key);
    }
  } else {
    await writeObjectFile(root, to.dir, to.key, await fs.readFile(source));
  }
}

/** Removes an object's file and any folders it leaves empty (but never the bucket folder). */
export async function removeObjectFile(bucketDir: string, key: string): Promise<void> {
  const file = objectFile(bucketDir, key);
  await fs.rm(file, { force: true });
  for (let dir = path.dirname(file); path.relative(bucketDir, dir) && !path.relative(bucketDir, dir).startsWith('..'); dir = path.dirname(dir)) {
    if ((await fs.readdir(dir).catch(() => ['?'])).length > 0) break;
    await fs.rmdir(dir).catch(() => undefined);
  }
}
