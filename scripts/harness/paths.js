// Where the offline VS Code test harness lives, and a guard that installs it on first use.
// `node scripts/harness/paths.js` (= `npm run harness`) is the one entry point: npm test, npm start and CI use it.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const setup = require('./setup');

const root = path.resolve(__dirname, '..', '..');
const prefix = setup.PREFIX;

/** Paths of the harness parts; each can be overridden by an environment variable. */
const CFG = {
  root,
  prefix,
  node: process.env.CS_NODE || setup.nodeBinary(),
  entry: process.env.CS_ENTRY || path.join(prefix, 'cs/node_modules/code-server/out/node/entry.js'),
  chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  ric: process.env.AWS_LAMBDA_RIC_DIR || path.join(prefix, 'ric'),
};

/** Names of the harness parts that are missing (an overridden path only has to exist). */
function missingParts() {
  const parts = [];
  if (!fs.existsSync(CFG.chromium)) parts.push('chromium');
  if (process.env.CS_NODE ? !fs.existsSync(CFG.node) : !setup.done.node24()) parts.push('Node 24');
  if (process.env.CS_ENTRY ? !fs.existsSync(CFG.entry) : !setup.done.codeServer()) parts.push('code-server');
  if (process.env.AWS_LAMBDA_RIC_DIR ? !fs.existsSync(CFG.ric) : !setup.done.ric()) parts.push('aws-lambda-ric');
  return parts;
}

/** Installs the harness (scripts/harness/setup.js) unless it is already complete; exits the process on failure. */
function ensureHarness() {
  const missing = missingParts();
  if (!missing.length) return;
  console.log(`[harness] installing ${missing.join(', ')} into ${prefix} (about 6 minutes on first run)…`);
  // The same Node that runs us; setup.js gives every inner install its own explicit environment.
  const r = spawnSync(process.execPath, [path.join(__dirname, 'setup.js')], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('[harness] setup failed; see the output above. Rerun it with: npm run harness');
    process.exit(3);
  }
}

/** Builds all bundles (extension, CLI, webviews, tests) with the project's esbuild script. */
function build() {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status || 1);
}

module.exports = { CFG, ensureHarness, missingParts, build };

if (require.main === module) {
  ensureHarness();
  console.log(`[harness] ready in ${prefix}`);
}
