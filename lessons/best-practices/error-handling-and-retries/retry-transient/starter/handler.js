// Charges an order: {"orderId": "o-1", "amount": 30}. The payment API sometimes throttles
// (a transient error: error.retryable === true) and sometimes declines a card (permanent).
const { charge } = require('./paymentApi');

exports.handler = async (event) => {
  const result = await charge(event);
  return { statusCode: 200, body: JSON.stringify(result) };
};
