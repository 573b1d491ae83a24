// A stand-in for a slow inventory service (do not edit). `delayMs` in the event sets how long it
// takes to answer. Pass { signal } to give up waiting: the promise then rejects with an AbortError.
function checkStock(sku, { delayMs = 50, signal } = {}) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve({ sku, inStock: true }), delayMs);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason ?? new Error('aborted'));
    });
  });
}

module.exports = { checkStock };
