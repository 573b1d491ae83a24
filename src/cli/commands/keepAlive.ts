// `serverless-lab keepalive`: the keep-alive / provisioned-concurrency what-if from the panel, in the
// terminal. A simulation over one synthetic day, not a measurement (the output says so).
import type { Command } from 'commander';
import { defaultPolicySweep, simulateKeepAlive } from '../../core/run/keepAliveSim';
import { DAY_MS, generateTraffic, type TrafficPattern } from '../../core/run/traffic';

/** Parses a strictly positive number flag or throws a usage message. */
function positive(name: string, raw: string): number {
  const n = Number(raw);
  if (!raw.trim() || !Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a number above 0 (got "${raw}")`);
  return n;
}

/** Registers `keepalive` on the program. */
export function registerKeepAliveCommand(program: Command): void {
  program
    .command('keepalive')
    .description('Simulate a day of traffic under fixed keep-alive, provisioned concurrency and the hybrid histogram policy (Shahrad et al., USENIX ATC 2020)')
    .addOption(program.createOption('--pattern <pattern>', 'synthetic traffic shape').choices(['bursty', 'periodic', 'poisson']).default('bursty'))
    .option('--per-hour <n>', 'mean invocations per hour', '12')
    .option('--init-ms <ms>', 'cold-start overhead in ms (measure it: invoke cold and read Init Duration)', '141')
    .option('--duration-ms <ms>', 'handler duration in ms', '5')
    .option('--seed <n>', 'random seed for the synthetic traffic', '2020')
    .option('--json', 'print JSON')
    .action((opts: { pattern: TrafficPattern; perHour: string; initMs: string; durationMs: string; seed: string; json?: boolean }) => {
      const perHour = positive('per-hour', opts.perHour);
      const calibration = { initMs: positive('init-ms', opts.initMs), durationMs: positive('duration-ms', opts.durationMs) };
      const arrivals = generateTraffic({ pattern: opts.pattern, perHour, periodMs: 3_600_000 / perHour, seed: Number(opts.seed) || 0 });
      const rows = defaultPolicySweep().map(({ label, policy }) => {
        const r = simulateKeepAlive(arrivals, calibration, policy, { horizonMs: DAY_MS });
        return { label, coldPct: r.coldPct, idleSandboxHours: r.idleSandboxMs / 3_600_000 };
      });
      if (opts.json) {
        process.stdout.write(JSON.stringify({ simulation: true, pattern: opts.pattern, perHour, invocations: arrivals.length, ...calibration, rows }, null, 2) + '\n');
        return;
      }
      const lines = [
        `SIMULATION (a model, not a measurement): ${arrivals.length} invocations over 24 h, ${opts.pattern}, ${perHour}/h; cold start ${calibration.initMs} ms, duration ${calibration.durationMs} ms`,
        '',
        `${'Policy'.padEnd(42)}${'Cold %'.padStart(8)}${'Idle sandbox-h'.padStart(16)}`,
        ...rows.map((r) => `${r.label.padEnd(42)}${r.coldPct.toFixed(1).padStart(8)}${r.idleSandboxHours.toFixed(2).padStart(16)}`),
      ];
      process.stdout.write(lines.join('\n') + '\n');
    });
}
