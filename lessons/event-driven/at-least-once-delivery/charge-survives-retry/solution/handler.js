// Charge function: consumes the payments queue, whose message bodies are OrderPlaced events
// ({"detail": {"orderId", "email", "total"}}). Charges the card, then sends the receipt.
// The payment provider is charges.json in EXERCISE_STORE_DIR (a local stand-in).
const fs = require('node:fs');
const path = require('node:path');
const receipts = require('./receipts');

const file = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'charges.json');
const readCharges = () => (fs.existsSync(file()) ? JSON.parse(fs.readFileSync(file(), 'utf8')) : []);

exports.handler = async (event) => {
  for (const record of event.Records) {
    const order = JSON.parse(record.body).detail;
    const charges = readCharges();
    // A retry re-runs the whole handler, including the steps that already succeeded: charge only once
    // per order (on AWS, a conditional write, or the payment provider's own idempotency key).
    if (!charges.some((c) => c.orderId === order.orderId)) {
      charges.push({ orderId: order.orderId, amount: order.total });
      fs.writeFileSync(file(), JSON.stringify(charges));
    }
    // Letting this throw is right: the message returns after the visibility timeout and the receipt is retried.
    await receipts.send(order.orderId, order.email);
  }
};
