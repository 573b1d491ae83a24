// Host contention: cold starts measured on a busy laptop are not Lambda figures. At concurrency 50 on a
// 2-core machine, Init Duration medians rose to 411 ms (Node) and 664 ms (Python) against 25-90 ms alone,
// because every INIT competed for the same cores. On Lambda each environment has its own vCPU share, so
// records say when the local machine inflated the figure instead of hiding it.
import * as os from 'os';
import type { HostLoad } from './types';

/** Logical cores the sandboxes share. */
export function hostCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** One INIT in progress: the most INITs seen overlapping it. */
export interface InitWindow {
  peak: number;
}

/** Counts overlapping INIT phases of one invoker. */
export class InitOverlap {
  private readonly open = new Set<InitWindow>();

  constructor(private readonly cores = hostCores(), private readonly loadAverage: () => number | undefined = defaultLoadAverage) {}

  /** Marks the start of an INIT; every INIT in progress now overlaps one more. */
  begin(): InitWindow {
    const w: InitWindow = { peak: 0 };
    this.open.add(w);
    for (const o of this.open) if (o.peak < this.open.size) o.peak = this.open.size;
    return w;
  }

  /** Marks the end of an INIT and describes the host while it ran. */
  end(w: InitWindow): { host: HostLoad; contended: boolean } {
    this.open.delete(w);
    const host: HostLoad = { cores: this.cores, concurrentInits: w.peak };
    const load = this.loadAverage();
    if (load !== undefined) host.loadAverage1m = Math.round(load * 100) / 100;
    return { host, contended: w.peak > this.cores };
  }
}

/** The 1-minute load average; Windows has none (os.loadavg() returns zeros there), so it is left out. */
function defaultLoadAverage(): number | undefined {
  return process.platform === 'win32' ? undefined : os.loadavg()[0];
}

/** The learner-facing label for an inflated Init Duration. */
export function contentionNote(host: HostLoad): string {
  const load = host.loadAverage1m !== undefined ? `, load average ${host.loadAverage1m}` : '';
  return `Init Duration inflated by the local machine: ${host.concurrentInits} cold starts ran at once on ${host.cores} cores${load}. On Lambda each environment initializes on its own CPU share; compare Init figures measured alone.`;
}
