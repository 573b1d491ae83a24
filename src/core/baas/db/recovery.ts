/**
 * Keeping the embedded database safe: one process at a time (a lock file, since two PGlite instances on one
 * folder corrupt it), an automatic backup before migrations change it, and a recovery path when it cannot be
 * opened: restore the newest backup, or reset to an empty database. Neither deletes anything: the folder
 * that failed is kept beside it as `db.damaged-<time>`.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Why the data directory cannot be used, with what to do about it. */
export class BaasDataError extends Error {
  constructor(
    readonly kind: 'locked' | 'damaged',
    message: string,
    /** Backups that `restoreBackup` can use, newest first. */
    readonly backups: string[] = [],
  ) {
    super(message);
    this.name = 'BaasDataError';
  }
}

const KEEP_BACKUPS = 3;
const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock of a BaaS folder for this process; throws a `locked` BaasDataError if a live process holds it. */
export async function acquireLock(baasDir: string): Promise<() => Promise<void>> {
  await fs.mkdir(baasDir, { recursive: true });
  const file = path.join(baasDir, 'db.lock');
  const mine = JSON.stringify({ pid: process.pid, host: os.hostname() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(file, mine, { flag: 'wx' });
      return () => fs.rm(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = JSON.parse(await fs.readFile(file, 'utf8').catch(() => '{}')) as { pid?: number; host?: string };
      const sameHost = !holder.host || holder.host === os.hostname();
      if (holder.pid && sameHost && alive(holder.pid)) {
        throw new BaasDataError(
          'locked',
          `The BaaS database in ${path.join(baasDir, 'db')} is in use by process ${holder.pid}${holder.pid === process.pid ? ' (this one)' : ''}: another VS Code window or \`serverless-lab baas serve\`. Stop that one first; two at once would damage the database.`,
        );
      }
      await fs.rm(file, { force: true }); // left by a process that has exited
    }
  }
  throw new BaasDataError('locked', `Could not take the lock ${file}; remove it if no BaaS is running.`);
}

/** The backups of a BaaS folder, newest first. */
export async function listBackups(baasDir: string): Promise<string[]> {
  const dir = path.join(baasDir, 'backups');
  if (!existsSync(dir)) return [];
  return (await fs.readdir(dir)).filter((f) => /^db-\d{8}T\d{6}(-\d+)?\.tar\.gz$/.test(f)).sort().reverse().map((f) => path.join(dir, f));
}

/** Writes a backup (a PGlite data-directory dump) and keeps the newest few. */
export async function writeBackup(baasDir: string, dump: Buffer): Promise<string> {
  const dir = path.join(baasDir, 'backups');
  await fs.mkdir(dir, { recursive: true });
  let file = path.join(dir, `db-${stamp()}.tar.gz`);
  for (let i = 1; existsSync(file); i++) file = path.join(dir, `db-${stamp()}-${i}.tar.gz`);
  await fs.writeFile(`${file}.tmp`, dump);
  await fs.rename(`${file}.tmp`, file);
  for (const old of (await listBackups(baasDir)).slice(KEEP_BACKUPS)) await fs.rm(old, { force: true });
  return file;
}

/** Moves the data directory aside (never deletes it); returns where it went, or undefined when there was none. */
async function moveAside(baasDir: string): Promise<string | undefined> {
  const db = path.join(baasDir, 'db');
  if (!existsSync(db)) return undefined;
  const aside = path.join(baasDir, `db.damaged-${stamp()}`);
  await fs.rename(db, aside);
  return aside;
}

/** Resets to an empty database (made from the template on next open); the old folder is kept aside. */
export async function resetDatabase(baasDir: string): Promise<{ keptAt?: string }> {
  const release = await acquireLock(baasDir);
  try {
    return { keptAt: await moveAside(baasDir) };
  } finally {
    await release();
  }
}

/** Replaces the data directory with a backup (default: the newest); the old folder is kept aside. */
export async function restoreBackup(baasDir: string, backup?: string): Promise<{ restored: string; keptAt?: string }> {
  const chosen = backup ?? (await listBackups(baasDir))[0];
  if (!chosen) throw new BaasDataError('damaged', `There is no backup in ${path.join(baasDir, 'backups')}: reset the database instead (serverless-lab baas reset).`);
  const release = await acquireLock(baasDir);
  try {
    const keptAt = await moveAside(baasDir);
    const { PGlite } = await import('@electric-sql/pglite');
    const db = path.join(baasDir, 'db');
    await fs.mkdir(db, { recursive: true });
    const pg = await PGlite.create({ dataDir: db, loadDataDir: new Blob([await fs.readFile(chosen)]) });
    await pg.close();
    return { restored: chosen, keptAt };
  } finally {
    await release();
  }
}

/** The message for a data directory PGlite could not open, naming both ways out. */
export async function damagedError(baasDir: string, workspace: string, cause: unknown): Promise<BaasDataError> {
  const backups = await listBackups(baasDir);
  const restore = backups.length
    ? `restore the automatic backup ${path.basename(backups[0])} (serverless-lab baas restore --dir ${workspace}), or `
    : '';
  return new BaasDataError(
    'damaged',
    `The BaaS database in ${path.join(baasDir, 'db')} could not be opened (${(cause as Error)?.message ?? String(cause)}); it may have been damaged by a crash or another program. To recover, ${restore}reset it to an empty database (serverless-lab baas reset --dir ${workspace}). Either way the damaged folder is kept beside it.`,
    backups,
  );
}
