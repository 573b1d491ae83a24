// Signal-based tree control shared by Linux and macOS: each sandbox leads its own process group
// (spawned detached), so one signal to the group reaches every child that did not leave it;
// children that did (setsid, detached spawns) are signalled one by one from the pids seen so far.
import type { ProcessApi } from './types';

/** Sends `signal` to the group led by `pid` (or to `pid` alone if the group is gone) and to each known pid. */
export function signalTree(api: ProcessApi, pid: number, known: Iterable<number>, signal: NodeJS.Signals): void {
  try {
    api.kill(-pid, signal);
  } catch {
    try {
      api.kill(pid, signal);
    } catch {
      // already gone
    }
  }
  for (const p of known) {
    try {
      api.kill(p, signal);
    } catch {
      // gone meanwhile
    }
  }
}

/** SIGSTOP: what Lambda's freeze does to the environment between invocations, as seen from inside. */
export function freezeTree(api: ProcessApi, pid: number, known: Iterable<number>): boolean {
  signalTree(api, pid, known, 'SIGSTOP');
  return true;
}

/** SIGCONT: the thaw. Known descendants first, so that the root wakes into a running tree. */
export function thawTree(api: ProcessApi, pid: number, known: Iterable<number>): void {
  for (const p of known) {
    try {
      api.kill(p, 'SIGCONT');
    } catch {
      // gone meanwhile
    }
  }
  try {
    api.kill(-pid, 'SIGCONT');
  } catch {
    try {
      api.kill(pid, 'SIGCONT');
    } catch {
      // already gone
    }
  }
}
