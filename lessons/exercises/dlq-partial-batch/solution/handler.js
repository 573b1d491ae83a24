// Ships the orders of one SQS batch. Each record's body is the EventBridge "OrderPlaced" event;
// an order with a quantity below 1 is invalid and cannot be shipped.
// Shipped orders are recorded in shipped.json in EXERCISE_STORE_DIR (a local stand-in for a table).
const fs = require('node:fs');
const path = require('node:path');

const storeFile = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'shipped.json');

function ship(order) {
  if (!(order.quantity >= 1)) throw new Error(`order ${order.orderId}: quantity must be at least 1`);
  const shipped = fs.existsSync(storeFile()) ? JSON.parse(fs.readFileSync(storeFile(), 'utf8')) : [];
  shipped.push(order.orderId);
  fs.writeFileSync(storeFile(), JSON.stringify(shipped));
}

exports.handler = async (event) => {
  // ReportBatchItemFailures: only the listed messages return to the queue (and, after
  // maxReceiveCount receives, move to the DLQ); the rest of the batch is deleted as done.
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      ship(JSON.parse(record.body).detail);
    } catch (err) {
      console.log(`failed ${record.messageId}: ${err.message}`);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
