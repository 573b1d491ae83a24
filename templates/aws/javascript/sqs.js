// {{name}}: SQS consumer. Single responsibility: process each order message once.
// Module scope runs once per sandbox (cold start): create SDK clients here so warm calls reuse them.
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';
// SQS delivers at least once, so processing must be idempotent. This set only dedupes inside one sandbox;
// in production record processed messageIds durably (e.g. a DynamoDB conditional put) instead.
const processed = new Set();

function log(level, message, fields) {
  console.log(JSON.stringify({ level, message, service: SERVICE, ...fields }));
}

/** Handles one message; throws when it cannot, so only that message is retried. */
async function processRecord(record) {
  if (processed.has(record.messageId)) return; // duplicate delivery: already done
  const order = JSON.parse(record.body);
  if (typeof order.orderId !== 'string') throw new Error('message has no orderId');
  log('info', 'order processed', { messageId: record.messageId, orderId: order.orderId });
  processed.add(record.messageId);
}

exports.handler = async (event, context) => {
  {{cursor}}const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      await processRecord(record);
    } catch (err) {
      log('error', 'message failed', { requestId: context.awsRequestId, messageId: record.messageId, error: String(err) });
      // Partial batch response (needs ReportBatchItemFailures on the event source): only failures return to the queue.
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};

