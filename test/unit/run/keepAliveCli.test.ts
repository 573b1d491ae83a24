import * as assert from 'node:assert/strict';
import { Command } from 'commander';
import { registerKeepAliveCommand } from '../../../src/cli/commands/keepAlive';

/** Runs the CLI command and returns what it printed. */
async function runCli(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerKeepAliveCommand(program);
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => { chunks.push(chunk); return true; }) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'serverless-lab', 'keepalive', ...args]);
  } finally {
    process.stdout.write = write;
  }
  return chunks.join('');
}

describe('run/keepalive CLI', () => {
  it('prints every policy as JSON, labelled as a simulation', async () => {
    const out = JSON.parse(await runCli(['--pattern', 'periodic', '--per-hour', '2', '--init-ms', '300', '--duration-ms', '10', '--json']));
    assert.equal(out.simulation, true);
    assert.equal(out.rows.length, 9);
    const hybrid = out.rows.find((r: { label: string }) => r.label.startsWith('Hybrid'));
    const fixed60 = out.rows.find((r: { label: string }) => r.label === 'Fixed keep-alive 60 min');
    assert.ok(hybrid.idleSandboxHours < fixed60.idleSandboxHours / 2, 'hybrid pre-warming wastes far less on periodic traffic');
  });

  it('prints a table headed SIMULATION and rejects a non-positive rate', async () => {
    assert.match(await runCli(['--per-hour', '6']), /^SIMULATION \(a model, not a measurement\)/);
    await assert.rejects(runCli(['--per-hour', '0']), /--per-hour must be a number above 0/);
  });
});
