// Places an order from an API Gateway request: body {"orderId": "o-1", "amount": 30}.
// The client sends a correlation id in the `x-correlation-id` header; the logs should carry it.

// One JSON object per line: CloudWatch Logs Insights (and every log tool) can filter on its fields.
function log(level, message, fields) {
  console.log(JSON.stringify({ level, message, ...fields }));
}

exports.handler = async (event, context) => {
  const headers = event.headers ?? {};
  // Keep the caller's id so one request can be followed across services; start one if there is none.
  const correlationId = headers['x-correlation-id'] ?? context.awsRequestId;
  const order = JSON.parse(event.body);
  log('INFO', 'placing order', { correlationId, orderId: order.orderId, amount: order.amount });
  // ... charge the card, save the order ...
  // A metric in CloudWatch Embedded Metric Format: CloudWatch turns this log line into a metric.
  console.log(JSON.stringify({
    _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: 'Shop', Dimensions: [[]], Metrics: [{ Name: 'OrdersPlaced', Unit: 'Count' }] }] },
    OrdersPlaced: 1,
    correlationId,
  }));
  log('INFO', 'order placed', { correlationId, orderId: order.orderId });
  return {
    statusCode: 201,
    headers: { 'x-correlation-id': correlationId },
    body: JSON.stringify({ orderId: order.orderId }),
  };
};
