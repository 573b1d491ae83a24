// POST /orders: {"orderId": "o-1", "items": [{"sku": "book", "qty": 1}], "email": "ana@example.com"}
// Today it calls three services directly, so it waits for all of them and fails when any one fails.
// Goal: publish one OrderPlaced event (source "shop.orders") to the bus and let the services subscribe.
const services = require('./services');
const bus = require('./bus'); // putEvents([{ Source, DetailType, Detail, EventBusName }])

exports.handler = async (event) => {
  const order = JSON.parse(event.body ?? '{}');
  if (!order.orderId) return { statusCode: 400, body: JSON.stringify({ error: 'orderId is required' }) };

  await services.reserveStock(order);
  await services.sendConfirmation(order);
  await services.notifyWarehouse(order);

  return { statusCode: 201, body: JSON.stringify({ orderId: order.orderId }) };
};
