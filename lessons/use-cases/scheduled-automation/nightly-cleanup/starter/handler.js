// Runs every night from an EventBridge schedule, cron(0 3 * * ? *). Stops development machines
// that have been idle for more than 7 days, to save money.
// The event:  {"id": "...", "detail-type": "Scheduled Event", "source": "aws.events", "time": "2026-06-01T03:00:00Z", ...}
// Local stand-ins: inventory.json beside this file (instead of EC2 DescribeInstances), and the stop
// requests are appended to actions.json in EXERCISE_STORE_DIR (instead of EC2 StopInstances).
const fs = require('node:fs');
const path = require('node:path');

const IDLE_DAYS = 7;
const inventory = () => JSON.parse(fs.readFileSync(path.join(__dirname, 'inventory.json'), 'utf8'));
const actionsFile = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'actions.json');
const readActions = () => (fs.existsSync(actionsFile()) ? JSON.parse(fs.readFileSync(actionsFile(), 'utf8')) : []);

exports.handler = async (event) => {
  const now = Date.now();
  const cutoff = now - IDLE_DAYS * 24 * 60 * 60 * 1000;
  const stale = inventory().filter(
    (i) => i.tags.env === 'dev' && i.state === 'running' && Date.parse(i.lastActivity) < cutoff,
  );
  const actions = readActions();
  for (const instance of stale) actions.push({ action: 'stop', instanceId: instance.id, run: event.id });
  fs.writeFileSync(actionsFile(), JSON.stringify(actions));
  return { stopped: stale.map((i) => i.id) };
};
