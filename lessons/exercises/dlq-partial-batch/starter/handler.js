// Ships the orders of one SQS batch. Each record's body is the EventBridge "OrderPlaced" event;
// an order with a quantity below 1 is invalid and cannot be shipped.
// Shipped orders are recorded in shipped.json in EXERCISE_STORE_DIR (a local stand-in for a table).
const fs = require('node:fs');
const path = require('node:path');

const storeFile = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'shipped.json');

function ship(order) {
  if (!(order.quantity >= 1)) throw new Error(`order ${order.orderId}: quantity must be at least 1`);
  const shipped = fs.existsSync(storeFile()) ? JSON.parse(fs.readFileSync(storeFile(), 'utf8')) : [];
  shipped.push(order.orderId);
  fs.writeFileSync(storeFile(), JSON.stringify(shipped));
}

exports.handler = async (event) => {
  for (const record of event.Records) {
    const order = JSON.parse(record.body).detail;
    ship(order);
  }
};
