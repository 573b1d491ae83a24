// Triggered by S3 "ObjectCreated" events on the bucket "sales-drop". Reads each uploaded CSV
// (date,sku,qty,unitPrice), turns it into JSON rows with revenue, and writes the result under
// processed/ in the same bucket.
// Local stand-ins: the bucket is the folder ./bucket beside this file (instead of GetObject), and the
// results are appended to processed.json in EXERCISE_STORE_DIR (instead of PutObject).
const fs = require('node:fs');
const path = require('node:path');

const readObject = (key) => fs.readFileSync(path.join(__dirname, 'bucket', key), 'utf8');
function writeResult(result) {
  const file = path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'processed.json');
  const all = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : [];
  all.push(result);
  fs.writeFileSync(file, JSON.stringify(all));
}

/** Valid rows with revenue, and the count of rows that could not be parsed (reported, not fatal). */
function transform(csv) {
  const [, ...lines] = csv.trim().split('\n');
  const rows = [];
  let rejected = 0;
  for (const line of lines) {
    const [date, sku, qty, unitPrice] = line.split(',');
    const q = Number(qty);
    const p = Number(unitPrice);
    if (!Number.isInteger(q) || q <= 0 || !Number.isFinite(p)) {
      rejected += 1;
      continue;
    }
    rows.push({ date, sku, qty: q, revenue: Math.round(q * p * 100) / 100 });
  }
  return { rows, rejected };
}

exports.handler = async (event) => {
  let processed = 0;
  // One notification can carry several records.
  for (const record of event.Records) {
    // S3 URL-encodes the key in notifications, with spaces as "+".
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    // Our own output lands in the same bucket: never process it, or each result triggers the next.
    if (!key.startsWith('uploads/')) continue;
    const { rows, rejected } = transform(readObject(key));
    const outputKey = `processed/${path.posix.basename(key, '.csv')}.json`;
    writeResult({ sourceKey: key, outputKey, rows, rejected });
    processed += 1;
  }
  return { processed };
};
