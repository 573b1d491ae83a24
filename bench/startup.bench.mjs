// Start-up benchmarks (issue 10 §3), figures only: the activation entry's size and load time beside each
// lazy bundle's, and a cold `serverless-lab invoke` of a no-op handler beside a bare `node -e 0`
// (target: at most 2.5x). Each sample is a fresh process, so module caches never help.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

// Loads a bundle in a fresh node with a stand-in for the `vscode` module (the entry imports it; the host provides it).
const LOADER = `
const Module = require('module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest); };
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: new Proxy({}, { get: () => new Proxy(function () {}, { get: (t, k) => (k === 'prototype' ? {} : t), construct: () => ({}) }) }) };
const t0 = performance.now();
require(process.argv[1]);
process.stdout.write(String(performance.now() - t0));
`;

/** Median load (require) time of `file` in ms over `runs` fresh processes. */
function loadMs(file, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['-e', LOADER, file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`loading ${file} failed: ${r.stderr}`);
    samples.push(Number(r.stdout));
  }
  return median(samples);
}

/** Wall time of one process from spawn to exit, in ms. */
function wallMs(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr}`);
  return performance.now() - t0;
}

/** Runs the start-up benches (needs `npm run build`). */
export function runStartupBench({ loadRuns = 5, cliRuns = 10, log = console.log } = {}) {
  const meta = JSON.parse(fs.readFileSync(path.join(root, 'out/meta/extension.json'), 'utf8'));
  const bundles = [{ id: 'activation entry', file: 'dist/extension.js' }, ...meta.lazyModules.map((m) => ({ id: `lazy: ${m.id}`, file: m.file }))];
  log(`start-up: loading ${bundles.length} bundles, ${loadRuns} fresh processes each`);
  const rows = bundles.map(({ id, file }) => ({ id, file, kb: round(fs.statSync(path.join(root, file)).size / 1024), loadMs: round(loadMs(path.join(root, file), loadRuns), 2) }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bench-noop-'));
  const noop = path.join(dir, 'noop.js');
  fs.writeFileSync(noop, 'exports.handler = async () => ({});\n');
  log(`start-up: cold CLI invoke vs node -e 0, ${cliRuns} interleaved pairs`);
  const bare = [];
  const cli = [];
  try {
    for (let i = 0; i < cliRuns; i++) {
      bare.push(wallMs(['-e', '0']));
      cli.push(wallMs([path.join(root, 'dist/cli.js'), 'invoke', noop]));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const cliInvoke = { bareNodeMs: round(median(bare)), cliInvokeMs: round(median(cli)), ratio: round(median(cli) / median(bare), 2), target: 2.5 };
  return { bundles: rows, cliInvoke };
}

/** Markdown tables of the start-up figures. */
export function startupTable(r) {
  const lines = ['| Bundle | Size (KB) | Load time, median (ms) |', '|---|---:|---:|'];
  for (const b of r.bundles) lines.push(`| ${b.id} (\`${b.file}\`) | ${b.kb} | ${b.loadMs} |`);
  const c = r.cliInvoke;
  lines.push('', '| Cold start to exit | Median (ms) |', '|---|---:|', `| \`node -e 0\` | ${c.bareNodeMs} |`, `| \`serverless-lab invoke\` (no-op handler) | ${c.cliInvokeMs} |`, `| Ratio (target ≤ ${c.target}×) | ${c.ratio}× |`);
  return lines.join('\n');
}
