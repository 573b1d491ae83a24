// Charges the card for an order. charges.jsonl in EXERCISE_STORE_DIR stands in for the payment provider:
// one line appended per charge, so pollers charging at once never lose each other's write.
const fs = require('node:fs');
const path = require('node:path');

const file = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'charges.jsonl');

function charge(orderId, total) {
  fs.appendFileSync(file(), `${JSON.stringify({ orderId, total })}\n`);
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
