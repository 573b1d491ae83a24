// Windows: no signals, no process groups, no freeze. `taskkill /T /F` ends a process and its
// descendants (by parent id, so children of an already-dead parent can escape). Memory is not
// sampled from outside (a WMI/PowerShell query per tick costs hundreds of ms), so Memory Size is
// not enforced and Max Memory Used is the runtime's own peak: both are said in the record.
import type { PlatformCapabilities, ProcessApi, ProcessPlatform, TreeSample } from './types';

/** The Windows implementation over `api`. */
export function win32Platform(api: ProcessApi): ProcessPlatform {
  const capabilities: PlatformCapabilities = { memoryLimitEnforced: false, memoryMeasurement: 'runtime-report', freeze: false, parentDeathGuard: false, orphansKilled: false };
  return {
    os: 'win32',
    capabilities,
    ownProcessGroup: false,
    sampleIntervalMs: Infinity,
    guardCommand: (command, args) => ({ command, args }),
    sampleTree: (): TreeSample => ({ rssKb: 0, peakKb: 0, descendants: [] }),
    killTree(pid, known) {
      api.start('taskkill', ['/PID', String(pid), '/T', '/F']);
      for (const p of [pid, ...known]) {
        try {
          api.kill(p, 'SIGKILL');
        } catch {
          // gone
        }
      }
    },
    freeze: () => false,
    thaw: () => undefined,
  };
}
