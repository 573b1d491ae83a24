// A minimal Lambda-style handler. Module-level code runs once per sandbox (the "function init"
// phase of a cold start); the handler runs on every invocation.
const startedAt = new Date().toISOString();
let invocations = 0;

exports.handler = async (event) => {
  invocations += 1;
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: `Hello, ${event?.name ?? 'world'}!`, sandboxStartedAt: startedAt, invocationsInThisSandbox: invocations }),
  };
};
