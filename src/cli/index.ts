import { Command } from 'commander';
import { version } from '../../package.json';
import { registerLessonsCommand } from './commands/lessons';
import { registerEventsCommand } from './commands/events';
import { registerScaffoldCommand } from './commands/scaffold';
import { registerCostCommand } from './commands/cost';
import { registerInvokeCommand } from './commands/invoke';
import { registerKeepAliveCommand } from './commands/keepAlive';
import { registerBaasCommand } from './commands/baas';

/** Entry point of the `serverless-lab` CLI; each command family registers itself on the program. */
export function buildProgram(): Command {
  const program = new Command('serverless-lab')
    .description('Serverless Lab: lessons, a local Lambda-compatible invoker, events and cost models.')
    .version(version, '-v, --version')
    .showHelpAfterError('(run with --help for usage)');
  // Command families register here, one line each: registerXCommand(program).
  registerLessonsCommand(program);
  registerEventsCommand(program);
  registerScaffoldCommand(program);
  registerCostCommand(program);
  registerInvokeCommand(program);
  registerKeepAliveCommand(program);
  registerBaasCommand(program);
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    process.stderr.write(`serverless-lab: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
