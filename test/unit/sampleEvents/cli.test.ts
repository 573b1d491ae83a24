import assert from 'node:assert/strict';
import { runCommand } from '../helpers/runCommand';
import { registerEventsCommand } from '../../../src/cli/commands/events';

/** Runs the events command family with argv; returns stdout. */
const run = (...argv: string[]): Promise<string> => runCommand(registerEventsCommand, ...argv);

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
