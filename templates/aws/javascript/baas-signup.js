// {{name}}: runs when a user signs up in the local BaaS. Single responsibility: send the welcome mail.
// The rule that invokes it is this function's "events" in .serverless-lab/functions.json (source
// serverless-lab.auth, detail-type "User Signed Up"); the event's shape is in docs/baas.md.

// Module scope runs once per sandbox (cold start).
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';
const MAIL_FROM = process.env.MAIL_FROM ?? 'welcome@example.com';

function log(level, message, fields) {
  console.log(JSON.stringify({ level, message, service: SERVICE, ...fields }));
}

/**
 * Sends one mail through a transactional mail API: the local BaaS's (MAIL_API_URL and MAIL_API_KEY are set
 * while it runs; the mail lands in its Inbox), or a provider such as Resend with the same two variables.
 * Returns false when no mail API is configured (as in the unit test), so the rest of the handler still runs.
 */
async function sendMail(mail, idempotencyKey) {
  const url = process.env.MAIL_API_URL;
  const key = process.env.MAIL_API_KEY;
  if (!url || !key) {
    log('warn', 'MAIL_API_URL or MAIL_API_KEY is not set (start the BaaS, or configure a mail provider): mail not sent', {});
    return false;
  }
  const res = await fetch(url, {
    method: 'POST',
    // The same key as a bearer token (providers) and as apikey (the local BaaS).
    // Events arrive at least once: an idempotency key lets a provider drop a repeated send.
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, apikey: key, 'idempotency-key': idempotencyKey },
    body: JSON.stringify({ from: MAIL_FROM, ...mail }),
  });
  // Throwing makes the invocation fail, so the event rule's asynchronous invocation retries it.
  if (!res.ok) throw new Error(`the mail API answered ${res.status}: ${await res.text()}`);
  return true;
}

exports.handler = async (event, context) => {
  {{cursor}}const { user } = event.detail;
  if (!user.email) {
    log('info', 'user has no email address, nothing to send', { requestId: context.awsRequestId, userId: user.id });
    return { to: null, sent: false };
  }
  const name = typeof user.user_metadata.name === 'string' ? user.user_metadata.name : 'there';
  const sent = await sendMail({ to: user.email, subject: 'Welcome!', text: `Hi ${name},\n\nthanks for signing up. We are glad you are here.` }, `welcome-${user.id}`);
  // Never log personal data such as the email address: log the opaque user id only.
  log('info', sent ? 'welcome mail sent' : 'welcome mail not sent', { requestId: context.awsRequestId, userId: user.id });
  return { to: user.email, sent };
};
