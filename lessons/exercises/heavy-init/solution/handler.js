// Looks up a country's currency. connectToCatalog() stands for slow set-up such as creating an SDK
// client or loading a model: simulated here by blocking for 400 ms.
function connectToCatalog() {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400); // simulated slow set-up
  return new Map([['FR', 'EUR'], ['JP', 'JPY'], ['US', 'USD']]);
}

// Module scope runs once per sandbox, in the Init phase: warm invocations reuse the catalog.
const catalog = connectToCatalog();

exports.handler = async (event) => {
  return { country: event.country, currency: catalog.get(event.country) ?? null };
};
