import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventCatalogueError, generateEvent, getPath, listEvents } from '../../../src/core/sampleEvents';

/** The interfaces the issue names; every one must be covered by at least one sample. */
const requiredTypes = [
  'APIGatewayProxyEvent', 'APIGatewayProxyEventV2', 'ALBEvent', 'S3Event', 'SQSEvent', 'SNSEvent',
  'EventBridgeEvent<string, unknown>', 'ScheduledEvent', 'DynamoDBStreamEvent', 'KinesisStreamEvent', 'PostConfirmationTriggerEvent',
];

describe('events catalogue', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-events-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('covers every trigger issue 4 lists, with a doc URL each', () => {
    const ids = listEvents().map((e) => e.id);
    for (const id of ['apigw-rest', 'apigw-http', 'alb', 's3-put', 's3-delete', 'sqs', 'sns', 'eventbridge-custom', 'eventbridge-scheduled', 'dynamodb-stream', 'kinesis', 'cognito-post-confirmation']) {
      assert.ok(ids.includes(id), `missing ${id}`);
    }
    assert.deepEqual(requiredTypes.filter((t) => !listEvents().some((e) => e.typeName === t)), []);
    for (const e of listEvents()) assert.match(e.docUrl, /^https:\/\/(docs\.aws\.amazon\.com|supabase\.com\/docs)\//);
  });

  it('BaaS samples are events as the engine delivers them, with the details src/core/baas/events.ts puts', () => {
    const signup = generateEvent('baas-signup', ['email=grace@example.com']) as Record<string, unknown>;
    assert.deepEqual(Object.keys(signup).sort(), ['account', 'detail', 'detail-type', 'id', 'region', 'resources', 'source', 'time', 'version']);
    assert.deepEqual([signup.source, signup['detail-type'], signup.resources], ['serverless-lab.auth', 'User Signed Up', []]);
    assert.deepEqual(Object.keys(getPath(signup, 'detail.user') as object).sort(), ['created_at', 'email', 'email_confirmed_at', 'id', 'user_metadata']);
    assert.equal(getPath(signup, 'detail.type'), 'signup');
    assert.equal(getPath(signup, 'detail.user.email'), 'grace@example.com');
    const row = generateEvent('baas-row-inserted', ['table=orders']);
    assert.deepEqual([getPath(row, 'source'), getPath(row, 'detail-type'), getPath(row, 'resources')], ['serverless-lab.database', 'Database Change', ['table:public.orders']]);
    assert.deepEqual(Object.keys(getPath(row, 'detail') as object).sort(), ['old_record', 'record', 'schema', 'table', 'type']);
    assert.deepEqual([getPath(row, 'detail.type'), getPath(row, 'detail.table'), getPath(row, 'detail.old_record')], ['INSERT', 'orders', null]);
    const upload = generateEvent('baas-file-uploaded', ['bucket=docs', 'key=a/b.pdf', 'size=7']);
    assert.deepEqual([getPath(upload, 'source'), getPath(upload, 'detail-type'), getPath(upload, 'resources')], ['aws.s3', 'Object Created', ['arn:aws:s3:::docs']]);
    assert.deepEqual([getPath(upload, 'detail.object.key'), getPath(upload, 'detail.object.size'), getPath(upload, 'detail.reason')], ['a/b.pdf', 7, 'PutObject']);
    assert.match(String(getPath(upload, 'detail.object.etag')), /^[0-9a-f]{32}$/, "S3's events carry the ETag as bare hex, not the HTTP header's quoted form");
    assert.deepEqual(generateEvent('baas-file-uploaded'), generateEvent('baas-file-uploaded'), 'fixed ids and sequencer: a sample file does not change between renders');
  });


  it('applies aliases and keeps derived fields consistent', () => {
    const e = generateEvent('sqs', ['body=hello', 'queue=payments']);
    assert.equal(getPath(e, 'Records[0].body'), 'hello');
    assert.equal(getPath(e, 'Records[0].md5OfBody'), createHash('md5').update('hello').digest('hex'));
    assert.equal(getPath(e, 'Records[0].eventSourceARN'), 'arn:aws:sqs:us-east-1:123456789012:payments');
    const s3 = generateEvent('s3-put', ['bucket=b', 'key=my photos/a b.jpg']);
    assert.equal(getPath(s3, 'Records[0].s3.object.key'), 'my+photos/a+b.jpg');
    assert.equal(getPath(s3, 'Records[0].s3.bucket.arn'), 'arn:aws:s3:::b');
    assert.equal(getPath(generateEvent('kinesis', ['data=hi']), 'Records[0].kinesis.data'), Buffer.from('hi').toString('base64'));
  });

  it('applies raw paths, keeping strings as strings and parsing JSON elsewhere', () => {
    const e = generateEvent('apigw-http', ['body=123', 'requestContext.timeEpoch=5', 'pathParameters={"id":"7"}'], { add: true });
    assert.equal(getPath(e, 'body'), '123');
    assert.equal(getPath(e, 'requestContext.timeEpoch'), 5);
    assert.deepEqual(getPath(e, 'pathParameters'), { id: '7' });
    assert.equal(getPath(generateEvent('apigw-http', ['method=GET']), 'body'), undefined);
  });

  it('rejects unknown triggers and malformed sets with actionable messages', () => {
    assert.throws(() => generateEvent('sqsx'), (err: Error) => err instanceof EventCatalogueError && /Known: .*sqs/.test(err.message));
    assert.throws(() => generateEvent('sqs', ['novalue']), /expected name=value/);
    assert.throws(() => generateEvent('sqs', ['Records[5].body=x']), /index \[5\] does not exist/);
    assert.throws(() => generateEvent('sqs', ['Records..body=x']), /Malformed path/);
    assert.throws(() => generateEvent('eventbridge-custom', ['detail=not json']), /Cannot build/);
  });
});
