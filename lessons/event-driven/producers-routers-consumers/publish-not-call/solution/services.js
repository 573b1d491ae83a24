// Local stand-ins for three other teams' services, called directly over the network in the
// original design. Each call is recorded in directCalls.json in EXERCISE_STORE_DIR.
// Today the warehouse API is down: every call to it fails, as a real outage would.
const fs = require('node:fs');
const path = require('node:path');

const file = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'directCalls.json');
function record(service, orderId) {
  const calls = fs.existsSync(file()) ? JSON.parse(fs.readFileSync(file(), 'utf8')) : [];
  calls.push({ service, orderId });
  fs.writeFileSync(file(), JSON.stringify(calls));
}

exports.reserveStock = async (order) => record('inventory', order.orderId);
exports.sendConfirmation = async (order) => record('email', order.orderId);
exports.notifyWarehouse = async (order) => {
  record('warehouse', order.orderId);
  throw new Error('warehouse API timed out after 10000 ms');
};
