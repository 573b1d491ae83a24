// A Slack bot's Events API endpoint (a function URL, payload 2.0). Slack POSTs JSON bodies:
//   {"type": "url_verification", "challenge": "..."}                  when the URL is registered
//   {"type": "event_callback", "event_id": "Ev...", "event": {"type": "message", "channel": "C1", "text": "...", "bot_id"?: "B..."}}
// Slack expects a 2xx within 3 seconds, and retries the event otherwise (header x-slack-retry-num).
// Signature verification (x-slack-signature) is left out of this exercise; a real bot must do it.
const jobs = require('./jobs'); // enqueue({ ... }) for a worker function

const ok = (body = '') => ({ statusCode: 200, body });

exports.handler = async (event) => {
  const payload = JSON.parse(event.body ?? '{}');
  if (payload.type === 'url_verification') return ok(JSON.stringify({ challenge: payload.challenge }));
  if (payload.type !== 'event_callback' || payload.event?.type !== 'message') return ok();

  // The bot's own replies arrive as message events too: answering them would loop forever.
  if (payload.event.bot_id) return ok();
  // A retry (or a duplicate) of an event already queued: acknowledge and do nothing.
  if (jobs.all().some((j) => j.eventId === payload.event_id)) return ok();

  // Acknowledge within Slack's 3 seconds: queue the slow work for a worker instead of doing it here.
  await jobs.enqueue({ eventId: payload.event_id, channel: payload.event.channel, text: payload.event.text });
  return ok();
};
