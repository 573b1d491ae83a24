// Process-state probes for the system tests: is a pid alive, is it stopped (frozen)?
import { execFileSync } from 'child_process';
import * as fs from 'fs';

/** True while `pid` exists and is not a zombie. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return processState(pid) !== 'Z';
}

/** The one-letter state of `pid` (R, S, T, Z, …), or '' when unknown or gone. */
export function processState(pid: number): string {
  try {
    if (process.platform === 'linux') {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
      return stat.slice(stat.lastIndexOf(')') + 2)[0];
    }
    if (process.platform === 'darwin') return execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim()[0] ?? '';
  } catch {
    return '';
  }
  return '';
}
