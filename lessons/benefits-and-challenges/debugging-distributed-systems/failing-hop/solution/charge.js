// Charges the card for an order. charges.json in EXERCISE_STORE_DIR stands in for the payment provider.
const fs = require('node:fs');
const path = require('node:path');

const file = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'charges.json');

function charge(orderId, total) {
  const charges = fs.existsSync(file()) ? JSON.parse(fs.readFileSync(file(), 'utf8')) : [];
  charges.push({ orderId, total });
  fs.writeFileSync(file(), JSON.stringify(charges));
}

// This function is fed by the payments queue, not by the rule: the EventBridge event arrives as
// the JSON body of each SQS record, in a batch.
exports.handler = async (event) => {
  for (const record of event.Records) {
    const { orderId, total } = JSON.parse(record.body).detail;
    charge(orderId, total);
    console.log(JSON.stringify({ level: 'INFO', message: 'card charged', orderId }));
  }
};
