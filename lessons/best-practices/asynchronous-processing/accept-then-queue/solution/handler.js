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

// Runs in the worker function, triggered by the queue, where a longer timeout is fine.
function buildReport(month) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 4000); // simulated slow work
  return { month, total: 1234 };
}

// The API only validates, enqueues and answers 202 with where to look for the result.
exports.handler = async (event) => {
  const { month } = JSON.parse(event.body);
  if (!/^\d{4}-\d{2}$/.test(month ?? '')) {
    return { statusCode: 400, body: JSON.stringify({ error: 'month must look like 2026-10' }) };
  }
  const jobId = randomUUID();
  sendMessage({ jobId, month });
  return {
    statusCode: 202,
    headers: { location: `/reports/${jobId}` },
    body: JSON.stringify({ jobId, status: 'queued' }),
  };
};
