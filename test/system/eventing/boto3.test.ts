import * as assert from 'assert';
import { execFile } from 'child_process';
import * as path from 'path';
import { startWorld, type World } from './world';

describe('system: the endpoint with boto3 (Python)', () => {
  let world: World;
  beforeEach(async () => (world = await startWorld()));
  afterEach(() => world.stop());

  it('SQS, EventBridge and SNS calls from boto3 reach the engine unchanged, configured only by the environment', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_REGION: undefined, ...world.endpoint.environment() };
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile('python3', [path.join(__dirname, 'boto3Client.py')], { env, timeout: 30_000 }, (err, out, errOut) => (err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out)));
    });
    assert.deepStrictEqual(JSON.parse(stdout), {
      body: 'from python', attr: 'v', receiveCount: '2', failed: 0, routedDetail: { id: 7 }, snsBody: 'via sns', // boto3 caught it as sqs.exceptions.QueueDoesNotExist; the code is the query-compatible one, as from AWS.
      missing: 'AWS.SimpleQueueService.NonExistentQueue',
    });
  });
});
