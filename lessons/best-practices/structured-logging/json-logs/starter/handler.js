// Places an order from an API Gateway request: body {"orderId": "o-1", "amount": 30}.
// The client sends a correlation id in the `x-correlation-id` header; the logs should carry it.
exports.handler = async (event, context) => {
  const order = JSON.parse(event.body);
  console.log('Placing order ' + order.orderId + ' for ' + order.amount);
  // ... charge the card, save the order ...
  console.log('Order placed');
  return { statusCode: 201, body: JSON.stringify({ orderId: order.orderId }) };
};
