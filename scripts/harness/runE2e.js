#!/usr/bin/env node
// UI end-to-end tests: the extension installed into a real VS Code workbench (code-server), clicked through
// with Playwright in headless chromium. Specs are out/test/e2e/*.e2e.js (from test/e2e/*.e2e.ts), run in
// name order in one workbench; each exports `run(t)`. Screenshots go to test-artifacts/e2e/.
// Usage: node scripts/harness/runE2e.js [name-filter] [--no-build]
'use strict';
/* global document, getComputedStyle -- used inside page.waitForFunction, which runs in the browser */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { CFG, ensureHarness, build } = require('./paths');
const H = require('./csHarness');
const { waitFor } = require('../../test/helpers/waitFor');

// Editor backgrounds of the three default themes: how we know a theme switch has been applied.
const EDITOR_BG = { light: '#ffffff', dark: '#1f1f1f', 'high-contrast': '#000000' };
// The theme ids VS Code 1.139 ships (extensions/theme-defaults). Not the older "Default Dark Modern" and "Default
// Light Modern": the workbench migrates those by rewriting settings.json after it loads, and that write raced
// setTheme's own, so a reload could come back in the previous theme.
const THEMES = { light: 'Light Modern', dark: 'Dark Modern', 'high-contrast': 'Default High Contrast' };
const artifacts = path.join(CFG.root, 'test-artifacts', 'e2e');

