// Spawned by cli.test.ts: a program with only the cost command, so the test exercises real exit codes
// without depending on other command families.
import { Command } from 'commander';
import { registerCostCommand } from '../../../src/cli/commands/cost';

const program = new Command('serverless-lab');
registerCostCommand(program);
void program.parseAsync(process.argv);
