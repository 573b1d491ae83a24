// An HTTP handler behind API Gateway or a function URL.
// POST a JSON body such as {"name": "Ada"}; answer 200 {"greeting": "Hello, Ada"}.
// A missing name or a body that is not JSON must get 400 {"error": "..."}.
const reply = (statusCode, data) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(data),
});

exports.handler = async (event) => {
  let input;
  try {
    input = JSON.parse(event.body ?? '');
  } catch {
    return reply(400, { error: 'The body must be JSON, e.g. {"name": "Ada"}' });
  }
  if (typeof input?.name !== 'string' || input.name === '') return reply(400, { error: 'Give a non-empty "name"' });
  return reply(200, { greeting: `Hello, ${input.name}` });
};
