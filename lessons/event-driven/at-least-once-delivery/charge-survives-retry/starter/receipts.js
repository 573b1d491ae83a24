// A local stand-in for the mail service that sends receipts. Like a real one on a bad day, it times
// out the first time it is asked about each order, then works. Attempts and sent receipts are kept
// in receiptAttempts.json and receipts.json in EXERCISE_STORE_DIR.
const fs = require('node:fs');
const path = require('node:path');

const file = (name) => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', `${name}.json`);
const read = (name, empty) => (fs.existsSync(file(name)) ? JSON.parse(fs.readFileSync(file(name), 'utf8')) : empty);

/** Sends the receipt for an order; throws on the first attempt for each order. */
exports.send = async (orderId, email) => {
  const attempts = read('receiptAttempts', {});
  attempts[orderId] = (attempts[orderId] ?? 0) + 1;
  fs.writeFileSync(file('receiptAttempts'), JSON.stringify(attempts));
  if (attempts[orderId] === 1) throw new Error('mail service timed out after 5000 ms');
  const receipts = read('receipts', []);
  if (!receipts.some((r) => r.orderId === orderId)) receipts.push({ orderId, to: email });
  fs.writeFileSync(file('receipts'), JSON.stringify(receipts));
};
