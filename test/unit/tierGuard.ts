// Loaded first by `npm run test:unit` (mocha --require): the unit tier is pure and fast, so a test that
// starts a process or a server fails at that call, with a pointer to the system tier. Processes were what
// made the unit tier slow and made it fail on a fresh clone that lacks the harness's tools.
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

const SPAWNERS = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;

/** The error every refused call throws: what was attempted and where such a test belongs instead. */
export function tierError(what: string): Error {
  return new Error(`${what}: unit tests start no processes and no servers; move this test to test/system/<area>/ (npm run test:system)`);
}

const mutableChildProcess = childProcess as unknown as Record<string, unknown>;
for (const name of SPAWNERS) {
  mutableChildProcess[name] = () => { throw tierError(`child_process.${name}`); };
}
net.Server.prototype.listen = function listen(): never { throw tierError('net.Server.listen'); };
syncBuiltinESMExports(); // so `import { spawn } from 'node:child_process'` in ES modules sees the guard too
