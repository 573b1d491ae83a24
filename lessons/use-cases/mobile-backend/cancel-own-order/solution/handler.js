// POST /orders/{id}/cancel, called by the mobile app with the user's access token. The API's JWT
// authorizer has verified the token; its claims are in requestContext.authorizer.jwt.claims.
// This function talks to the database with the service-role key (it must update rows the app
// cannot), so row-level security does NOT apply to it.
// Local stand-ins: orders.seed.json beside this file is the orders table; cancellations are
// appended to cancellations.json in EXERCISE_STORE_DIR.
const fs = require('node:fs');
const path = require('node:path');

const orders = () => JSON.parse(fs.readFileSync(path.join(__dirname, 'orders.seed.json'), 'utf8'));
function recordCancellation(order, userId) {
  const file = path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'cancellations.json');
  const all = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : [];
  all.push({ orderId: order.id, by: userId });
  fs.writeFileSync(file, JSON.stringify(all));
}
const reply = (statusCode, body) => ({ statusCode, body: JSON.stringify(body) });

exports.handler = async (event) => {
  const userId = event.requestContext?.authorizer?.jwt?.claims?.sub;
  if (!userId) return reply(401, { error: 'sign in first' });
  // With the service role, this check IS the policy: RLS no longer filters the rows for us.
  // Someone else's order answers 404, exactly like a missing one, so ids cannot be probed.
  const order = orders().find((o) => o.id === event.pathParameters?.id && o.userId === userId);
  if (!order) return reply(404, { error: 'no such order' });
  if (order.status !== 'received') return reply(409, { error: `an order that is ${order.status} cannot be cancelled` });

  recordCancellation(order, userId);
  return reply(200, { orderId: order.id, status: 'cancelled' });
};
