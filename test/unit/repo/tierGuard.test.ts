// The unit tier refuses processes and servers (test/unit/tierGuard.ts); this proves the guard is armed.
import * as assert from 'assert';
import { execFileSync, spawn, spawnSync } from 'child_process';
import * as http from 'http';
import '../tierGuard';

describe('unit tier guard', () => {
  it('refuses to start a process, pointing at test/system', () => {
    assert.throws(() => spawnSync(process.execPath, ['-e', '0']), /child_process\.spawnSync: .*test\/system/);
    assert.throws(() => spawn(process.execPath, ['-e', '0']), /child_process\.spawn:/);
    assert.throws(() => execFileSync(process.execPath, ['-e', '0']), /child_process\.execFileSync:/);
  });

  it('refuses to listen on a port', () => {
    const server = http.createServer();
    try {
      assert.throws(() => server.listen(0), /net\.Server\.listen: .*test\/system/);
    } finally {
      server.close(); // without the guard the server would listen and keep mocha alive
    }
  });
});
