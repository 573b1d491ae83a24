// `serverless-lab events list|generate`: prints the sample-event catalogue and generates events.
import type { Command } from 'commander';
import { generateEvent, listEvents } from '../../core/sampleEvents';
import { registerEventsEngineCommands } from './eventsEngine';
import { registerEventsMatchCommands } from './eventsMatch';

/** Registers `events list [--json]`, `events generate <trigger> [--set path=value]...` and `events match|route`. */
export function registerEventsCommand(program: Command): void {
  const events = program.command('events').description('Sample Lambda events with AWS-documented shapes');
  registerEventsEngineCommands(events);
  events
    .command('list')
    .description('List the sample-event catalogue')
    .option('--json', 'print the catalogue as JSON')
    .action((opts: { json?: boolean }) => {
      const all = listEvents();
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
        return;
      }
      const width = Math.max(...all.map((e) => e.id.length));
      for (const e of all) {
        const params = Object.keys(e.params).join(', ');
        process.stdout.write(`${e.id.padEnd(width)}  ${e.label}  [${e.typeName}]${params ? `  --set ${params}` : ''}\n`);
      }
    });
  events
    .command('generate')
    .description('Print a sample event; --set takes a param alias (e.g. bucket=b) or a path (e.g. Records[0].body=hi)')
    .argument('<trigger>', 'event id from `events list`')
    .option('--set <path=value>', 'override a value (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .action((trigger: string, opts: { set: string[] }) => {
      process.stdout.write(`${JSON.stringify(generateEvent(trigger, opts.set), null, 2)}\n`);
    });
  registerEventsMatchCommands(events);
}
