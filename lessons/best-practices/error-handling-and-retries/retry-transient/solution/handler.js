// Charges an order: {"orderId": "o-1", "amount": 30}. The payment API sometimes throttles
// (a transient error: error.retryable === true) and sometimes declines a card (permanent).
const { charge } = require('./paymentApi');

const MAX_ATTEMPTS = 3;
const BASE_DELAY_MS = 50;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Exponential backoff with jitter: 50-100 ms, then 100-200 ms, so that many clients retrying at
// once spread out instead of hitting the throttled API together again.
const backoff = (attempt) => BASE_DELAY_MS * 2 ** (attempt - 1) * (1 + Math.random());

exports.handler = async (event) => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await charge(event);
      return { statusCode: 200, body: JSON.stringify(result) };
    } catch (error) {
      if (!error.retryable) {
        // Permanent: retrying cannot help; answer so the caller can act (another card).
        return { statusCode: 402, body: JSON.stringify({ error: error.code }) };
      }
      if (attempt >= MAX_ATTEMPTS) throw error; // give up: the platform's retries and DLQ take over
      console.log(JSON.stringify({ level: 'WARN', message: 'retrying payment', attempt, code: error.code }));
      await sleep(backoff(attempt));
    }
  }
};
