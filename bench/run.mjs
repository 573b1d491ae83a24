// `npm run bench`: figures (not pass/fail), each beside a peer measured in the same run.
// Writes bench/results/latest.json and prints a Markdown table for the README.
// Run heavy benches one at a time on shared machines: `flock /tmp/harness.lock npm run bench`.
// Options: --quick (fewer samples, for a smoke run).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { invokerTable, runInvokerBench } from './invoker.bench.mjs';
import { runStartupBench, startupTable } from './startup.bench.mjs';
import { eventingTable, runEventingBench } from './eventing.bench.mjs';
import { baasTable, runBaasBench } from './baas.bench.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const quick = process.argv.includes('--quick');
const startedAt = new Date().toISOString();
// Load average before and after: on a shared machine, other work skews latency tails and cold starts.
const loadBefore = os.loadavg();
const invoker = await runInvokerBench(quick ? { calls: 500, coldRuns: 5, throughputSec: 2 } : {});
const startup = runStartupBench(quick ? { loadRuns: 2, cliRuns: 4 } : {});
const eventing = await runEventingBench(quick ? { seconds: 0.5, rounds: 1 } : {});
const baas = await runBaasBench(quick ? { runs: 1, samples: 50, throughputSec: 1 } : {});
const results = { startedAt, quick, loadAverage: { before: loadBefore, after: os.loadavg() }, invoker, startup, eventing, baas };
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
const load = (l) => l.map((x) => x.toFixed(2)).join(' ');
console.log(`\nInvoker benchmarks (${startedAt}, ${invoker.machine.cpus} CPUs, ${invoker.machine.cpuModel}, node ${invoker.machine.node}; load average ${load(results.loadAverage.before)} -> ${load(results.loadAverage.after)})\n`);
console.log(invokerTable(invoker));
console.log('\nStart-up (activation entry beside the lazy bundles; CLI cold invoke beside bare node)\n');
console.log(startupTable(startup));
console.log('\nEventing: routing a stream of events against 100 rules\n');
console.log(eventingTable(eventing));
console.log('\nBaaS: start-up, one-row select through the API with RLS, throughput\n');
console.log(baasTable(baas));
console.log('\nWritten to bench/results/latest.json');
