#!/usr/bin/env node
// Runs the extension-host integration suite (out/test/integration) inside a real VS Code:
// code-server's remote Node extension host, driven headless by chromium. One session for the whole suite.
// Exit code: the suite's (0 = all passed), 2 = timeout, 3 = harness error.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { CFG, ensureHarness, build } = require('./paths');
const H = require('./csHarness');

(async () => {
  ensureHarness();
  if (!process.argv.includes('--no-build')) build(); // npm test has just built
  const testsIndex = path.join(CFG.root, 'out/test/integration/index.js');
  if (!fs.existsSync(testsIndex)) { console.error('no integration tests were built (test/integration/index.ts missing?)'); process.exit(3); }
  // A throwaway copy of the sample workspace, so tests can create and delete files freely.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-ws-'));
  const samples = path.join(CFG.root, 'samples');
  if (fs.existsSync(samples)) fs.cpSync(samples, workspace, { recursive: true });
  const timeoutMs = Number(process.env.SL_IT_TIMEOUT || 600000);
  let server, browser, exitCode = 3;
  try {
    server = await H.startCodeServer({ workspace });
    H.log('code-server on', server.authority);
    browser = await H.launchBrowser();
    const page = await browser.newPage();
    let done; const finished = new Promise(r => { done = r; });
    await page.exposeFunction('codeAutomationLog', H.automationLogPrinter());
    await page.exposeFunction('codeAutomationExit', code => done(code));
    const url = H.workbenchUrl(server, {
      folder: workspace,
      payload: [
        ['extensionDevelopmentPath', server.remoteUri(CFG.root)],
        ['extensionTestsPath', server.remoteUri(testsIndex)],
        ['enableProposedApi', ''],
        ['skipWelcome', 'true'],
      ],
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 180000 });
    const code = await Promise.race([finished, new Promise(r => setTimeout(() => r('timeout'), timeoutMs))]);
    exitCode = code === 'timeout' ? 2 : code;
    if (code === 'timeout') H.log('TIMEOUT waiting for the extension tests');
  } catch (e) {
    console.error(e);
  } finally {
    if (browser) await browser.close().catch(() => undefined);
    if (server) await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  H.log(`integration suite finished with exit code ${exitCode}`);
  process.exit(exitCode);
})();
