// Triggered by S3 "object created" notifications. For every uploaded photo it returns where the
// thumbnail will be written: { thumbnails: [{ bucket, source, target }] }.
exports.handler = async (event) => {
  const record = event.Records[0];
  const bucket = record.s3.bucket.name;
  const key = record.s3.object.key;
  const name = key.split('/').pop();
  return { thumbnails: [{ bucket, source: key, target: `thumbnails/${name}` }] };
};
