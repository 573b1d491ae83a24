// Storage and stream samples: S3 notifications, DynamoDB Streams and Kinesis Data Streams.
// Shapes and field names follow the AWS pages cited in each `docUrl` (retrieved 2026-11-26).
import { createHash } from 'node:crypto';
import type { EventSample } from './types';

const region = 'us-east-1';
const eventTime = '2026-11-26T12:00:00.000Z';

/** S3 URL-encodes object keys in notifications, with spaces as '+' (see the S3 event message structure page). */
function s3EncodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}

const partSize = 8 * 1024 * 1024;

/** The MD5 of `size` zero bytes, hashed a part at a time so that no more than one part is ever allocated. */
export function md5OfZeros(size: number): Buffer {
  const hash = createHash('md5');
  const zeros = Buffer.alloc(Math.min(size, partSize));
  for (let left = size; left > 0; left -= zeros.length) hash.update(left >= zeros.length ? zeros : zeros.subarray(0, left));
  return hash.digest();
}

/**
 * The ETag S3 would give an object of `size` zero bytes, so eTag and size agree: the MD5 of the
 * content for a single-part upload, or, above the AWS CLI's 8 MiB multipart threshold and part size,
 * the MD5 of the parts' MD5s plus "-<parts>" (docs.aws.amazon.com/AmazonS3/latest/API/API_Object.html).
 */
function zeroFilledETag(size: number): string {
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`size must be a whole number of bytes (got ${size})`);
  if (size <= partSize) return md5OfZeros(size).toString('hex');
  const parts = Math.ceil(size / partSize);
  const full = md5OfZeros(partSize);
  const digests = [...Array.from({ length: parts - 1 }, () => full), md5OfZeros(size - (parts - 1) * partSize)];
  return `${createHash('md5').update(Buffer.concat(digests)).digest('hex')}-${parts}`;
}

/** DynamoDB's item-size rules (attribute name bytes plus value bytes; a number is 1 byte per 2 significant digits + 1), for S and N values. */
function attributesSize(image: Record<string, { S?: string; N?: string }>): number {
  return Object.entries(image).reduce((sum, [name, v]) => {
    const value = v.S !== undefined ? Buffer.byteLength(v.S) : Math.ceil((v.N ?? '').replace(/^[-0.]+|\.|0+$/g, '').length / 2) + 1;
    return sum + Buffer.byteLength(name) + value;
  }, 0);
}

/** SizeBytes of a stream record: its Keys plus images, which reproduces the AWS sample's 26 (docs.aws.amazon.com/lambda/latest/dg/with-ddb.html). */
function streamRecordSize(...images: Record<string, { S?: string; N?: string }>[]): number {
  return images.reduce((sum, image) => sum + attributesSize(image), 0);
}

function s3Record(eventName: string, p: Record<string, string>, withObjectDetails: boolean): unknown {
  const object: Record<string, unknown> = { key: s3EncodeKey(p.key), sequencer: '0055AED6DCD90281E5' };
  // Delete notifications carry no size or eTag.
  if (withObjectDetails) Object.assign(object, { size: Number(p.size), eTag: zeroFilledETag(Number(p.size)) });
  return {
    Records: [{
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: region,
      eventTime,
      eventName,
      userIdentity: { principalId: 'AWS:AIDAINPONIXQXHT3IKHL2' },
      requestParameters: { sourceIPAddress: '203.0.113.10' },
      responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'serverless-lab-notification',
        bucket: { name: p.bucket, ownerIdentity: { principalId: 'A3NL1KOZZKExample' }, arn: `arn:aws:s3:::${p.bucket}` },
        object,
      },
    }],
  };
}

const s3Params = {
  bucket: { description: 'Bucket name', default: 'serverless-lab-uploads' },
  key: { description: 'Object key (encoded the way S3 encodes it in notifications)', default: 'incoming/photo 1.jpg' },
  size: { description: 'Object size in bytes', default: '1024' },
};

/** S3 ObjectCreated:Put notification. */
export const s3Put: EventSample = {
  id: 's3-put', label: 'S3 object created (Put)', source: 'storage', typeName: 'S3Event',
  docUrl: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html',
  params: s3Params,
  build: (p) => s3Record('ObjectCreated:Put', p, true),
};

/** S3 ObjectRemoved:Delete notification. */
export const s3Delete: EventSample = {
  id: 's3-delete', label: 'S3 object deleted', source: 'storage', typeName: 'S3Event',
  typeDeviation: {
    checkAs: 'S3DeleteEvent',
    reason: 'Delete notifications carry no size or eTag (as in the Lambda console "s3-delete" test event), but @types/aws-lambda marks them required',
  },
  docUrl: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html',
  params: { bucket: s3Params.bucket, key: s3Params.key },
  build: (p) => s3Record('ObjectRemoved:Delete', p, false),
};

/** DynamoDB Streams batch with one INSERT (NEW_AND_OLD_IMAGES view). */
export const dynamodbStream: EventSample = {
  id: 'dynamodb-stream', label: 'DynamoDB stream record (INSERT)', source: 'stream', typeName: 'DynamoDBStreamEvent',
  docUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html',
  params: {
    table: { description: 'Table name', default: 'Orders' },
    id: { description: 'Partition key value (attribute "id")', default: 'o-1001' },
    status: { description: 'Value of the "status" attribute', default: 'PLACED' },
  },
  build: (p) => {
    const keys = { id: { S: p.id } };
    const newImage = { id: { S: p.id }, status: { S: p.status } };
    return {
    Records: [{
      eventID: 'c4ca4238a0b923820dcc509a6f75849b',
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: region,
      dynamodb: {
        ApproximateCreationDateTime: 1795694400,
        Keys: keys,
        NewImage: newImage,
        SequenceNumber: '4421584500000000017450439091',
        SizeBytes: streamRecordSize(keys, newImage),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: `arn:aws:dynamodb:${region}:123456789012:table/${p.table}/stream/2026-11-26T00:00:00.000`,
    }],
    };
  },
};

/** Kinesis Data Streams batch with one record (data is base64, as delivered). */
export const kinesis: EventSample = {
  id: 'kinesis', label: 'Kinesis stream record', source: 'stream', typeName: 'KinesisStreamEvent',
  docUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html',
  params: {
    stream: { description: 'Stream name', default: 'clicks' },
    data: { description: 'Record payload (plain text; base64-encoded for you)', default: '{"page":"/home","userId":"u-42"}' },
    partitionKey: { description: 'Partition key', default: 'u-42' },
  },
  build: (p) => ({
    Records: [{
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: p.partitionKey,
        sequenceNumber: '49590338271490256608559692538361571095921575989136588898',
        data: Buffer.from(p.data, 'utf8').toString('base64'),
        approximateArrivalTimestamp: 1795694400.123,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: 'shardId-000000000006:49590338271490256608559692538361571095921575989136588898',
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: 'arn:aws:iam::123456789012:role/lambda-role',
      awsRegion: region,
      eventSourceARN: `arn:aws:kinesis:${region}:123456789012:stream/${p.stream}`,
    }],
  }),
};
