// Linux: memory and descendants from /proc (a few file reads, cheap enough for a 20 ms watchdog),
// the parent-death guard from util-linux `setpriv --pdeathsig`, and orphans found by the sandbox's
// unique marker in /proc/<pid>/environ (a detached grandchild re-parented to init keeps it).
// A cgroup v2 would bound the tree in the kernel, but it needs a writable, delegated cgroup2
// mount; the dev machine's /sys/fs/cgroup is a read-only v1 hierarchy, so descendants are tracked.
import { freezeTree, signalTree, thawTree } from './posix';
import type { PlatformCapabilities, ProcessApi, ProcessPlatform, TreeSample } from './types';

/** VmRSS / VmHWM (KiB) of one process from /proc/<pid>/status; zeros when it is gone. */
export function readStatus(api: ProcessApi, pid: number): { rssKb: number; peakKb: number } {
  let text: string;
  try {
    text = api.readFile(`/proc/${pid}/status`);
  } catch {
    return { rssKb: 0, peakKb: 0 };
  }
  return { rssKb: field(text, 'VmRSS:'), peakKb: field(text, 'VmHWM:') };
}

function field(text: string, name: string): number {
  const i = text.indexOf(name);
  return i < 0 ? 0 : parseInt(text.slice(i + name.length, text.indexOf('\n', i)), 10) || 0;
}

/** Direct children of `pid`, from every thread's children list (any thread may fork), or the main thread's only. */
export function childrenOf(api: ProcessApi, pid: number, mainThreadOnly = false): number[] {
  const kids: number[] = [];
  let tasks: string[];
  try {
    tasks = mainThreadOnly ? [String(pid)] : api.readdir(`/proc/${pid}/task`);
  } catch {
    return kids;
  }
  for (const t of tasks) {
    try {
      for (const c of api.readFile(`/proc/${pid}/task/${t}/children`).split(' ')) if (c.trim()) kids.push(Number(c));
    } catch {
      // thread exited meanwhile
    }
  }
  return kids;
}

/** Pids whose environment holds `marker` exactly (`NAME=value`), other than `except`. */
export function pidsWithMarker(api: ProcessApi, marker: string, except: number): number[] {
  const found: number[] = [];
  let entries: string[];
  try {
    entries = api.readdir('/proc');
  } catch {
    return found;
  }
  const needle = `\0${marker}\0`;
  for (const e of entries) {
    const pid = Number(e);
    if (!Number.isInteger(pid) || pid <= 1 || pid === except) continue;
    try {
      if (`\0${api.readFile(`/proc/${pid}/environ`)}`.includes(needle)) found.push(pid);
    } catch {
      // gone, or another user's process
    }
  }
  return found;
}

/** The Linux implementation over `api`. */
export function linuxPlatform(api: ProcessApi): ProcessPlatform {
  const setpriv = api.exists('/usr/bin/setpriv') ? '/usr/bin/setpriv' : undefined;
  // Other POSIX systems take this branch too; without procfs nothing can be measured, so say so.
  const procfs = api.exists('/proc/self/status');
  const capabilities: PlatformCapabilities = {
    memoryLimitEnforced: procfs,
    memoryMeasurement: procfs ? 'kernel-peak' : 'runtime-report',
    freeze: true,
    parentDeathGuard: !!setpriv,
    orphansKilled: procfs,
  };
  return {
    os: 'linux',
    capabilities,
    ownProcessGroup: true,
    sampleIntervalMs: 0,
    guardCommand(command, args) {
      // The kernel SIGKILLs the sandbox when the host dies (even a SIGKILLed or crashed extension host).
      return setpriv ? { command: setpriv, args: ['--pdeathsig', 'KILL', '--', command, ...args] } : { command, args };
    },
    sampleTree(pid, known, mainThreadOnly = false): TreeSample {
      const root = readStatus(api, pid);
      const descendants: number[] = [];
      let rssKb = root.rssKb;
      if (known) {
        for (const p of known) {
          const { rssKb: kb } = readStatus(api, p);
          if (kb) {
            descendants.push(p);
            rssKb += kb;
          }
        }
        return { rssKb, peakKb: root.peakKb, descendants };
      }
      const walk = (p: number) => {
        for (const c of childrenOf(api, p, mainThreadOnly)) {
          descendants.push(c);
          rssKb += readStatus(api, c).rssKb;
          walk(c);
        }
      };
      walk(pid);
      return { rssKb, peakKb: root.peakKb, descendants };
    },
    killTree(pid, known, marker) {
      const all = new Set(known);
      const walk = (p: number) => {
        for (const c of childrenOf(api, p)) {
          all.add(c);
          walk(c);
        }
      };
      walk(pid);
      // Stop first so nothing forks a new child between the scan and the kill.
      signalTree(api, pid, all, 'SIGSTOP');
      for (const p of pidsWithMarker(api, marker, process.pid)) if (p !== pid) all.add(p);
      signalTree(api, pid, all, 'SIGKILL');
    },
    freeze: (pid, known) => freezeTree(api, pid, known),
    thaw: (pid, known) => thawTree(api, pid, known),
  };
}