async function main() {
  ensureHarness();
  if (!process.argv.includes('--no-build')) build(); // npm test has just built
  const filter = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const specDir = path.join(CFG.root, 'out/test/e2e');
  const specs = fs.existsSync(specDir) ? fs.readdirSync(specDir).filter(f => f.endsWith('.e2e.js') && (!filter || f.includes(filter))).sort() : [];
  if (!specs.length) { console.error('no e2e specs found'); return 3; }
  fs.rmSync(artifacts, { recursive: true, force: true }); // screenshots from earlier runs would mislead
  fs.mkdirSync(artifacts, { recursive: true });
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-e2e-ws-'));
  const samples = path.join(CFG.root, 'samples');
  if (fs.existsSync(samples)) fs.cpSync(samples, workspace, { recursive: true });

  let theme = 'dark';
  const server = await H.startCodeServer({ workspace, smokeTestDriver: false, installExtensions: [CFG.root], settings: { 'workbench.colorTheme': THEMES.dark } });
  const browser = await H.launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  if (process.env.VERBOSE) page.on('console', m => console.log('[browser]', m.text().slice(0, 300)));
  let passed = 0, failed = 0;
  try {
    await page.goto(H.workbenchUrl(server, { folder: workspace }), { waitUntil: 'domcontentloaded', timeout: 180000 });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 180000 });
    H.log('workbench visible');
    for (const spec of specs) {
      const name = spec.replace(/\.e2e\.js$/, '');
      const t = makeContext(page, server, workspace, name, () => theme, v => { theme = v; });
      H.log(`spec ${name}: start`);
      try {
        await require(path.join(specDir, spec)).run(t);
        passed++; H.log(`spec ${name}: PASSED`);
      } catch (e) {
        failed++; console.error(`spec ${name}: FAILED: ${e && e.stack || e}`);
        await page.screenshot({ path: path.join(artifacts, `${name}-failure.png`) }).catch(() => undefined);
      }
      await page.keyboard.press('Escape').catch(() => undefined);
      if (theme !== 'dark') await t.setTheme('dark').catch(() => undefined);
      await t.runCommand('View: Close All Editors').catch(() => undefined);
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

function makeContext(page, server, workspace, specName, getTheme, setThemeVar) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const t = {
    page, workspace,
    log: (...a) => H.log(`[${specName}]`, ...a),
    check(cond, msg) { if (!cond) throw new Error('CHECK FAILED: ' + msg); H.log(`[${specName}] ok -`, msg); },
    async runCommand(title, deadlineMs = 120000) {
      // Contributed commands appear only once the extension host has registered them: retry until then.
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
      await waitFor(async () => {
        await page.keyboard.press('F1');
        await input.waitFor({ state: 'visible', timeout: 20000 });
        await input.fill('>' + title);
        if (await row.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false)) return true;
        await page.keyboard.press('Escape');
        return false;
      }, `command "${title}" to appear in the Command Palette`, { timeoutMs: deadlineMs, intervalMs: 1500 });
      await row.click();
    },
    // Runs a command that opens a quick pick and picks `text`; a picker closed by a focus change (a panel
    // or notification appearing) is reopened rather than waited on.
    async pickFromCommand(title, text, deadlineMs = 90000) {
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
      await waitFor(async () => {
        await t.runCommand(title);
        // Long lists are virtualised (54 lessons): when the row is not rendered, filter by its text.
        if (!(await row.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false))) {
          await page.locator('.quick-input-widget input').first().fill(text, { timeout: 10000 }).catch(() => undefined);
          if (!(await row.waitFor({ state: 'visible', timeout: 10000 }).then(() => true, () => false))) return false;
        }
        return row.click({ timeout: 10000 }).then(() => true, async () => { await page.keyboard.press('Escape'); return false; });
      }, `"${text}" to be picked from "${title}"`, { timeoutMs: deadlineMs, intervalMs: 1000 });
    },
    async pickQuickItem(text, timeoutMs = 30000) {
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
      await row.waitFor({ state: 'visible', timeout: timeoutMs });
      await row.click();
    },
    async webview(selector, timeoutMs = 60000) {
      return waitFor(async () => {
        const frames = page.locator('iframe.webview.ready');
        const n = await frames.count();
        for (let i = 0; i < n; i++) {
          if (!(await frames.nth(i).isVisible().catch(() => false))) continue;
          const inner = page.frameLocator('iframe.webview.ready').nth(i).frameLocator('#active-frame');
          if (await inner.locator(selector).count().catch(() => 0)) return inner;
        }
        return undefined;
      }, `a visible webview that contains ${selector}`, { timeoutMs, intervalMs: 500 });
    },
    async expectVisible(locator, message, timeoutMs = 30000) {
      const shown = await locator.first().waitFor({ state: 'visible', timeout: timeoutMs }).then(() => true, () => false);
      t.check(shown, `${message} (within ${timeoutMs} ms)`);
    },
    async setTheme(name) {
      // The offline theme picker lists only a marketplace error, and the web workbench does not watch the
      // settings file, so: write the setting, reload (open webviews are restored by their serializers), and
      // wait until the theme's editor background is applied.
      if (name === getTheme()) return;
      server.updateSettings({ 'workbench.colorTheme': THEMES[name] });
      setThemeVar(name);
      // "Developer: Reload Window" runs the workbench's shutdown lifecycle, so open editors (and webview
      // state) are persisted before the reload, as when a user reloads; a raw page.reload() can race that.
      const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 120000 });
      await t.runCommand('Developer: Reload Window');
      await navigated;
      await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 180000 });
      await page.waitForFunction((bg) => {
        const wb = document.querySelector('.monaco-workbench');
        return !!wb && getComputedStyle(wb).getPropertyValue('--vscode-editor-background').trim().toLowerCase() === bg;
      }, EDITOR_BG[name], { timeout: 60000 });
      // Restored webviews get the new theme's variables by message; wait until every loaded one has them.
      await waitFor(async () => {
        const backgrounds = await Promise.all(page.frames().filter((f) => f.name() === 'active-frame').map((f) => f.evaluate(
          () => getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-background').trim().toLowerCase(),
        ).catch(() => '')));
        return backgrounds.every((bg) => !bg || bg === EDITOR_BG[name]);
      }, `the webviews to repaint in the ${name} theme`, { timeoutMs: 30000, intervalMs: 100 });
    },
    async screenshot(name) {
      const file = path.join(artifacts, `${name}-${getTheme()}.png`);
      await page.screenshot({ path: file });
      H.log(`[${specName}] screenshot ${path.relative(CFG.root, file)}`);
      return file;
    },
  };
  return t;
}

main().then(code => process.exit(code), e => { console.error(e); process.exit(3); });
