// {{name}}: EventBridge rule target for a custom event. Single responsibility: handle "OrderPlaced".
// Module scope runs once per sandbox (cold start): create SDK clients here so warm calls reuse them.
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';

function log(level, message, fields) {
  console.log(JSON.stringify({ level, message, service: SERVICE, ...fields }));
}

exports.handler = async (event, context) => {
  {{cursor}}const { orderId, total } = event.detail;
  // The rule's pattern filters by source and detail-type, but validate the detail you depend on.
  if (typeof orderId !== 'string' || typeof total !== 'number') {
    throw new Error(`invalid ${event['detail-type']} detail from ${event.source}`); // async target: EventBridge retries, then the DLQ
  }
  // Delivery is at least once: make side effects idempotent on event.id.
  log('info', 'order placed', { requestId: context.awsRequestId, eventId: event.id, orderId, total });
  return { orderId, accepted: true };
};

