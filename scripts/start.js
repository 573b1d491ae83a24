#!/usr/bin/env node
// `npm start`: opens VS Code with Serverless Lab loaded on the sample workspace.
// - With a desktop `code` on PATH: a new window in extension-development mode.
// - Otherwise: the harness's browser-based VS Code (code-server) with the extension installed from this
//   folder; prints the URL and keeps serving until Ctrl-C. State (progress, history) persists in .vscode-test/start.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { CFG, ensureHarness } = require('./harness/paths');

const root = CFG.root;
const workspace = path.join(root, 'samples');
fs.mkdirSync(workspace, { recursive: true });

function hasDesktopCode() {
  if (process.env.SL_FORCE_BROWSER) return false;
  const r = spawnSync('code', ['--version'], { encoding: 'utf8' });
  return r.status === 0 && !/code-server/.test(r.stdout || '');
}

if (hasDesktopCode()) {
  const r = spawnSync('code', ['--new-window', `--extensionDevelopmentPath=${root}`, workspace], { stdio: 'inherit' });
  process.exit(r.status || 0);
}

ensureHarness();
const H = require('./harness/csHarness');
(async () => {
  const port = Number(process.env.PORT || 0) || await H.freePort();
  const dir = path.join(root, '.vscode-test', 'start');
  fs.mkdirSync(dir, { recursive: true });
  const server = await H.startCodeServer({
    workspace, port, smokeTestDriver: false, installExtensions: [root], persistentDir: dir,
    settings: { 'workbench.colorTheme': 'Dark Modern', 'serverlessLab.openWelcomeOnStartup': true },
  });
  const url = H.workbenchUrl(server, { folder: workspace });
  console.log(`\nServerless Lab is running in VS Code (browser edition):\n\n    ${url}\n\nOpen that URL in a browser. Press Ctrl-C to stop.\n`);
  const stop = async () => { await server.stop(); process.exit(0); };
  process.on('SIGINT', stop); process.on('SIGTERM', stop);
  server.proc.on('exit', code => { console.log(`code-server exited (${code})`); process.exit(code || 0); });
})().catch(e => { console.error(e); process.exit(1); });
