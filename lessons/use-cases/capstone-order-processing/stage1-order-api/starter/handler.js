// Capstone stage 1: POST /orders behind an HTTP API (payload 2.0).
//   body: {"email": "ana@example.com", "items": [{"sku": "book", "qty": 2}]}
// Publishes OrderPlaced (source "shop.orders") with the order, including its total, and answers 202.
const crypto = require('node:crypto');
const bus = require('./bus'); // putEvents([{ EventBusName, Source, DetailType, Detail }]), a local stand-in

const PRICES = { book: 12.5, pen: 1.2, mug: 8 }; // the catalogue: unit prices in EUR
const reply = (statusCode, body) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

exports.handler = async (event) => {
  let input;
  try {
    input = JSON.parse(event.body ?? '');
  } catch {
    return reply(400, { error: 'body must be JSON' });
  }
  if (!input.email || !Array.isArray(input.items) || input.items.length === 0) {
    return reply(400, { error: 'email and at least one item are required' });
  }

  const order = { orderId: crypto.randomUUID(), email: input.email, items: input.items, total: input.total };
  await bus.putEvents([{ EventBusName: 'default', Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify(order) }]);
  return reply(202, { orderId: order.orderId });
};
