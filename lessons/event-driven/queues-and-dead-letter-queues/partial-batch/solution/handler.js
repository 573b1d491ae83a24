// An SQS-triggered worker: Lambda polls the queue and calls the handler with a batch of up to
// 10 messages. Each body is an order: {"orderId": "o-1", "sku": "book", "qty": 1}.
// Processed orders go to processed.json in EXERCISE_STORE_DIR (a local stand-in for a table).
// The event source mapping has ReportBatchItemFailures turned on.
const fs = require('node:fs');
const path = require('node:path');

const file = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'processed.json');
function save(order) {
  const rows = fs.existsSync(file()) ? JSON.parse(fs.readFileSync(file(), 'utf8')) : [];
  rows.push(order);
  fs.writeFileSync(file(), JSON.stringify(rows));
}

function processRecord(record) {
  const order = JSON.parse(record.body);
  if (!order.orderId || !(order.qty > 0)) throw new Error(`invalid order in message ${record.messageId}`);
  save(order);
}

exports.handler = async (event) => {
  // Report only the messages that failed: Lambda deletes the rest, and the failed ones become
  // visible again after the visibility timeout, until maxReceiveCount moves them to the DLQ.
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      processRecord(record);
    } catch (err) {
      console.log(JSON.stringify({ level: 'error', messageId: record.messageId, error: String(err) }));
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
