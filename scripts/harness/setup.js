#!/usr/bin/env node
// Installs the offline test harness: Debian packages it needs (chromium, build tools), Node 24 (from the npm
// registry), code-server (VS Code server + web workbench, which requires Node 24) and the official aws-lambda-ric
// client (native build) for the invoker's conformance test. Everything lands in SL_HARNESS_DIR (default
// ~/.cache/serverless-lab/harness), outside the repo. Each step is skipped once its completion marker exists, so
// a failed or interrupted step is redone from scratch on the next run.
//
// Every inner install runs with an explicit environment (installEnv.js): started from `npm test` or `npm start`,
// the outer npm's lifecycle variables would otherwise leak into it. Each step's output goes to a log file in
// SL_HARNESS_DIR/logs; when a step fails, its command and the end of its own output are printed.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { installEnv } = require('./installEnv');

const PREFIX = process.env.SL_HARNESS_DIR || path.join(os.homedir(), '.cache', 'serverless-lab', 'harness');
const CS_VERSION = process.env.CS_VERSION || '4.139.1';
const NODE_PKG = `node-${process.platform}-${process.arch}`;
const LOGS = path.join(PREFIX, 'logs');

/** The marker a completed step leaves behind; its absence means "not installed" (or a half-finished install). */
const marker = (dir, what) => path.join(dir, `.ok-${what}`);

/** The Node 24 binary inside the harness. */
function nodeBinary() {
  const dir = path.join(PREFIX, 'node24', 'node_modules', NODE_PKG);
  return process.platform === 'win32' ? path.join(dir, 'bin', 'node.exe') : path.join(dir, 'bin', 'node');
}

/** Completion checks per step. Installs made before markers existed (setup.sh) count when their result is whole. */
const done = {
  node24: () => fs.existsSync(marker(path.join(PREFIX, 'node24'), 'node24'))
    || (fs.existsSync(nodeBinary()) && /^v24\./.test(spawnSync(nodeBinary(), ['--version'], { encoding: 'utf8' }).stdout || '')),
  codeServer: () => fs.existsSync(marker(path.join(PREFIX, 'cs'), CS_VERSION))
    && fs.existsSync(path.join(PREFIX, 'cs/node_modules/code-server/out/node/entry.js')),
  ric: () => fs.existsSync(marker(path.join(PREFIX, 'ric'), 'aws-lambda-ric'))
    || fs.existsSync(path.join(PREFIX, 'ric/node_modules/aws-lambda-ric/dist/rapid-client.node')),
};

function say(msg) { console.log(`[harness-setup] ${msg}`); }

/** Runs one step's command with its output in a log; on failure prints the command and the log's tail, then exits. */
function run(step, cmd, args, { cwd, env }) {
  fs.mkdirSync(LOGS, { recursive: true });
  const log = path.join(LOGS, `${step}.log`);
  const fd = fs.openSync(log, 'w');
  const t0 = Date.now();
  say(`${step}: ${cmd} ${args.join(' ')}  (in ${cwd}; log: ${log})`);
  const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const secs = Math.round((Date.now() - t0) / 1000);
  if (r.status === 0) { say(`${step}: done in ${secs}s`); return; }
  const output = fs.readFileSync(log, 'utf8').split('\n');
  console.error(`[harness-setup] ${step} FAILED after ${secs}s (${r.error ? r.error.message : `exit code ${r.status}${r.signal ? `, signal ${r.signal}` : ''}`}).`);
  console.error(`[harness-setup] command: ${cmd} ${args.join(' ')}\n[harness-setup] last lines of its output (all of it is in ${log}):`);
  console.error(output.slice(-80).join('\n'));
  console.error('[harness-setup] fix the cause above, then run `npm run harness` again; finished steps are kept.');
  process.exit(1);
}

/** Installs `spec` into a fresh folder `dir` (with its own package.json) under the given environment. */
function npmInstall(step, dir, spec, env) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
  run(step, 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=warn', spec], { cwd: dir, env });
}

/** Debian packages the harness needs; installs the missing ones with apt-get (as root, or through sudo). */
function aptStep() {
  const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
  const hasPkg = (pkg) => spawnSync('dpkg', ['-s', pkg], { stdio: 'ignore' }).status === 0;
  if (!has('dpkg')) { say('apt: not a Debian system; skipped (install chromium, a C++ toolchain, cmake and autotools yourself)'); return; }
  const missing = [];
  if (!has('chromium') && !process.env.CHROMIUM) missing.push('chromium');
  // libkrb5-dev: code-server's kerberos module; autotools + cmake + g++: aws-lambda-ric's native part.
  for (const pkg of ['libkrb5-dev', 'autoconf', 'automake', 'libtool', 'cmake']) if (!hasPkg(pkg)) missing.push(pkg);
  if (!has('g++') || !has('make')) missing.push('build-essential');
  if (!has('python3')) missing.push('python3');
  if (!missing.length) { say('apt: everything present'); return; }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  // sudo resets the environment, so the frontend setting goes on its command line.
  const [cmd, ...pre] = root ? ['apt-get'] : ['sudo', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get'];
  const env = installEnv(process.env, { set: { DEBIAN_FRONTEND: 'noninteractive' } });
  run('apt-update', cmd, [...pre, 'update', '-qq'], { cwd: PREFIX, env });
  run('apt-install', cmd, [...pre, 'install', '-y', '-qq', '--no-install-recommends', ...missing], { cwd: PREFIX, env });
}

function main() {
  const t0 = Date.now();
  fs.mkdirSync(PREFIX, { recursive: true });
  say(`installing into ${PREFIX}`);
  aptStep();

  const nodeRoot = path.join(PREFIX, 'node24');
  const nodeDir = path.join(nodeRoot, 'node_modules', NODE_PKG);
  if (done.node24()) say('node24: already installed');
  else {
    npmInstall('node24', nodeRoot, `${NODE_PKG}@24`, installEnv(process.env));
    fs.writeFileSync(marker(nodeRoot, 'node24'), '');
  }

  const csRoot = path.join(PREFIX, 'cs');
  if (done.codeServer()) say(`code-server: ${CS_VERSION} already installed`);
  else {
    // npm runs on Node 24 (first on PATH), and code-server's native modules are built against its headers.
    const env = installEnv(process.env, { prependPath: [path.join(nodeDir, 'bin')], set: { npm_config_nodedir: nodeDir } });
    npmInstall('code-server', csRoot, `code-server@${CS_VERSION}`, env);
    fs.writeFileSync(marker(csRoot, CS_VERSION), '');
  }

  const ricRoot = path.join(PREFIX, 'ric');
  if (done.ric()) say('aws-lambda-ric: already installed');
  else {
    npmInstall('aws-lambda-ric', ricRoot, 'aws-lambda-ric', installEnv(process.env));
    fs.writeFileSync(marker(ricRoot, 'aws-lambda-ric'), '');
  }
  say(`ready in ${PREFIX} (${Math.round((Date.now() - t0) / 1000)}s)`);
}

module.exports = { PREFIX, CS_VERSION, NODE_PKG, nodeBinary, done };

if (require.main === module) main();
