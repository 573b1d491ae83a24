// Triggered by S3 "object created" notifications. For every uploaded photo it returns where the
// thumbnail will be written: { thumbnails: [{ bucket, source, target }] }.

// S3 event notifications carry the object key URL-encoded, with spaces as "+".
const decodeKey = (key) => decodeURIComponent(key.replace(/\+/g, ' '));

exports.handler = async (event) => {
  // One notification can hold several records: handle them all.
  const thumbnails = event.Records.map((record) => {
    const bucket = record.s3.bucket.name;
    const key = decodeKey(record.s3.object.key);
    const name = key.split('/').pop();
    return { bucket, source: key, target: `thumbnails/${name}` };
  });
  return { thumbnails };
};
