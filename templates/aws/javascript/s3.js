// {{name}}: S3 "object created" handler. Single responsibility: inspect each new object.
// Module scope runs once per sandbox (cold start): create the S3 client here so warm calls reuse it.
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';
const MAX_BYTES = Number(process.env.MAX_BYTES ?? 10_000_000);

function log(level, message, fields) {
  console.log(JSON.stringify({ level, message, service: SERVICE, ...fields }));
}

/** S3 URL-encodes keys in notifications (spaces become '+'): decode before using them. */
function objectKey(record) {
  return decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
}

exports.handler = async (event, context) => {
  {{cursor}}for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = objectKey(record);
    // Validate before doing work: skip objects this function is not meant to handle.
    if (record.s3.object.size > MAX_BYTES) {
      log('warn', 'object too large, skipped', { requestId: context.awsRequestId, bucket, key, size: record.s3.object.size });
      continue;
    }
    // Writing results under another prefix or bucket avoids re-triggering this function in a loop.
    log('info', 'object received', { requestId: context.awsRequestId, bucket, key, size: record.s3.object.size });
  }
};

