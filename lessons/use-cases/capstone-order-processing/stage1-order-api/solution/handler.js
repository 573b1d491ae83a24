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
  if (!input || !input.email || !Array.isArray(input.items) || input.items.length === 0) {
    return reply(400, { error: 'email and at least one item are required' });
  }
  for (const item of input.items) {
    if (!(item.sku in PRICES)) return reply(400, { error: `unknown sku ${item.sku}` });
    if (!Number.isInteger(item.qty) || item.qty < 1) return reply(400, { error: `qty of ${item.sku} must be a whole number of at least 1` });
  }

  // The price comes from our catalogue, never from the client: anyone can edit a request body.
  const cents = input.items.reduce((sum, item) => sum + Math.round(PRICES[item.sku] * 100) * item.qty, 0);
  const items = input.items.map((item) => ({ sku: item.sku, qty: item.qty }));
  const order = { orderId: crypto.randomUUID(), email: input.email, items, total: cents / 100 };
  const result = await bus.putEvents([{ EventBusName: 'default', Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify(order) }]);
  if (result.FailedEntryCount > 0) return reply(503, { error: 'could not accept the order, try again' });
  return reply(202, { orderId: order.orderId });
};
