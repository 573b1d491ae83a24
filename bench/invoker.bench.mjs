// Invoker benchmarks (issue 3): figures with peers measured in the same run, never pass/fail.
// 1 warm latency (Node) vs lambda-local execute(); 2 Node cold start vs bare `node -e 0`;
// 3 Python warm latency and cold start vs the real interpreter's `-c pass`; 4 throughput at
// concurrency 8 for 10 s; 5 idle RSS of a warm Node sandbox vs a bare idle node process.
import { spawn, execFileSync } from 'node:child_process';
import http from 'node:http';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);

/** Bundles the invoker from source (the bench needs createInvoker, which no dist bundle exports). */
async function loadInvoker() {
  const outfile = path.join(root, 'out', 'bench', 'invoker.cjs');
  await esbuild.build({ entryPoints: [path.join(root, 'src/core/invoker/index.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
  return require(outfile);
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: round(pct(s, 50)), p99: round(pct(s, 99)), mean: round(s.reduce((a, b) => a + b, 0) / s.length) };
}
const round = (x, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs) => pct([...xs].sort((a, b) => a - b), 50);
/** Best run: the intrinsic cost, least disturbed by other load on a shared machine. */
const best = (xs) => Math.min(...xs);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Peers get the same minimal environment as sandboxes: e.g. NODE_EXTRA_CA_CERTS in a developer's
 * environment makes every bare `node` start load a CA bundle (~100 ms here), which would flatter us.
 */
const PEER_ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'en_US.UTF-8', TZ: ':UTC' };

/** Spawn-to-exit time of a bare command, as seen from this process. */
function timeSpawn(cmd, args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(cmd, args, { stdio: 'ignore', env: PEER_ENV });
    p.on('error', reject);
    p.on('exit', () => resolve(performance.now() - t0));
  });
}

/** Spawn-to-first-output time: the bare process's equivalent of "first response" (exit not included). */
function timeFirstOutput(cmd, args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'], env: PEER_ENV });
    p.on('error', reject);
    p.stdout.once('data', () => resolve(performance.now() - t0));
  });
}

function rssKb(pid) {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(text)[1]);
}

/**
 * serverless-offline's Lambda invoke endpoint (worker-thread mode, its default in v13), if installed in
 * SERVERLESS_OFFLINE_DIR (`npm i --prefix <dir> serverless@3 serverless-offline@13`; not a project
 * dependency: ~500 packages). Returns undefined when not available.
 */
async function serverlessOffline(calls, warmUp, log) {
  const dir = process.env.SERVERLESS_OFFLINE_DIR;
  const sls = dir && path.join(dir, 'node_modules', '.bin', 'sls');
  if (!sls || !fs.existsSync(sls)) return { skipped: 'set SERVERLESS_OFFLINE_DIR to a folder with serverless@3 and serverless-offline@13 installed' };
  fs.writeFileSync(path.join(dir, 'serverless.yml'), "service: bench\nframeworkVersion: '3'\nprovider:\n  name: aws\n  runtime: nodejs20.x\nplugins:\n  - serverless-offline\nfunctions:\n  noop:\n    handler: handler.handler\n");
  fs.writeFileSync(path.join(dir, 'handler.js'), 'exports.handler = async () => ({ ok: true });\n');
  const port = 3902;
  const proc = spawn(sls, ['offline', 'start', '--lambdaPort', String(port), '--httpPort', '3900', '--websocketPort', '3901'], {
    cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' },
  });
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('serverless-offline did not start within 60 s')), 60000);
      const watch = (c) => { if (String(c).includes(`localhost:${port}`)) { clearTimeout(timer); resolve(); } };
      proc.stdout.on('data', watch);
      proc.stderr.on('data', watch);
      proc.on('exit', () => reject(new Error('serverless-offline exited')));
    });
    log('   serverless-offline up, measuring…');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const call = () => new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/2015-03-31/functions/bench-dev-noop/invocations', agent }, (res) => { res.resume(); res.on('end', resolve); });
      req.on('error', reject);
      req.end('{}');
    });
    const samples = [];
    for (let i = 0; i < warmUp + calls; i++) {
      const t0 = performance.now();
      await call();
      if (i >= warmUp) samples.push(performance.now() - t0);
    }
    agent.destroy();
    return stats(samples);
  } catch (err) {
    return { skipped: String(err.message) };
  } finally {
    try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ }
  }
}

