#!/usr/bin/env node
// Integration tests in a desktop VS Code via @vscode/test-electron, for developers whose machine can download
// VS Code (this offline machine and CI cannot: they use runIntegration.js, the code-server harness).
// Set SL_VSCODE_VERSION=1.90.0 to test against the manifest's minimum engine.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { CFG, build } = require('./paths');

(async () => {
  build();
  const { runTests } = require('@vscode/test-electron');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-ws-'));
  const samples = path.join(CFG.root, 'samples');
  if (fs.existsSync(samples)) fs.cpSync(samples, workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.SL_VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: CFG.root,
      extensionTestsPath: path.join(CFG.root, 'out/test/integration/index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } catch (e) {
    console.error('test-electron run failed:', e && e.message || e);
    process.exitCode = 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
})();
