// GET /quote for a user: {"user": "ana"}. Each user may ask for at most 3 quotes; the 4th gets 429.
// counts.json in EXERCISE_STORE_DIR stands in for a table (DynamoDB, Redis...) shared by every sandbox.
const fs = require('node:fs');
const path = require('node:path');

const countsFile = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'counts.json');
const readCounts = () => (fs.existsSync(countsFile()) ? JSON.parse(fs.readFileSync(countsFile(), 'utf8')) : {});
const writeCounts = (counts) => fs.writeFileSync(countsFile(), JSON.stringify(counts));

const LIMIT = 3;

// Every sandbox reads and writes the same store, so the count survives scale-out and recycling.
// (A real table would use an atomic increment, e.g. DynamoDB UpdateItem with ADD.)
exports.handler = async (event) => {
  const counts = readCounts();
  const used = (counts[event.user] ?? 0) + 1;
  counts[event.user] = used;
  writeCounts(counts);
  if (used > LIMIT) return { statusCode: 429, body: JSON.stringify({ error: 'quota exceeded' }) };
  return { statusCode: 200, body: JSON.stringify({ quote: 'Simplicity is prerequisite for reliability.', used }) };
};
