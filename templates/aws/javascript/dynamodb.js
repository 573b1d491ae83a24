// {{name}}: DynamoDB Streams consumer. Single responsibility: react to new orders.
// Module scope runs once per sandbox (cold start): create SDK clients here so warm calls reuse them.
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';

function log(level, message, fields) {
  console.log(JSON.stringify({ level, message, service: SERVICE, ...fields }));
}

/** Streams retry a failed batch from the failed record on, so side effects must be idempotent (key on the item). */
async function processRecord(record) {
  if (record.eventName !== 'INSERT') return;
  const id = record.dynamodb?.Keys?.id?.S;
  if (!id) throw new Error('record has no string key "id"');
  log('info', 'new item', { eventId: record.eventID, id, status: record.dynamodb?.NewImage?.status?.S });
}

exports.handler = async (event, context) => {
  {{cursor}}const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      await processRecord(record);
    } catch (err) {
      log('error', 'record failed', { requestId: context.awsRequestId, eventId: record.eventID, error: String(err) });
      // Report the first failure's sequence number (ReportBatchItemFailures): records before it are checkpointed.
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
      break; // stream order matters: stop at the first failure
    }
  }
  return { batchItemFailures };
};

