import * as path from 'node:path';
import { Command } from 'commander';
import { version } from '../../package.json';

/** Registers one command family on the program. */
type RegisterCommand = (program: Command) => void;

/**
 * Command families: the first word on the command line -> module under src/cli/commands and its export.
 * Each module is its own bundle (dist/cli/<module>.js), so a run loads only the command it runs.
 */
const COMMANDS: Readonly<Record<string, readonly [module: string, register: string]>> = {
  lessons: ['lessons', 'registerLessonsCommand'],
  events: ['events', 'registerEventsCommand'],
  new: ['scaffold', 'registerScaffoldCommand'],
  sam: ['scaffold', 'registerScaffoldCommand'],
  cost: ['cost', 'registerCostCommand'],
  invoke: ['invoke', 'registerInvokeCommand'],
  keepalive: ['keepAlive', 'registerKeepAliveCommand'],
  handlers: ['handlers', 'registerHandlersCommand'],
};

/** Loads a command module: the per-command bundle when built, the TypeScript source under tsx. */
function loadCommand(module: string, register: string): RegisterCommand {
  const bundled = !__filename.endsWith('.ts');
  // A computed path, so esbuild leaves the require to run time instead of inlining every command.
  const file = bundled ? path.join(__dirname, 'cli', `${module}.js`) : path.join(__dirname, 'commands', module);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a run-time path is the point: the command is not bundled into dist/cli.js
  return (require(file) as Record<string, RegisterCommand>)[register];
}

/**
 * Builds the program with the command family `argv` names, or with every family (for help, a typo or
 * no command), so that help and "unknown command" messages stay complete.
 */
export function buildProgram(argv: readonly string[] = process.argv): Command {
  const program = new Command('serverless-lab')
    .description('Serverless Lab: lessons, a local Lambda-compatible invoker, events and cost models.')
    .version(version, '-v, --version')
    .showHelpAfterError('(run with --help for usage)');
  const first = argv.slice(2).find((a) => !a.startsWith('-'));
  const wanted = first && COMMANDS[first] && !argv.includes('--help') && !argv.includes('-h') ? [COMMANDS[first]] : Object.values(COMMANDS);
  const loaded = new Set<string>();
  for (const [module, register] of wanted) {
    if (loaded.has(module)) continue;
    loaded.add(module);
    loadCommand(module, register)(program);
  }
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    process.stderr.write(`serverless-lab: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
