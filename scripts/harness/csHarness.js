// Starts and stops a throwaway code-server (real VS Code server + web workbench) and a headless Debian chromium.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');
const util = require('util');
const { CFG } = require('./paths');

const t0 = Date.now();
const ts = () => ((Date.now() - t0) / 1000).toFixed(1) + 's';
const log = (...a) => console.log(`[harness ${ts()}]`, ...a);

// Workbench noise that is irrelevant offline; shown only with VERBOSE=1.
const NOISE = [
  /open-vsx\.org|ENOTFOUND|ERR_NAME_NOT_RESOLVED/, /authentication provider 'github'/, /\[DefaultAccount\]/, /AccountPolicyGate/,
  /ChatModelSelection/, /AgentHost/i, /chat-stt/, /Creation of workbench contribution/, /Creating a socket|connection token/,
  /reconnection-grace-time/, /\[Service Worker\]/, /additional builtin extensions cache/, /Activating extension '.*' failed: Not Found/,
  /Settings Sync|UserDataSync/i, /^\s*at /, /404 \(Not Found\)/,
];

// Never leave a code-server process group behind (Ctrl-C, CI timeout, crash).
const live = new Map();
const killAll = () => {
  for (const [pid, dir] of live) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
    if (dir && !process.env.KEEP_TMP) try { fs.rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ }
  }
  live.clear();
};
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { killAll(); process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1)); });

/** A free loopback port. */
function freePort() {
  return new Promise((res, rej) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); s.on('error', rej); });
}

/** Default user settings: no start page, telemetry, updates, AI, git or port forwarding. */
function baseSettings(extra = {}) {
  return {
    'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none',
    'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false, 'chat.disableAIFeatures': true, 'workbench.tips.enabled': false,
    'git.enabled': false, 'git.autoRepositoryDetection': false, 'workbench.enableExperiments': false,
    'remote.autoForwardPorts': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden', ...extra,
  };
}

/**
 * Starts code-server on a free loopback port. `smokeTestDriver` makes the workbench honour the
 * extension-test payload (and hides toasts); `installExtensions` links extension folders into a
 * fresh extensions dir as <publisher>.<name>-<version>, i.e. "installed mode".
 */
async function startCodeServer({ workspace, port, settings = {}, smokeTestDriver = true, installExtensions = [], verbose = !!process.env.VERBOSE, startTimeoutMs = 90000, persistentDir } = {}) {
  port = port || await freePort();
  const tmp = persistentDir || fs.mkdtempSync(path.join(os.tmpdir(), 'sl-cs-'));
  const ud = path.join(tmp, 'ud'), exts = path.join(tmp, 'ext');
  fs.mkdirSync(path.join(ud, 'User'), { recursive: true }); fs.mkdirSync(exts, { recursive: true });
  const settingsFile = path.join(ud, 'User', 'settings.json');
  if (!persistentDir || !fs.existsSync(settingsFile)) fs.writeFileSync(settingsFile, JSON.stringify(baseSettings(settings), null, 1));
  for (const dir of installExtensions) {
    const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const link = path.join(exts, `${pj.publisher}.${pj.name}-${pj.version}`);
    if (!fs.existsSync(link)) fs.symlinkSync(path.resolve(dir), link, 'dir');
  }
  const args = [CFG.entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', ud, '--extensions-dir', exts,
    // A built workbench ignores the extension-test payload unless the smoke-test driver is on.
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    workspace];
  const cs = spawn(CFG.node, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VSCODE_PROXY_URI: '' } });
  live.set(cs.pid, persistentDir ? undefined : tmp); // a persistent profile (npm start) is never deleted
  let out = '';
  const onData = d => { out += d; if (verbose) process.stdout.write('[cs] ' + d); };
  cs.stdout.on('data', onData); cs.stderr.on('data', onData);
  try {
    await new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error('code-server did not start:\n' + out)), startTimeoutMs);
      const check = () => { if (/HTTP server listening on/.test(out)) { clearTimeout(timer); res(); } };
      cs.stdout.on('data', check); cs.stderr.on('data', check);
      cs.on('exit', c => { clearTimeout(timer); rej(new Error(`code-server exited (${c}):\n` + out)); });
    });
  } catch (e) {
    try { process.kill(-cs.pid, 'SIGKILL'); } catch { /* gone */ }
    live.delete(cs.pid);
    throw e;
  }
  const authority = `127.0.0.1:${port}`;
  return {
    port, authority, tmp, settingsFile, proc: cs, output: () => out,
    remoteUri: p => `vscode-remote://${authority}${path.resolve(p)}`,
    /** Merges `patch` into the user settings file; the web workbench reads it on (re)load. */
    updateSettings(patch) {
      const cur = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
      fs.writeFileSync(settingsFile, JSON.stringify({ ...cur, ...patch }, null, 1));
    },
    async stop() {
      for (const sig of ['SIGTERM', 'SIGKILL']) {
        try { process.kill(-cs.pid, sig); } catch { /* gone */ }
        await new Promise(r => setTimeout(r, sig === 'SIGTERM' ? 500 : 0));
      }
      live.delete(cs.pid);
      if (!process.env.KEEP_TMP && !persistentDir) fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** The workbench URL for a folder, with an optional extension-test payload. */
function workbenchUrl(server, { folder, payload }) {
  let url = `http://${server.authority}/?folder=${encodeURIComponent(path.resolve(folder))}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** Launches headless Debian chromium through playwright-core (no browser download). */
async function launchBrowser() {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: CFG.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', '--disable-quic'],
  });
}

/** Prints the extension host's console output forwarded by the workbench, minus offline noise. */
function automationLogPrinter({ verbose = !!process.env.VERBOSE } = {}) {
  return (type, args) => {
    const text = util.format(...(args || []));
    if (!verbose && NOISE.some(re => re.test(text.split('\n')[0]))) return;
    (type === 'error' ? console.error : console.log)(text);
  };
}

module.exports = { log, ts, freePort, startCodeServer, workbenchUrl, launchBrowser, automationLogPrinter, baseSettings };
