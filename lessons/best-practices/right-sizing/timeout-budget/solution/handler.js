// GET /stock/{sku}: asks the inventory service. The function's timeout is 3 seconds (Lambda's
// default); the inventory service usually answers in 50 ms, but sometimes hangs for much longer.
// Event: { "sku": "sku-1", "delayMs": 50 } (delayMs simulates the service's response time).
const { checkStock } = require('./inventoryApi');

// Time kept back to answer the caller after giving up on the dependency.
const RESERVE_MS = 500;

exports.handler = async (event, context) => {
  // The dependency's timeout is derived from the function's: it must give up first, so that the
  // function can still answer instead of being killed mid-request.
  const budgetMs = context.getRemainingTimeInMillis() - RESERVE_MS;
  try {
    const stock = await checkStock(event.sku, { delayMs: event.delayMs, signal: AbortSignal.timeout(budgetMs) });
    return { statusCode: 200, body: JSON.stringify(stock) };
  } catch (error) {
    console.log(JSON.stringify({ level: 'WARN', message: 'inventory timed out', sku: event.sku, budgetMs }));
    return { statusCode: 503, headers: { 'retry-after': '5' }, body: JSON.stringify({ error: 'inventory unavailable, try again' }) };
  }
};
