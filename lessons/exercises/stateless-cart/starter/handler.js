// Adds an item to the caller's cart and returns the cart: {"user": "ana", "item": "book"}.
// Each invocation stands for a different request; it may land on a warm sandbox that served someone else.
const cart = [];

exports.handler = async (event) => {
  cart.push(event.item);
  return { user: event.user, items: cart };
};
