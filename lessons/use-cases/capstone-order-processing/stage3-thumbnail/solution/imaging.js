// A local stand-in for "download the image from S3, resize it (e.g. with sharp), upload the result":
// records the thumbnail it would write in thumbnails.json in EXERCISE_STORE_DIR. No image is decoded.
const fs = require('node:fs');
const path = require('node:path');

/** Pretends to write a `width`-pixel-wide copy of `sourceKey` to `thumbnailKey` in `bucket`. */
exports.writeThumbnail = async (bucket, sourceKey, thumbnailKey, width) => {
  const file = path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'thumbnails.json');
  const all = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : [];
  all.push({ bucket, sourceKey, thumbnailKey, width });
  fs.writeFileSync(file, JSON.stringify(all));
};
