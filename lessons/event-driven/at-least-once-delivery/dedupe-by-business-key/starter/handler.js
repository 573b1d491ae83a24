// Target of the rule "OrderPlaced -> reserve stock". Receives EventBridge events:
//   {"id": "<event id>", "source": "shop.orders", "detail-type": "OrderPlaced", "detail": {"orderId": "o-1", "sku": "book", "qty": 1}}
// Reservations go to reservations.json in EXERCISE_STORE_DIR (a local stand-in for a table).
const fs = require('node:fs');
const path = require('node:path');

const file = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'reservations.json');
const readAll = () => (fs.existsSync(file()) ? JSON.parse(fs.readFileSync(file(), 'utf8')) : []);

const seen = new Set(); // event ids already handled by this sandbox

exports.handler = async (event) => {
  if (seen.has(event.id)) return { reserved: false, duplicate: true };
  seen.add(event.id);

  const reservations = readAll();
  reservations.push({ orderId: event.detail.orderId, sku: event.detail.sku, qty: event.detail.qty });
  fs.writeFileSync(file(), JSON.stringify(reservations));
  return { reserved: true };
};
