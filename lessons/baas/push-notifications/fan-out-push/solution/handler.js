// Notifies every device of a user when an order ships:
// {"userId": "u-1", "tokens": ["phone-a", "tablet-b"], "title": "Shipped", "body": "Order o-7 is on its way"}
// Returns which tokens to delete from the user's device list and which to retry later.
const push = require('./pushService');

exports.handler = async (event) => {
  const notification = { title: event.title, body: event.body };
  let sent = 0;
  const remove = [];
  const retry = [];
  for (const token of event.tokens) {
    const result = push.send(token, notification);
    if (result.ok) sent += 1;
    // A dead token is permanent: drop it, or every later notification pays for it again.
    else if (result.error === 'UNREGISTERED') remove.push(token);
    // A transient error must not fail the whole event: a retry would re-notify the devices that got it.
    else retry.push(token);
  }
  return { sent, remove, retry };
};
