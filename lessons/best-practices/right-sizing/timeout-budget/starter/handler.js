// GET /stock/{sku}: asks the inventory service. The function's timeout is 3 seconds (Lambda's
// default); the inventory service usually answers in 50 ms, but sometimes hangs for much longer.
// Event: { "sku": "sku-1", "delayMs": 50 } (delayMs simulates the service's response time).
const { checkStock } = require('./inventoryApi');

exports.handler = async (event, context) => {
  const stock = await checkStock(event.sku, { delayMs: event.delayMs });
  return { statusCode: 200, body: JSON.stringify(stock) };
};
