import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventCatalogueError, generateEvent, getPath, listEvents } from '../../../src/core/sampleEvents';
import { typeCheck } from '../scaffold/typeCheckHelper';

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
    for (const e of listEvents()) assert.match(e.docUrl, /^https:\/\/docs\.aws\.amazon\.com\//);
  });

  it('type-checks every sample (defaults and with overrides) against @types/aws-lambda', function () {
    this.timeout(60000);
    const types = [...new Set(listEvents().map((e) => e.typeName.replace(/<.*/, '')))];
    const lines = [
      `import type { ${types.join(', ')}, S3EventRecord } from 'aws-lambda';`,
      // The documented deviation: only size and eTag become optional, everything else stays checked.
      "type S3Obj = S3EventRecord['s3']['object'];",
      "type S3DeleteEvent = { Records: (Omit<S3EventRecord, 's3'> & { s3: Omit<S3EventRecord['s3'], 'object'> & { object: Omit<S3Obj, 'size' | 'eTag'> & Partial<Pick<S3Obj, 'size' | 'eTag'>> } })[] };",
    ];
    listEvents().forEach((e, i) => {
      const t = e.typeDeviation?.checkAs ?? e.typeName;
      lines.push(`export const e${i}: ${t} = ${JSON.stringify(generateEvent(e.id))};`);
      const sets = Object.keys(e.params).map((k) => `${k}=${k === 'detail' ? '{"a":1}' : k === 'size' ? '7' : 'x'}`);
      lines.push(`export const f${i}: ${t} = ${JSON.stringify(generateEvent(e.id, sets))};`);
    });
    const file = path.join(dir, 'samples.ts');
    fs.writeFileSync(file, lines.join('\n'));
    assert.deepEqual(typeCheck([file]), []);
  });

  it('the type check catches a sample that drifts from the interface', () => {
    const bad = JSON.parse(JSON.stringify(generateEvent('sqs'))) as { Records: Record<string, unknown>[] };
    delete bad.Records[0].receiptHandle;
    bad.Records[0].bodyy = 'typo';
    const file = path.join(dir, 'bad.ts');
    fs.writeFileSync(file, `import type { SQSEvent } from 'aws-lambda';\nexport const e: SQSEvent = ${JSON.stringify(bad)};`);
    assert.ok(typeCheck([file]).length > 0);
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
