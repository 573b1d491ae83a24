// An HTTP handler behind API Gateway or a function URL.
// POST a JSON body such as {"name": "Ada"}; answer 200 {"greeting": "Hello, Ada"}.
// A missing name or a body that is not JSON must get 400 {"error": "..."}.
exports.handler = async (event) => {
  const name = event.body.name;
  return { body: { greeting: `Hello, ${name}` } };
};
