// Capstone stage 2: the order worker. Each SQS message body is the EventBridge event the rule
// forwarded: {"source": "shop.orders", "detail-type": "OrderPlaced", "detail": {"orderId", "email", "items", "total"}}.
// Writes one row per order to the orders table (locally: orders.json in EXERCISE_STORE_DIR).
const fs = require('node:fs');
const path = require('node:path');

const file = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'orders.json');
const readOrders = () => (fs.existsSync(file()) ? JSON.parse(fs.readFileSync(file(), 'utf8')) : []);

function saveOrder(order) {
  if (!order.orderId) throw new Error('order without orderId');
  const orders = readOrders();
  orders.push({ orderId: order.orderId, email: order.email, total: order.total, status: 'received' });
  fs.writeFileSync(file(), JSON.stringify(orders));
}

exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      saveOrder(JSON.parse(record.body).detail);
    } catch {
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
