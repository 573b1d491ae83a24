// A local model of a push service such as Firebase Cloud Messaging (HTTP v1), not the real thing:
// no network. Delivered notifications are appended to outbox.json in EXERCISE_STORE_DIR (the
// simulated devices). Error codes follow FCM's (https://firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode):
// tokens starting with "stale-" are UNREGISTERED (the app was uninstalled), "busy-" are UNAVAILABLE (try later).
const fs = require('node:fs');
const path = require('node:path');

const outboxFile = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'outbox.json');

/** Sends one notification to one device token; never throws. */
exports.send = (token, notification) => {
  if (token.startsWith('stale-')) return { ok: false, error: 'UNREGISTERED' };
  if (token.startsWith('busy-')) return { ok: false, error: 'UNAVAILABLE' };
  const outbox = fs.existsSync(outboxFile()) ? JSON.parse(fs.readFileSync(outboxFile(), 'utf8')) : [];
  outbox.push({ token, ...notification });
  fs.writeFileSync(outboxFile(), JSON.stringify(outbox));
  return { ok: true, messageId: `projects/lab/messages/${outbox.length}` };
};
