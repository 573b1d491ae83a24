// Charges the card for an order. charges.json in EXERCISE_STORE_DIR stands in for the payment provider.
const fs = require('node:fs');
const path = require('node:path');

const file = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'charges.json');

function charge(orderId, total) {
  const charges = fs.existsSync(file()) ? JSON.parse(fs.readFileSync(file(), 'utf8')) : [];
  charges.push({ orderId, total });
  fs.writeFileSync(file(), JSON.stringify(charges));
}

exports.handler = async (event) => {
  const { orderId, total } = event.detail;
  charge(orderId, total);
  console.log(JSON.stringify({ level: 'INFO', message: 'card charged', orderId }));
};
