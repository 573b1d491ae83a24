import assert from 'node:assert/strict';
import { Command } from 'commander';
import { registerEventsCommand } from '../../../src/cli/commands/events';

/** Runs the events command family with argv and returns what it printed. */
async function run(...argv: string[]): Promise<string> {
  const program = new Command('serverless-lab').exitOverride();
  registerEventsCommand(program);
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

describe('events CLI', () => {
  it('lists the catalogue as JSON', async () => {
    const list = JSON.parse(await run('events', 'list', '--json')) as { id: string }[];
    assert.ok(list.some((e) => e.id === 'sqs'));
  });
  it('generates an event with repeated --set', async () => {
    const e = JSON.parse(await run('events', 'generate', 's3-put', '--set', 'bucket=b1', '--set', 'Records[0].awsRegion=eu-west-1')) as { Records: { awsRegion: string; s3: { bucket: { name: string } } }[] };
    assert.equal(e.Records[0].s3.bucket.name, 'b1');
    assert.equal(e.Records[0].awsRegion, 'eu-west-1');
  });
});
