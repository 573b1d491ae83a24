// A stand-in for a payment provider's API (do not edit). Every call is recorded in
// attempts.json in EXERCISE_STORE_DIR, with the time since the previous call.
// The order decides how it behaves: `transientFailures: N` makes the first N calls fail with a
// throttling error (worth retrying); `card: "declined"` always fails (never worth retrying).
const fs = require('node:fs');
const path = require('node:path');

const file = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'attempts.json');

class PaymentError extends Error {
  constructor(code, retryable) {
    super(`payment failed: ${code}`);
    this.name = 'PaymentError';
    this.code = code;
    this.retryable = retryable;
  }
}

async function charge(order) {
  const attempts = fs.existsSync(file()) ? JSON.parse(fs.readFileSync(file(), 'utf8')) : [];
  const now = Date.now();
  const sinceLastMs = attempts.length ? now - attempts[attempts.length - 1].at : null;
  attempts.push({ at: now, sinceLastMs });
  fs.writeFileSync(file(), JSON.stringify(attempts));
  if (order.card === 'declined') throw new PaymentError('CardDeclined', false);
  if (attempts.length <= (order.transientFailures ?? 0)) throw new PaymentError('Throttling', true);
  return { chargeId: `ch-${order.orderId}` };
}

module.exports = { charge, PaymentError };
