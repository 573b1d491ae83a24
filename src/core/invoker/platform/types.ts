// The OS-specific parts of running a sandbox, behind one small interface so that the sandbox code is
// the same on Linux, macOS and Windows and every branch can be unit-tested with an injected fake.
// Where an OS cannot provide a feature, its capabilities say so and records carry the limitation
// (e.g. "memory limit not enforced on this OS"): never a silent zero.

/** Operating systems with an implementation. */
export type PlatformOs = 'linux' | 'darwin' | 'win32';

/** What this OS lets the invoker do; shown to learners where something is missing. */
export interface PlatformCapabilities {
  /** Memory Size is enforced over the whole process tree (the sandbox is killed above it). */
  memoryLimitEnforced: boolean;
  /** Where Max Memory Used comes from: the kernel's peak counter, periodic samples, or only the runtime's own report. */
  memoryMeasurement: 'kernel-peak' | 'sampled' | 'runtime-report';
  /** Idle sandboxes can be frozen (no timer ticks, no background work) and thawed on the next invocation. */
  freeze: boolean;
  /** The OS kills the sandbox if the host dies without cleaning up. */
  parentDeathGuard: boolean;
  /** Detached children that outlived their parent are still found and killed when the sandbox ends. */
  orphansKilled: boolean;
}

/** One memory sample of a process tree. */
export interface TreeSample {
  /** Current resident memory of the root and all its descendants, KiB (0 when unknown). */
  rssKb: number;
  /** The root process's own peak (kernel counter) when the OS keeps one, else 0. */
  peakKb: number;
  /** Live descendants (not the root), so they can be frozen and killed even after they detach. */
  descendants: number[];
}

/** The small set of process primitives the platforms are built on; tests inject fakes. */
export interface ProcessApi {
  /** process.kill: throws when the process is gone. */
  kill(pid: number, signal: NodeJS.Signals | 0): void;
  /** Reads a text file synchronously; throws when missing. */
  readFile(file: string): string;
  /** Lists a directory synchronously; throws when missing. */
  readdir(dir: string): string[];
  /** True when the file exists. */
  exists(file: string): boolean;
  /** Runs a command and resolves with its stdout ('' on failure: callers degrade, never throw). */
  run(command: string, args: string[]): Promise<string>;
  /** Starts a command and forgets it (tree kill on Windows). */
  start(command: string, args: string[]): void;
}

/** The platform interface used by sandboxes. */
export interface ProcessPlatform {
  readonly os: PlatformOs;
  readonly capabilities: PlatformCapabilities;
  /** Sandbox processes lead their own process group (POSIX), so signals reach the group. */
  readonly ownProcessGroup: boolean;
  /** Minimum gap between memory samples: cheap /proc reads on Linux, a `ps` spawn elsewhere. */
  readonly sampleIntervalMs: number;
  /** The command line that starts `command` under the parent-death guard, where the OS has one. */
  guardCommand(command: string, args: string[]): { command: string; args: string[] };
  /**
   * Memory and descendants of the tree rooted at `pid`; synchronous where the OS makes it cheap.
   * With `known`, a platform may measure just the root and those pids instead of discovering the
   * tree again (Linux: one file per process instead of one per thread), for frequent samples.
   * `mainThreadOnly`: discover children forked by each process's main thread only (Linux: one
   * read per process instead of one per thread; Node forks from its main thread).
   */
  sampleTree(pid: number, known?: Iterable<number>, mainThreadOnly?: boolean): TreeSample | Promise<TreeSample>;
  /**
   * Kills the sandbox's whole tree: its group, its live descendants, the `known` pids seen earlier
   * (children that detached and were re-parented), and processes carrying `marker` (`NAME=value`
   * in their environment) where the OS exposes it.
   */
  killTree(pid: number, known: Iterable<number>, marker: string): void;
  /** Stops the tree (group and known descendants); returns false when the OS cannot. */
  freeze(pid: number, known: Iterable<number>): boolean;
  /** Resumes a frozen tree. */
  thaw(pid: number, known: Iterable<number>): void;
}

/** The learner-facing wording of each missing capability (the record and the panel show these). */
export function limitations(c: PlatformCapabilities): string[] {
  const out: string[] = [];
  if (!c.memoryLimitEnforced) out.push('memory limit not enforced on this OS');
  if (c.memoryMeasurement === 'runtime-report') out.push("Max Memory Used is the runtime's own peak only (child processes not counted on this OS)");
  if (!c.freeze) out.push('idle sandboxes are not frozen on this OS: background work keeps running between invocations');
  if (!c.orphansKilled) out.push('detached child processes that outlive their parent may survive the sandbox on this OS');
  return out;
}
