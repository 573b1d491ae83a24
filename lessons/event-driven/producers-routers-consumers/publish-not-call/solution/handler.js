// POST /orders: {"orderId": "o-1", "items": [{"sku": "book", "qty": 1}], "email": "ana@example.com"}
// Publishes one OrderPlaced event; inventory, email and warehouse subscribe to it with their own rules,
// so none of them can slow down or fail the customer's request.
const bus = require('./bus'); // putEvents([{ Source, DetailType, Detail, EventBusName }])

exports.handler = async (event) => {
  const order = JSON.parse(event.body ?? '{}');
  if (!order.orderId) return { statusCode: 400, body: JSON.stringify({ error: 'orderId is required' }) };

  const result = await bus.putEvents([
    {
      EventBusName: 'shop',
      Source: 'shop.orders',
      DetailType: 'OrderPlaced',
      Detail: JSON.stringify(order), // PutEvents takes the detail as a JSON string
    },
  ]);
  // PutEvents can accept a request and still reject single entries: check FailedEntryCount.
  if (result.FailedEntryCount > 0) return { statusCode: 503, body: JSON.stringify({ error: 'try again' }) };

  // 202 Accepted: the order is recorded; the work it triggers happens asynchronously.
  return { statusCode: 202, body: JSON.stringify({ orderId: order.orderId }) };
};
