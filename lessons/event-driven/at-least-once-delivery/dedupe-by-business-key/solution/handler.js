// Target of the rule "OrderPlaced -> reserve stock". Receives EventBridge events:
//   {"id": "<event id>", "source": "shop.orders", "detail-type": "OrderPlaced", "detail": {"orderId": "o-1", "sku": "book", "qty": 1}}
// Reservations go to reservations.json in EXERCISE_STORE_DIR (a local stand-in for a table).
const fs = require('node:fs');
const path = require('node:path');

const file = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'reservations.json');
const readAll = () => (fs.existsSync(file()) ? JSON.parse(fs.readFileSync(file(), 'utf8')) : []);

exports.handler = async (event) => {
  // The idempotency key is the business key, kept in the store: a redelivery may reach a fresh
  // sandbox (so memory is not enough), and a producer that retries PutEvents creates a new event
  // id for the same order (so the event id is not enough). On AWS: a conditional write, e.g.
  // DynamoDB PutItem with ConditionExpression attribute_not_exists(orderId).
  const reservations = readAll();
  if (reservations.some((r) => r.orderId === event.detail.orderId)) return { reserved: false, duplicate: true };

  reservations.push({ orderId: event.detail.orderId, sku: event.detail.sku, qty: event.detail.qty });
  fs.writeFileSync(file(), JSON.stringify(reservations));
  return { reserved: true };
};
