// macOS: no /proc and no parent-death signal. One `ps` call lists every process's parent and
// resident size, which gives the tree and its memory in a single spawn (pidusage would need one
// call per pid and knows nothing of trees), so samples are spaced out. Peaks are sampled maxima,
// plus the runtime's own getrusage peak. Orphans are killed only if a sample saw them.
import { freezeTree, signalTree, thawTree } from './posix';
import type { PlatformCapabilities, ProcessApi, ProcessPlatform, TreeSample } from './types';

/** Parses `ps -A -o pid=,ppid=,rss=` output into a parent -> children map and an rss map (KiB). */
export function parsePsTable(text: string): { children: Map<number, number[]>; rss: Map<number, number> } {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const line of text.split('\n')) {
    const [pid, ppid, kb] = line.trim().split(/\s+/).map(Number);
    if (!Number.isInteger(pid) || !Number.isInteger(ppid)) continue;
    rss.set(pid, Number.isFinite(kb) ? kb : 0);
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  return { children, rss };
}

/** Sums the tree rooted at `pid` in a parsed table, plus `known` pids still alive elsewhere (re-parented orphans). */
export function treeFromTable(table: ReturnType<typeof parsePsTable>, pid: number, known: Iterable<number> = []): TreeSample {
  const descendants: number[] = [];
  let rssKb = table.rss.get(pid) ?? 0;
  const walk = (p: number) => {
    for (const c of table.children.get(p) ?? []) {
      descendants.push(c);
      rssKb += table.rss.get(c) ?? 0;
      walk(c);
    }
  };
  walk(pid);
  for (const p of known) {
    if (descendants.includes(p) || !table.rss.has(p)) continue;
    descendants.push(p);
    rssKb += table.rss.get(p) ?? 0;
  }
  return { rssKb, peakKb: 0, descendants };
}

/** The macOS implementation over `api`. */
export function darwinPlatform(api: ProcessApi): ProcessPlatform {
  const capabilities: PlatformCapabilities = { memoryLimitEnforced: true, memoryMeasurement: 'sampled', freeze: true, parentDeathGuard: false, orphansKilled: false };
  // One ps call lists everything, so known pids are always re-checked along with the walk.
  const sampleTree = async (pid: number, known?: Iterable<number>): Promise<TreeSample> => treeFromTable(parsePsTable(await api.run('ps', ['-A', '-o', 'pid=,ppid=,rss='])), pid, known);
  return {
    os: 'darwin',
    capabilities,
    ownProcessGroup: true,
    // A `ps` spawn costs ~10-20 ms: sampling every watchdog tick would load the machine.
    sampleIntervalMs: 250,
    guardCommand: (command, args) => ({ command, args }),
    sampleTree,
    killTree(pid, known) {
      signalTree(api, pid, known, 'SIGKILL');
    },
    freeze: (pid, known) => freezeTree(api, pid, known),
    thaw: (pid, known) => thawTree(api, pid, known),
  };
}
