// Picks the platform implementation for an OS (injectable, so every branch runs in unit tests here)
// and provides the real process primitives.
import { execFile, spawn } from 'child_process';
import * as fs from 'fs';
import { darwinPlatform } from './darwin';
import { linuxPlatform } from './linux';
import type { PlatformOs, ProcessApi, ProcessPlatform } from './types';
import { win32Platform } from './win32';

export { limitations } from './types';
export type { PlatformCapabilities, PlatformOs, ProcessApi, ProcessPlatform, TreeSample } from './types';

/** The real primitives (process.kill, fs, child_process). */
export const nodeProcessApi: ProcessApi = {
  kill: (pid, signal) => void process.kill(pid, signal),
  readFile: (file) => fs.readFileSync(file, 'latin1'),
  readdir: (dir) => fs.readdirSync(dir),
  exists: (file) => fs.existsSync(file),
  run: (command, args) => new Promise((resolve) => execFile(command, args, { timeout: 5000, windowsHide: true }, (err, stdout) => resolve(err ? '' : String(stdout)))),
  start: (command, args) => {
    const child = spawn(command, args, { stdio: 'ignore', windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
  },
};

/** The implementation for `os` (Linux rules for other POSIX systems, which have /proc or degrade to zeros there). */
export function platformFor(os: NodeJS.Platform | PlatformOs = process.platform, api: ProcessApi = nodeProcessApi): ProcessPlatform {
  if (os === 'win32') return win32Platform(api);
  if (os === 'darwin') return darwinPlatform(api);
  return linuxPlatform(api);
}

let current: ProcessPlatform | undefined;

/** This machine's platform, created once. */
export function hostPlatform(): ProcessPlatform {
  return (current ??= platformFor());
}
