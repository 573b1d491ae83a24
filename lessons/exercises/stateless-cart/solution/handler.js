// Adds an item to the caller's cart and returns the cart: {"user": "ana", "item": "book"}.
// Each invocation stands for a different request; it may land on a warm sandbox that served someone else.
// Request data lives inside the handler; anything that must outlive a request belongs in a store keyed by user.
exports.handler = async (event) => {
  const cart = [event.item];
  return { user: event.user, items: cart };
};
