// The per-user cache directory for transpiled TypeScript handlers. A cache at a predictable shared
// path lets another local user plant code that our sandboxes would run, so the directory must be
// owned by this user and closed to everyone else (0700); anything else is repaired or refused.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Outcome of preparing the cache directory: the path to use, or why there is no cache. */
export type PrivateDirResult = { ok: true; dir: string; repaired?: string } | { ok: false; reason: string };

/** The platform facts the checks depend on (injected by tests). */
export interface DirPlatform {
  platform: NodeJS.Platform;
  uid: number | undefined;
  env: NodeJS.ProcessEnv;
  home: string;
}

/** The running process's platform facts. */
export function currentPlatform(): DirPlatform {
  return { platform: process.platform, uid: process.getuid?.(), env: process.env, home: os.homedir() };
}

/** The user's cache directory for Serverless Lab: XDG on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows. */
export function userCacheDir(p: DirPlatform = currentPlatform()): string {
  if (p.platform === 'win32') return path.join(p.env.LOCALAPPDATA || path.join(p.home, 'AppData', 'Local'), 'serverless-lab', 'Cache');
  if (p.platform === 'darwin') return path.join(p.home, 'Library', 'Caches', 'serverless-lab');
  const xdg = p.env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(p.home, '.cache'), 'serverless-lab');
}

/**
 * Creates `dir` (mode 0700) if missing and checks it: a real directory (not a symlink), owned by this
 * user, with no group/other permissions. A directory of ours with a loose mode is tightened; one that
 * belongs to someone else, or a symlink, is refused. On Windows, where POSIX modes do not apply, the
 * per-user profile location is what keeps it private.
 */
export function ensurePrivateDir(dir: string, p: DirPlatform = currentPlatform()): PrivateDirResult {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    return { ok: false, reason: `cannot create ${dir}: ${(err as Error).message}` };
  }
  let st: fs.Stats;
  try {
    st = fs.lstatSync(dir);
  } catch (err) {
    return { ok: false, reason: `cannot inspect ${dir}: ${(err as Error).message}` };
  }
  if (st.isSymbolicLink()) return { ok: false, reason: `${dir} is a symbolic link; remove it so a private directory can be created there` };
  if (!st.isDirectory()) return { ok: false, reason: `${dir} is not a directory` };
  if (p.platform === 'win32' || p.uid === undefined) return { ok: true, dir };
  if (st.uid !== p.uid) return { ok: false, reason: `${dir} belongs to user id ${st.uid}, not to you (${p.uid}); remove it or choose another cache directory` };
  if ((st.mode & 0o077) === 0) return { ok: true, dir };
  const was = (st.mode & 0o777).toString(8);
  try {
    fs.chmodSync(dir, 0o700);
    // Entries written while it was open to others cannot be trusted: start empty.
    for (const name of fs.readdirSync(dir)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  } catch (err) {
    return { ok: false, reason: `${dir} has mode ${was} and could not be made private: ${(err as Error).message}` };
  }
  const after = fs.lstatSync(dir);
  if ((after.mode & 0o077) !== 0) return { ok: false, reason: `${dir} has mode ${(after.mode & 0o777).toString(8)} and could not be made private` };
  return { ok: true, dir, repaired: `mode was ${was}; set to 700 and emptied` };
}
