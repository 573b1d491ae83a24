// {{name}}: runs when a file is uploaded to a bucket of the local BaaS's storage. Single responsibility: inspect the new file.
// The rule that invokes it is this function's "events" in .serverless-lab/functions.json (source aws.s3,
// "Object Created", the bucket): change "avatars" there to your bucket. The event is S3's EventBridge event
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html), so the same code reads S3 uploads on AWS.

// Module scope runs once per sandbox (cold start): create the storage client here so warm calls reuse it.
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';
const MAX_BYTES = Number(process.env.MAX_BYTES ?? 10_000_000);

function log(level, message, fields) {
  console.log(JSON.stringify({ level, message, service: SERVICE, ...fields }));
}

exports.handler = async (event, context) => {
  {{cursor}}const bucket = event.detail.bucket.name;
  const { key, size } = event.detail.object;
  // Validate before doing work: skip files this function is not meant to handle.
  if (size > MAX_BYTES) {
    log('warn', 'file too large, skipped', { requestId: context.awsRequestId, bucket, key, size });
    return { bucket, key, size, skipped: true };
  }
  // Writing results to another bucket (or prefix the rule does not match) avoids re-triggering this function in a loop.
  log('info', 'file received', { requestId: context.awsRequestId, bucket, key, size, uploadedBy: event.detail.requester });
  return { bucket, key, size, skipped: false };
};
