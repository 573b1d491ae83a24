// Real memory figures for a sandbox, read from Linux /proc (no estimates: SAM CLI's fake
// "Max Memory Used = Memory Size" is exactly what we avoid).
// VmHWM is the kernel's own peak-RSS counter for a process; VmRSS is the current resident set.
import * as fs from 'fs';

/** Resident set figures in KiB; zero when the process is gone or /proc is unavailable. */
export interface MemoryKb {
  rssKb: number;
  peakKb: number;
}

/** Reads VmRSS and VmHWM of one process. */
export function readMemory(pid: number): MemoryKb {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/status`, 'latin1');
  } catch {
    return { rssKb: 0, peakKb: 0 };
  }
  return { rssKb: field(text, 'VmRSS:'), peakKb: field(text, 'VmHWM:') };
}

function field(text: string, name: string): number {
  const i = text.indexOf(name);
  return i < 0 ? 0 : parseInt(text.slice(i + name.length, text.indexOf('\n', i)), 10) || 0;
}

/** Current RSS of a process and all its descendants (for `provided` bootstraps that fork, e.g. curl). */
export function readTreeRssKb(pid: number): number {
  let total = readMemory(pid).rssKb;
  for (const child of childrenOf(pid)) total += readTreeRssKb(child);
  return total;
}

/** Pids of every live descendant of `pid`. */
export function descendants(pid: number): number[] {
  const out: number[] = [];
  for (const c of childrenOf(pid)) out.push(c, ...descendants(c));
  return out;
}

function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  let tasks: string[];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return kids;
  }
  for (const t of tasks) {
    try {
      for (const c of fs.readFileSync(`/proc/${pid}/task/${t}/children`, 'latin1').split(' ')) if (c.trim()) kids.push(Number(c));
    } catch {
      // thread exited meanwhile
    }
  }
  return kids;
}
