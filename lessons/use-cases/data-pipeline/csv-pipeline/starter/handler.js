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

function transform(csv) {
  const [, ...lines] = csv.trim().split('\n');
  return lines.map((line) => {
    const [date, sku, qty, unitPrice] = line.split(',');
    return { date, sku, qty: Number(qty), revenue: Number(qty) * Number(unitPrice) };
  });
}

exports.handler = async (event) => {
  const key = event.Records[0].s3.object.key;
  const rows = transform(readObject(key));
  const outputKey = `processed/${path.basename(key, '.csv')}.json`;
  writeResult({ sourceKey: key, outputKey, rows });
  return { processed: 1 };
};
