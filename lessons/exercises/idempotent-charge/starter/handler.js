// Charges an order: {"orderId": "o-1", "amount": 30}. Asynchronous sources deliver at least once,
// so the same event can arrive twice, possibly in another sandbox.
// The "payment provider" is a local JSON file standing in for a table: charges.json in EXERCISE_STORE_DIR.
const fs = require('node:fs');
const path = require('node:path');

const storeFile = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'charges.json');
const readCharges = () => (fs.existsSync(storeFile()) ? JSON.parse(fs.readFileSync(storeFile(), 'utf8')) : []);

exports.handler = async (event) => {
  const charges = readCharges();
  charges.push({ orderId: event.orderId, amount: event.amount });
  fs.writeFileSync(storeFile(), JSON.stringify(charges));
  return { charged: true };
};
