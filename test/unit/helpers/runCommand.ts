import { Command } from 'commander';

/** Runs one CLI command family in-process (registered by `register`) with argv; returns what it printed to stdout. */
export async function runCommand(register: (program: Command) => void, ...argv: string[]): Promise<string> {
  const program = new Command('serverless-lab').exitOverride();
  register(program);
  const chunks: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((c: string) => { chunks.push(String(c)); return true; }) as typeof process.stdout.write;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } finally {
    process.stdout.write = write;
  }
  return chunks.join('');
}
