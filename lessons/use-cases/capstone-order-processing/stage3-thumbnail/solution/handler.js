// Capstone stage 3: product photos are uploaded to the bucket "shop-media" under products/.
// S3 ObjectCreated events trigger this function, which writes a 200-pixel-wide thumbnail to
// thumbnails/<same name> in the same bucket.
const imaging = require('./imaging');

const WIDTH = 200;
const IMAGE = /\.(jpe?g|png|webp)$/i;

exports.handler = async (event) => {
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    // Keys arrive URL-encoded, spaces as "+".
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    // Only originals: a thumbnail written to this bucket triggers this function too.
    if (!key.startsWith('products/') || !IMAGE.test(key)) continue;
    const name = key.slice('products/'.length);
    await imaging.writeThumbnail(bucket, key, `thumbnails/${name}`, WIDTH);
  }
  return { ok: true };
};
