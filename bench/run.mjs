// `npm run bench`: figures (not pass/fail), each beside a peer measured in the same run.
// Writes bench/results/latest.json and prints a Markdown table for the README.
// Run heavy benches one at a time on shared machines: `flock /tmp/harness.lock npm run bench`.
// Options: --quick (fewer samples, for a smoke run); --only=baas[,eventing,…] runs only those benches
// (invoker, startup, eventing, baas) and writes bench/results/only-<names>.json, leaving latest.json to full runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { invokerTable, runInvokerBench } from './invoker.bench.mjs';
import { runStartupBench, startupTable } from './startup.bench.mjs';
import { eventingTable, runEventingBench } from './eventing.bench.mjs';
import { baasTable, runBaasBench } from './baas.bench.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const quick = process.argv.includes('--quick');
const BENCHES = ['invoker', 'startup', 'eventing', 'baas'];
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',').filter(Boolean) : BENCHES;
const unknown = only.filter((n) => !BENCHES.includes(n));
if (unknown.length) throw new Error(`Unknown bench ${unknown.join(', ')}; choose from ${BENCHES.join(', ')}.`);
const runs = (name) => only.includes(name);
const startedAt = new Date().toISOString();
// Load average before and after: on a shared machine, other work skews latency tails and cold starts.
const loadBefore = os.loadavg();
const invoker = runs('invoker') ? await runInvokerBench(quick ? { calls: 500, coldRuns: 5, throughputSec: 2 } : {}) : undefined;
const startup = runs('startup') ? runStartupBench(quick ? { loadRuns: 2, cliRuns: 4 } : {}) : undefined;
const eventing = runs('eventing') ? await runEventingBench(quick ? { seconds: 0.5, rounds: 1 } : {}) : undefined;
const baas = runs('baas') ? await runBaasBench(quick ? { runs: 1, samples: 50, throughputSec: 1 } : {}) : undefined;
const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version };
const results = { startedAt, quick, machine, loadAverage: { before: loadBefore, after: os.loadavg() }, invoker, startup, eventing, baas };
const outName = only.length === BENCHES.length ? 'latest.json' : `only-${only.join('-')}.json`;
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', outName), `${JSON.stringify(results, null, 2)}\n`);
const load = (l) => l.map((x) => x.toFixed(2)).join(' ');
console.log(`\nBenchmarks (${startedAt}, ${machine.cpus} CPUs, ${machine.cpuModel}, node ${machine.node}; load average ${load(results.loadAverage.before)} -> ${load(results.loadAverage.after)})`);
if (invoker) console.log(`\nInvoker\n\n${invokerTable(invoker)}`);
if (startup) console.log(`\nStart-up (activation entry beside the lazy bundles; CLI cold invoke beside bare node)\n\n${startupTable(startup)}`);
if (eventing) console.log(`\nEventing: routing a stream of events against 100 rules\n\n${eventingTable(eventing)}`);
if (baas) console.log(`\nBaaS: start-up, one-row select through the API with RLS, throughput\n\n${baasTable(baas)}`);
console.log(`\nWritten to bench/results/${outName}`);
