// Root-level hook: after the whole system run, no sandbox process started by a test may be alive.
import * as assert from 'assert';
import { sandboxProcesses, waitFor } from './helpers';

after('invoker: no sandbox process is left running', async function () {
  this.timeout(10000);
  await waitFor(() => sandboxProcesses().length === 0, 5000);
  assert.deepStrictEqual(sandboxProcesses(), []);
});
