// GET /quote for a user: {"user": "ana"}. Each user may ask for at most 3 quotes; the 4th gets 429.
// counts.json in EXERCISE_STORE_DIR stands in for a table (DynamoDB, Redis...) shared by every sandbox.
const fs = require('node:fs');
const path = require('node:path');

const countsFile = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'counts.json');
const readCounts = () => (fs.existsSync(countsFile()) ? JSON.parse(fs.readFileSync(countsFile(), 'utf8')) : {});
const writeCounts = (counts) => fs.writeFileSync(countsFile(), JSON.stringify(counts));

const LIMIT = 3;
const counts = new Map(); // lives as long as this sandbox, and only in this sandbox

exports.handler = async (event) => {
  const used = (counts.get(event.user) ?? 0) + 1;
  counts.set(event.user, used);
  if (used > LIMIT) return { statusCode: 429, body: JSON.stringify({ error: 'quota exceeded' }) };
  return { statusCode: 200, body: JSON.stringify({ quote: 'Simplicity is prerequisite for reliability.', used }) };
};
