// The one way every test tier and the UI harness waits: poll a condition until it holds or a deadline passes.
// A fixed sleep is either too long (slow suite) or too short on a loaded machine (flaky suite); a condition
// with a deadline is neither, and its timeout message says what never happened.
// Plain CommonJS (typed by waitFor.d.ts) so that scripts/harness/runE2e.js can use it too.
'use strict';

/**
 * Polls `probe` (sync or async) until it returns a truthy value, and resolves with that value. A probe that
 * throws counts as "not yet". Rejects after `timeoutMs` with "timed out after N ms waiting for <what>" and
 * the probe's last error, if any.
 */
async function waitFor(probe, what, { timeoutMs = 10000, intervalMs = 50 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      const cause = lastError ? ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, left)));
  }
}

module.exports = { waitFor };
