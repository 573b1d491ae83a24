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
    charges.push({ orderId: order.orderId, amount: order.total });
    fs.writeFileSync(file(), JSON.stringify(charges));
    await receipts.send(order.orderId, order.email);
  }
};
