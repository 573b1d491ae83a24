// Reserves stock for an order. Invoked by the OrderPlaced rule directly (asynchronously), so the
// event is the EventBridge event itself. reserved.json in EXERCISE_STORE_DIR stands in for a table.
const fs = require('node:fs');
const path = require('node:path');

const file = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'reserved.json');

exports.handler = async (event) => {
  const { orderId } = event.detail;
  const reserved = fs.existsSync(file()) ? JSON.parse(fs.readFileSync(file(), 'utf8')) : [];
  reserved.push(orderId);
  fs.writeFileSync(file(), JSON.stringify(reserved));
  console.log(JSON.stringify({ level: 'INFO', message: 'stock reserved', orderId }));
};
