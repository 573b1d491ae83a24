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
  it('refuses --set on a field the sample lacks, suggesting the near one, unless --add', async () => {
    await assert.rejects(run('events', 'generate', 'apigw-http', '--set', 'bdy=x'), /no field "bdy" \(did you mean "body"\?\); pass --add/);
    await assert.rejects(run('events', 'generate', 'apigw-http', '--set', 'requestContext.http.methd=GET'), /did you mean "method"/);
    const e = JSON.parse(await run('events', 'generate', 'apigw-http', '--set', 'bdy=x', '--add')) as { bdy?: string };
    assert.equal(e.bdy, 'x');
  });
});
