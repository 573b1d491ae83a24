// A Slack bot's Events API endpoint (a function URL, payload 2.0). Slack POSTs JSON bodies:
//   {"type": "url_verification", "challenge": "..."}                  when the URL is registered
//   {"type": "event_callback", "event_id": "Ev...", "event": {"type": "message", "channel": "C1", "text": "...", "bot_id"?: "B..."}}
// Slack expects a 2xx within 3 seconds, and retries the event otherwise (header x-slack-retry-num).
// Signature verification (x-slack-signature) is left out of this exercise; a real bot must do it.
const assistant = require('./assistant'); // slow: several seconds in real life
const jobs = require('./jobs'); // enqueue({ ... }) for a worker function

const ok = (body = '') => ({ statusCode: 200, body });

exports.handler = async (event) => {
  const payload = JSON.parse(event.body ?? '{}');
  if (payload.type === 'url_verification') return ok(JSON.stringify({ challenge: payload.challenge }));

  if (payload.type === 'event_callback' && payload.event.type === 'message') {
    await assistant.answer(payload.event.channel, payload.event.text);
  }
  return ok();
};
