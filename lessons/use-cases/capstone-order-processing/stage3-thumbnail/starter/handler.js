// Capstone stage 3: product photos are uploaded to the bucket "shop-media" under products/.
// S3 ObjectCreated events trigger this function, which writes a 200-pixel-wide thumbnail to
// thumbnails/<same name> in the same bucket.
const imaging = require('./imaging');

const WIDTH = 200;

exports.handler = async (event) => {
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = record.s3.object.key;
    const name = key.split('/').pop();
    await imaging.writeThumbnail(bucket, key, `thumbnails/${name}`, WIDTH);
  }
  return { ok: true };
};
