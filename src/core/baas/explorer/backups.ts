/** Backups of the embedded BaaS data, taken before a reset and restorable later. Only for PGlite (a server's data is not ours). */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';

/** What a backup holds: everything in the data folder except backups, the JWT secret and the ignore file. */
const KEEP = new Set(['backups', 'jwt-secret', '.gitignore']);

/** A stored backup. */
export interface BackupInfo {
  name: string;
  dir: string;
}

/** Copies the data folder's contents into `backups/<label>-<time>`; returns undefined when there is nothing to back up. */
export async function backupData(dataRoot: string, label: string, now = new Date()): Promise<BackupInfo | undefined> {
  if (!existsSync(dataRoot)) return undefined;
  const entries = (await fs.readdir(dataRoot)).filter((e) => !KEEP.has(e));
  if (!entries.length) return undefined;
  const name = `${label}-${now.toISOString().replace(/[:.]/g, '-')}`;
  const dir = path.join(dataRoot, 'backups', name);
  await fs.mkdir(dir, { recursive: true });
  for (const e of entries) await fs.cp(path.join(dataRoot, e), path.join(dir, e), { recursive: true });
  return { name, dir };
}

/** Deletes the data (never the backups or the secret), after `backupData`. */
export async function clearData(dataRoot: string): Promise<void> {
  if (!existsSync(dataRoot)) return;
  for (const e of await fs.readdir(dataRoot)) if (!KEEP.has(e)) await fs.rm(path.join(dataRoot, e), { recursive: true, force: true });
}

/** Lists backups, newest first. */
export async function listBackups(dataRoot: string): Promise<BackupInfo[]> {
  const dir = path.join(dataRoot, 'backups');
  if (!existsSync(dir)) return [];
  return (await fs.readdir(dir)).sort().reverse().map((name) => ({ name, dir: path.join(dir, name) }));
}

/** Replaces the data with a backup's copy; the current data is backed up first (label `before-restore`). */
export async function restoreBackup(dataRoot: string, backup: BackupInfo): Promise<BackupInfo | undefined> {
  if (!existsSync(backup.dir)) throw new Error(`The backup ${backup.name} no longer exists in ${path.dirname(backup.dir)}.`);
  const before = await backupData(dataRoot, 'before-restore');
  await clearData(dataRoot);
  for (const e of await fs.readdir(backup.dir)) await fs.cp(path.join(backup.dir, e), path.join(dataRoot, e), { recursive: true });
  return before;
}