/** Runs every invoker bench; `calls` is the warm sample count (≥ 5000 for the figures). */
export async function runInvokerBench({ calls = 5000, coldRuns = 30, throughputSec = 10, log = console.log } = {}) {
  const { createInvoker, hostPlatform } = await loadInvoker();
  const bootstrapDir = path.join(root, 'dist', 'bootstrap');
  if (!fs.existsSync(path.join(bootstrapDir, 'node.js'))) throw new Error('dist/bootstrap missing: run npm run build first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bench-'));
  fs.writeFileSync(path.join(dir, 'noop.js'), 'exports.handler = async () => ({ ok: true });\n');
  fs.writeFileSync(path.join(dir, 'noop.py'), 'def lambda_handler(event, context):\n    return {"ok": True}\n');
  const python = execFileSync('python3', ['-c', 'import sys;print(sys.executable)'], { encoding: 'utf8' }).trim();
  const invoker = createInvoker({ bootstrapDir, pythonPath: python });
  const nodeFn = { name: 'bench-node', handlerFile: path.join(dir, 'noop.js'), handlerName: 'handler', runtime: 'nodejs' };
  const pyFn = { name: 'bench-py', handlerFile: path.join(dir, 'noop.py'), handlerName: 'lambda_handler', runtime: 'python' };
  const results = { machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, python, platform: `${os.platform()} ${os.release()}` } };
  try {
    // 1. Warm latency, full invoker path (request -> sandbox -> response -> record).
    log('1. warm latency (node)…');
    const warmUp = Math.min(500, calls);
    for (let i = 0; i < warmUp; i++) await invoker.invoke(nodeFn, { event: {} });
    const lambdaLocal = require('lambda-local');
    const mod = require(path.join(dir, 'noop.js'));
    const llCall = () => lambdaLocal.execute({ event: {}, lambdaFunc: mod, lambdaHandler: 'handler', timeoutMs: 3000, verboseLevel: 0 });
    for (let i = 0; i < warmUp; i++) await llCall();
    // Interleaved blocks of 100, so both see the same machine load (shared 2-core machines are noisy).
    const ours = [];
    const ll = [];
    for (let block = 0; block < Math.ceil(calls / 100); block++) {
      for (let i = 0; i < 100; i++) {
        const t0 = performance.now();
        const r = await invoker.invoke(nodeFn, { event: {} });
        ours.push(performance.now() - t0);
        if (r.error) throw new Error(`bench invocation failed: ${JSON.stringify(r.error)}`);
      }
      for (let i = 0; i < 100; i++) {
        const t0 = performance.now();
        await llCall();
        ll.push(performance.now() - t0);
      }
    }
    const o = stats(ours);
    const l = stats(ll);
    const so = await serverlessOffline(calls, warmUp, log);
    results.warmNode = { ours: o, lambdaLocal: l, ratioP50: round(o.p50 / l.p50, 2), ratioP99: round(o.p99 / l.p99, 2), serverlessOffline: so };
    if (so.p50) Object.assign(results.warmNode, { ratioP50VsServerlessOffline: round(o.p50 / so.p50, 2), ratioP99VsServerlessOffline: round(o.p99 / so.p99, 2) });

    // 2. Cold start to first response vs bare `node -e 0`, interleaved so both see the same machine load.
    log('2. cold start (node)…');
    const coldOurs = [];
    const bareNode = [];
    const bareNodeOutput = [];
    const coldStart = async (fn, into) => {
      const t0 = performance.now();
      const r = await invoker.invoke(fn, { event: {}, forceCold: true });
      into.push(performance.now() - t0);
      if (!r.cold || r.error) throw new Error('expected a successful cold start');
      await invoker.stopSandboxes(fn.name);
    };
    for (let i = 0; i < coldRuns; i++) {
      bareNode.push(await timeSpawn(process.execPath, ['-e', '0']));
      bareNodeOutput.push(await timeFirstOutput(process.execPath, ['-e', 'process.stdout.write("x")']));
      await coldStart(nodeFn, coldOurs);
    }
    results.coldNode = {
      oursMedianMs: round(median(coldOurs), 2), bareNodeMedianMs: round(median(bareNode), 2), ratio: round(median(coldOurs) / median(bareNode), 2), runs: coldRuns,
      bareNodeFirstOutputMedianMs: round(median(bareNodeOutput), 2), ratioVsFirstOutput: round(median(coldOurs) / median(bareNodeOutput), 2),
      oursBestMs: round(best(coldOurs), 2), bareNodeBestMs: round(best(bareNode), 2), ratioBest: round(best(coldOurs) / best(bareNode), 2),
    };

    // 2b. The thaw on the hot path: warm invocations after an idle gap longer than the freeze grace
    // (each one thaws a frozen sandbox), against the same gap on an invoker that never freezes.
    log('2b. warm after idle (thaw)…');
    const noFreeze = createInvoker({ bootstrapDir, pythonPath: python, platform: { ...hostPlatform(), capabilities: { ...hostPlatform().capabilities, freeze: false } } });
    const thawed = [];
    const unfrozen = [];
    const gapMs = 20;
    try {
      for (const inv of [invoker, noFreeze]) await inv.invoke(nodeFn, { event: {} });
      for (let i = 0; i < Math.max(20, Math.floor(calls / 25)); i++) {
        for (const [inv, into] of [[invoker, thawed], [noFreeze, unfrozen]]) {
          await sleep(gapMs);
          const t0 = performance.now();
          await inv.invoke(nodeFn, { event: {} });
          into.push(performance.now() - t0);
        }
      }
    } finally {
      await noFreeze.dispose();
    }
    results.thaw = { gapMs, frozen: stats(thawed), neverFrozen: stats(unfrozen), ratioP50: round(stats(thawed).p50 / stats(unfrozen).p50, 2) };

    // 3. Python: warm latency and cold start vs the resolved interpreter's `-c pass`.
    log('3. python warm + cold…');
    for (let i = 0; i < warmUp; i++) await invoker.invoke(pyFn, { event: {} });
    const pyWarm = [];
    const llPy = [];
    for (let block = 0; block < Math.ceil(calls / 100); block++) {
      for (let i = 0; i < 100; i++) {
        const t0 = performance.now();
        await invoker.invoke(pyFn, { event: {} });
        pyWarm.push(performance.now() - t0);
      }
      for (let i = 0; i < 100; i++) {
        const t0 = performance.now();
        await llCall();
        llPy.push(performance.now() - t0);
      }
    }
    const coldPy = [];
    const barePy = [];
    const barePyOutput = [];
    for (let i = 0; i < coldRuns; i++) {
      barePy.push(await timeSpawn(python, ['-c', 'pass']));
      barePyOutput.push(await timeFirstOutput(python, ['-c', 'import sys; sys.stdout.write("x"); sys.stdout.flush()']));
      const t0 = performance.now();
      const r = await invoker.invoke(pyFn, { event: {}, forceCold: true });
      coldPy.push(performance.now() - t0);
      if (!r.cold || r.error) throw new Error('expected a successful python cold start');
      await invoker.stopSandboxes(pyFn.name);
    }
    results.python = {
      warm: stats(pyWarm), lambdaLocalP50: stats(llPy).p50, ratioP50VsLambdaLocal: round(stats(pyWarm).p50 / stats(llPy).p50, 2),
      coldOursMedianMs: round(median(coldPy), 2), barePythonMedianMs: round(median(barePy), 2), coldRatio: round(median(coldPy) / median(barePy), 2),
      barePythonFirstOutputMedianMs: round(median(barePyOutput), 2), coldRatioVsFirstOutput: round(median(coldPy) / median(barePyOutput), 2),
      coldOursBestMs: round(best(coldPy), 2), barePythonBestMs: round(best(barePy), 2), coldRatioBest: round(best(coldPy) / best(barePy), 2),
    };
    await invoker.stopSandboxes();

    // 4. Throughput: 8 clients in a closed loop for `throughputSec`.
    log(`4. throughput (concurrency 8, ${throughputSec} s)…`);
    let started = 0;
    const off = invoker.on('sandboxStarted', () => started++);
    let count = 0;
    let colds = 0;
    let errors = 0;
    const tEnd = performance.now() + throughputSec * 1000;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (performance.now() < tEnd) {
        const r = await invoker.invoke(nodeFn, { event: {} });
        count++;
        if (r.cold) colds++;
        if (r.error) errors++;
      }
    }));
    const elapsed = (performance.now() - t0) / 1000;
    off();
    results.throughput = { concurrency: 8, seconds: round(elapsed, 2), invocations: count, perSecond: round(count / elapsed, 1), sandboxesStarted: started, coldStarts: colds, errors };

    // 5. Idle RSS of a warm Node sandbox vs a bare idle node process.
    log('5. idle RSS…');
    await invoker.stopSandboxes();
    let pid = 0;
    const off2 = invoker.on('sandboxStarted', (e) => (pid = e.pid));
    await invoker.invoke(nodeFn, { event: {} });
    for (let i = 0; i < 10; i++) await invoker.invoke(nodeFn, { event: {} });
    off2();
    const bare = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore', env: PEER_ENV });
    await sleep(1000);
    const sandboxKb = rssKb(pid);
    const bareKb = rssKb(bare.pid);
    bare.kill('SIGKILL');
    results.idleRss = { sandboxMb: round(sandboxKb / 1024, 1), bareNodeMb: round(bareKb / 1024, 1), ratio: round(sandboxKb / bareKb, 2) };
  } finally {
    await invoker.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/** Markdown table of the figures, with ratios against the peers. */
export function invokerTable(r) {
  const rows = [
    ['Warm invoke, Node no-op (p50 / p99)', `${r.warmNode.ours.p50} / ${r.warmNode.ours.p99} ms`, `lambda-local execute(): ${r.warmNode.lambdaLocal.p50} / ${r.warmNode.lambdaLocal.p99} ms`, `${r.warmNode.ratioP50}× / ${r.warmNode.ratioP99}×`],
    ['Warm invoke vs serverless-offline (worker threads, Lambda invoke endpoint)', `${r.warmNode.ours.p50} / ${r.warmNode.ours.p99} ms`, r.warmNode.serverlessOffline.p50 ? `serverless-offline: ${r.warmNode.serverlessOffline.p50} / ${r.warmNode.serverlessOffline.p99} ms` : `not measured: ${r.warmNode.serverlessOffline.skipped}`, r.warmNode.serverlessOffline.p50 ? `${r.warmNode.ratioP50VsServerlessOffline}× / ${r.warmNode.ratioP99VsServerlessOffline}×` : '—'],
    ['Cold start to first response, Node (median of runs)', `${r.coldNode.oursMedianMs} ms`, `bare node -e 0 (spawn→exit): ${r.coldNode.bareNodeMedianMs} ms; spawn→first output: ${r.coldNode.bareNodeFirstOutputMedianMs} ms`, `${r.coldNode.ratio}× / ${r.coldNode.ratioVsFirstOutput}×`],
    ['Cold start, Node (best run)', `${r.coldNode.oursBestMs} ms`, `bare node -e 0: ${r.coldNode.bareNodeBestMs} ms`, `${r.coldNode.ratioBest}×`],
    ['Warm invoke after 20 ms idle: thaw of a frozen sandbox (p50 / p99)', `${r.thaw.frozen.p50} / ${r.thaw.frozen.p99} ms`, `same gap, never frozen: ${r.thaw.neverFrozen.p50} / ${r.thaw.neverFrozen.p99} ms`, `${r.thaw.ratioP50}× (p50)`],
    ['Warm invoke, Python no-op (p50 / p99)', `${r.python.warm.p50} / ${r.python.warm.p99} ms`, `lambda-local p50: ${r.python.lambdaLocalP50} ms`, `${r.python.ratioP50VsLambdaLocal}× (p50)`],
    ['Cold start to first response, Python (median of runs)', `${r.python.coldOursMedianMs} ms`, `python -c pass (spawn→exit): ${r.python.barePythonMedianMs} ms; spawn→first output: ${r.python.barePythonFirstOutputMedianMs} ms`, `${r.python.coldRatio}× / ${r.python.coldRatioVsFirstOutput}×`],
    ['Cold start, Python (best run)', `${r.python.coldOursBestMs} ms`, `python -c pass: ${r.python.barePythonBestMs} ms`, `${r.python.coldRatioBest}×`],
    ['Throughput, concurrency 8', `${r.throughput.perSecond} inv/s (${r.throughput.invocations} in ${r.throughput.seconds} s)`, `${r.throughput.sandboxesStarted} sandboxes started, ${r.throughput.coldStarts} cold starts, ${r.throughput.errors} errors`, '—'],
    ['Idle RSS, warm Node sandbox', `${r.idleRss.sandboxMb} MB`, `bare idle node: ${r.idleRss.bareNodeMb} MB`, `${r.idleRss.ratio}×`],
  ];
  return ['| Bench | Serverless Lab | Peer (same run) | Ratio |', '|---|---|---|---|', ...rows.map((c) => `| ${c.join(' | ')} |`)].join('\n');
}
