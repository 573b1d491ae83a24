// A local stand-in for a queue (SQS SendMessage): appends to jobs.json in EXERCISE_STORE_DIR.
// A worker function would consume the jobs and call assistant.answer for each.
const fs = require('node:fs');
const path = require('node:path');

const file = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'jobs.json');

/** The jobs enqueued so far. */
exports.all = () => (fs.existsSync(file()) ? JSON.parse(fs.readFileSync(file(), 'utf8')) : []);

/** Enqueues one job. */
exports.enqueue = async (job) => {
  const jobs = exports.all();
  jobs.push(job);
  fs.writeFileSync(file(), JSON.stringify(jobs));
};
