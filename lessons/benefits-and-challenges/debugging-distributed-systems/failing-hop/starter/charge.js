// Charges the card for an order. charges.jsonl in EXERCISE_STORE_DIR stands in for the payment provider:
// one line appended per charge, so pollers charging at once never lose each other's write.
const fs = require('node:fs');
const path = require('node:path');

const file = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'charges.jsonl');

function charge(orderId, total) {
  fs.appendFileSync(file(), `${JSON.stringify({ orderId, total })}\n`);
}

exports.handler = async (event) => {
  const { orderId, total } = event.detail;
  charge(orderId, total);
  console.log(JSON.stringify({ level: 'INFO', message: 'card charged', orderId }));
};
