// `serverless-lab cost`: prints an itemised monthly bill for one provider, or JSON with --json.
// Usage errors (bad flags, invalid combinations) exit with code 2, like most Unix tools.
import type { Command } from 'commander';
import { CostInputError, estimateCost, fmtUsd, unconfirmedFigures, validateCostInput, type CostBreakdown, type CostInput } from '../../core/cost';

/** Where the command writes and how it exits; tests replace these. */
export interface CostCommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Ends the process with a usage error (default: process.exit). */
  exit: (code: number) => void;
}

const defaultIo: CostCommandIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  exit: (code) => process.exit(code),
};

interface RawOptions {
  provider: CostInput['provider'];
  plan?: CostInput['plan'];
  arch?: CostInput['arch'];
  memory: string;
  durationMs: string;
  invocations: string;
  initMs?: string;
  coldFraction?: string;
  provisionedConcurrency?: string;
  provisionedHours?: string;
  observedMemory?: string;
  ephemeralStorage?: string;
  initBilling?: CostInput['initBilling'];
  freeTier: boolean;
  json?: boolean;
}

const PROVIDER_NAMES = { aws: 'AWS Lambda', azure: 'Azure Functions', gcp: 'Google Cloud Run functions' } as const;

/** Parses a flag's number strictly ("12abc" and "" are errors, unlike parseFloat). */
function num(flag: string, raw: string | undefined, problems: string[]): number | undefined {
  if (raw === undefined) return undefined;
  const value = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(value)) problems.push(`${flag} must be a number (got "${raw}").`);
  return value;
}

/** Turns the flags into a calculator input; collects every problem rather than stopping at the first. */
export function costInputFromOptions(o: RawOptions): { input: CostInput; problems: string[] } {
  const problems: string[] = [];
  const durations = o.durationMs.split(',').map((d) => num('--duration-ms', d, problems) ?? NaN);
  if ((o.initMs === undefined) !== (o.coldFraction === undefined)) problems.push('--init-ms and --cold-fraction go together: give both (e.g. --init-ms 150 --cold-fraction 0.05) or neither.');
  const input: CostInput = {
    provider: o.provider,
    ...(o.plan ? { plan: o.plan } : {}),
    ...(o.arch ? { arch: o.arch } : {}),
    memoryMb: num('--memory', o.memory, problems) ?? NaN,
    durationMs: durations.length === 1 ? durations[0] : durations,
    invocations: num('--invocations', o.invocations, problems) ?? NaN,
    coldFraction: num('--cold-fraction', o.coldFraction, problems),
    initMs: num('--init-ms', o.initMs, problems),
    initBilling: o.initBilling,
    provisionedConcurrency: num('--provisioned-concurrency', o.provisionedConcurrency, problems),
    provisionedHours: num('--provisioned-hours', o.provisionedHours, problems),
    observedMemoryMb: num('--observed-memory', o.observedMemory, problems),
    ephemeralStorageMb: num('--ephemeral-storage', o.ephemeralStorage, problems),
    freeTier: o.freeTier,
  };
  for (const key of Object.keys(input) as (keyof CostInput)[]) if (input[key] === undefined) delete input[key];
  if (!problems.length) problems.push(...validateCostInput(input));
  return { input, problems };
}

/** Renders the bill as aligned text with each line's formula underneath. */
export function formatBill(bill: CostBreakdown): string {
  const title = `${PROVIDER_NAMES[bill.provider]}${bill.plan ? ` (${bill.plan === 'flex' ? 'Flex Consumption' : 'Consumption'})` : ''}${bill.arch ? ` (${bill.arch})` : ''}: monthly estimate, USD`;
  const rows = bill.lines.map((l) => `  ${l.label.padEnd(26)}${fmtUsd(l.usd).padStart(14)}${l.unconfirmed ? '  (uses an unconfirmed price)' : ''}\n      ${l.formula}`);
  const unconfirmed = unconfirmedFigures(bill.provider).map((u) => `  - ${u.name}: ${u.text}${u.note ? ` (${u.note})` : ''}`);
  return [
    title,
    ...rows,
    `  ${'Total'.padEnd(26)}${fmtUsd(bill.total).padStart(14)}`,
    '',
    `Billed ${bill.billing.billedMs.toFixed(1)} ms per invocation (${bill.billing.rule}) for ${bill.billing.actualMs.toFixed(1)} ms used, on ${bill.billing.billedMemoryMb} MB.`,
    'Model notes:',
    ...bill.notes.map((n) => `  - ${n}`),
    'Unconfirmed prices in the data:',
    ...unconfirmed,
    'Amounts are rounded for display only; see docs/cost.md for the sources.',
    '',
  ].join('\n');
}

/** Registers `cost` on the program. */
export function registerCostCommand(program: Command, io: CostCommandIo = defaultIo): void {
  program
    .command('cost')
    .description('Estimate the monthly bill of a function on AWS Lambda, Azure Functions or Google Cloud Run functions')
    .addOption(program.createOption('--provider <provider>', 'cloud provider').choices(['aws', 'azure', 'gcp']).makeOptionMandatory())
    .addOption(program.createOption('--plan <plan>', 'Azure hosting plan (default consumption)').choices(['consumption', 'flex']))
    .addOption(program.createOption('--arch <arch>', 'AWS architecture (default x86_64)').choices(['x86_64', 'arm64']))
    .requiredOption('--memory <MB>', 'configured memory in MB (Azure Flex: instance size 512, 2048 or 4096)')
    .requiredOption('--duration-ms <ms>', 'duration per invocation in ms; a comma-separated list prices each measured sample')
    .requiredOption('--invocations <N>', 'invocations per month')
    .option('--init-ms <ms>', 'init duration of a cold start in ms (with --cold-fraction)')
    .option('--cold-fraction <0..1>', 'share of invocations that are cold starts (with --init-ms)')
    .option('--provisioned-concurrency <C>', 'AWS provisioned concurrency (with --provisioned-hours)')
    .option('--provisioned-hours <H>', 'hours per month provisioned concurrency is enabled')
    .option('--observed-memory <MB>', 'peak memory used (Azure Consumption bills this, rounded up to 128 MB)')
    .option('--ephemeral-storage <MB>', 'AWS /tmp size in MB (512 included)')
    .addOption(program.createOption('--init-billing <rule>', 'AWS INIT billing rule: 2025 (INIT billed) or legacy').choices(['2025', 'legacy']))
    .option('--no-free-tier', 'ignore the monthly free tier / free grant')
    .option('--json', 'print { "currency": "USD", "total": n, "items": {...} }')
    .exitOverride((err) => {
      // Commander has already printed its message; usage errors exit 2. --help (code 0) falls through.
      if (err.exitCode !== 0) io.exit(2);
    })
    .action((options: RawOptions) => {
      const { input, problems } = costInputFromOptions(options);
      if (problems.length) {
        io.err(`serverless-lab cost: ${problems.join('\n  ')}\n(run "serverless-lab cost --help" for usage)\n`);
        io.exit(2);
        return;
      }
      try {
        const bill = estimateCost(input);
        io.out(options.json ? `${JSON.stringify({ currency: bill.currency, total: bill.total, items: bill.items }, null, 2)}\n` : formatBill(bill));
      } catch (e) {
        if (!(e instanceof CostInputError)) throw e;
        io.err(`serverless-lab cost: ${e.problems.join('\n  ')}\n`);
        io.exit(2);
      }
    });
}
