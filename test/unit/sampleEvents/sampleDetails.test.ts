import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { generateEvent, getPath } from '../../../src/core/sampleEvents';

describe('sample events: consistent details', () => {
  it('SNS: the UnsubscribeUrl names the subscription (topic ARN plus subscription id), like EventSubscriptionArn', () => {
    const e = generateEvent('sns', ['topic=orders']);
    const subscription = getPath(e, 'Records[0].EventSubscriptionArn') as string;
    assert.match(subscription, /^arn:aws:sns:us-east-1:\d{12}:orders:[0-9a-f-]{36}$/);
    assert.equal(getPath(e, 'Records[0].Sns.UnsubscribeUrl'), `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subscription}`);
  });

  it('S3: the eTag is the MD5 of an object of the stated size (single part), or multipart-style above 8 MiB', () => {
    const md5Zeros = (n: number) => createHash('md5').update(Buffer.alloc(n)).digest();
    assert.equal(getPath(generateEvent('s3-put'), 'Records[0].s3.object.eTag'), md5Zeros(1024).toString('hex'));
    assert.equal(getPath(generateEvent('s3-put', ['size=0']), 'Records[0].s3.object.eTag'), 'd41d8cd98f00b204e9800998ecf8427e');
    const mib = 1024 * 1024;
    const expected = `${createHash('md5').update(Buffer.concat([md5Zeros(8 * mib), md5Zeros(2 * mib)])).digest('hex')}-2`;
    assert.equal(getPath(generateEvent('s3-put', [`size=${10 * mib}`]), 'Records[0].s3.object.eTag'), expected);
    assert.throws(() => generateEvent('s3-put', ['size=big']), /size must be a whole number of bytes/);
  });

  it('DynamoDB: SizeBytes follows the record (attribute names plus values of Keys and NewImage)', () => {
    // Keys {id:"o-1001"} = 2+6, NewImage adds status:"PLACED" = 6+6: 8 + 20.
    assert.equal(getPath(generateEvent('dynamodb-stream'), 'Records[0].dynamodb.SizeBytes'), 28);
    assert.equal(getPath(generateEvent('dynamodb-stream', ['id=a', 'status=SHIPPED']), 'Records[0].dynamodb.SizeBytes'), 3 + 3 + 13);
  });
});
