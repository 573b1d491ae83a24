// Reserves stock for an order. Invoked by the OrderPlaced rule directly (asynchronously), so the
// event is the EventBridge event itself. reserved.jsonl in EXERCISE_STORE_DIR stands in for a table:
// one line appended per reservation, so two sandboxes reserving at once never lose each other's write.
const fs = require('node:fs');
const path = require('node:path');

const file = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'reserved.jsonl');

exports.handler = async (event) => {
  const { orderId } = event.detail;
  fs.appendFileSync(file(), `${JSON.stringify(orderId)}\n`);
  console.log(JSON.stringify({ level: 'INFO', message: 'stock reserved', orderId }));
};
