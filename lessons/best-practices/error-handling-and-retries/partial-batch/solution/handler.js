// Consumes an SQS batch of orders. Each message body is JSON: {"orderId": "o-1", "amount": 30}.
// The store file processed.json (in EXERCISE_STORE_DIR) stands in for the orders table.
const fs = require('node:fs');
const path = require('node:path');

const storeFile = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'processed.json');
const readProcessed = () => (fs.existsSync(storeFile()) ? JSON.parse(fs.readFileSync(storeFile(), 'utf8')) : []);

function processOrder(body) {
  const order = JSON.parse(body); // throws on a malformed message
  if (!(order.amount > 0)) throw new Error(`order ${order.orderId}: amount must be positive`);
  const processed = readProcessed();
  processed.push(order.orderId);
  fs.writeFileSync(storeFile(), JSON.stringify(processed));
}

// With ReportBatchItemFailures on the event source mapping, only the listed messages return to
// the queue; the others are deleted. A message that keeps failing ends in the dead-letter queue.
exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      processOrder(record.body);
    } catch (error) {
      console.error(JSON.stringify({ level: 'ERROR', messageId: record.messageId, error: error.message }));
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
