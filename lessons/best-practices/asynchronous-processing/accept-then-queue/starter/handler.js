// POST /reports {"month": "2026-10"}: builds a sales report. Building one takes about 4 s
// (simulated), longer than this function's 3-second timeout and than a user wants to wait.
// queue.json in EXERCISE_STORE_DIR stands in for an SQS queue that a worker function consumes.
const fs = require('node:fs');
const path = require('node:path');
const { randomUUID } = require('node:crypto');

const queueFile = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'queue.json');
function sendMessage(message) {
  const queue = fs.existsSync(queueFile()) ? JSON.parse(fs.readFileSync(queueFile(), 'utf8')) : [];
  queue.push(message);
  fs.writeFileSync(queueFile(), JSON.stringify(queue));
}

function buildReport(month) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 4000); // simulated slow work
  return { month, total: 1234 };
}

exports.handler = async (event) => {
  const { month } = JSON.parse(event.body);
  const report = buildReport(month);
  return { statusCode: 200, body: JSON.stringify(report) };
};
