// POST /orders {"orderId": "o-1", "email": "ana@example.com", "amount": 30}.
// The JSON files in EXERCISE_STORE_DIR stand in for other services: orders.json (a table),
// emails.json (a mail service) and events.json (an EventBridge bus).
const fs = require('node:fs');
const path = require('node:path');

function append(name, item) {
  const file = path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', `${name}.json`);
  const items = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : [];
  items.push(item);
  fs.writeFileSync(file, JSON.stringify(items));
}

const saveOrder = (order) => append('orders', order);
const publish = (detailType, detail) => append('events', { source: 'shop.orders', 'detail-type': detailType, detail });

// This function's one job is to accept an order. The receipt is another function's job: it
// subscribes to OrderPlaced, and its failures and retries no longer touch this request.
exports.handler = async (event) => {
  const order = JSON.parse(event.body);
  saveOrder(order);
  publish('OrderPlaced', { orderId: order.orderId, email: order.email, amount: order.amount });
  return { statusCode: 201, body: JSON.stringify({ orderId: order.orderId }) };
};
