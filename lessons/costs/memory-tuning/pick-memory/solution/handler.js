// Picks a memory size from a memory sweep, like AWS Lambda Power Tuning's "cost" and "speed" strategies.
// Input: { "measurements": [{ "memoryMb": 128, "durationMs": 1010 }, ...] } (one run per size)
// Output: { cheapest, fastest, costPerMillionUsd: { "<memoryMb>": usd, ... } }
// Prices: AWS Lambda, us-east-1, x86_64, checked 2026-11-27 (https://aws.amazon.com/lambda/pricing/).
const PRICE_PER_MILLION_REQUESTS = 0.2;
const PRICE_PER_GB_SECOND = 0.0000166667;

// Cost of one million invocations at this size: duration is billed rounded up to 1 ms, times GB.
function costPerMillion({ memoryMb, durationMs }) {
  const gbSeconds = 1000000 * (Math.ceil(durationMs) / 1000) * (memoryMb / 1024);
  return PRICE_PER_MILLION_REQUESTS + gbSeconds * PRICE_PER_GB_SECOND;
}

exports.handler = async (event) => {
  const rows = event.measurements.map((m) => ({ ...m, usd: costPerMillion(m) }));
  const costPerMillionUsd = Object.fromEntries(rows.map((r) => [r.memoryMb, r.usd]));
  // More memory also means more CPU, so a bigger size can finish fast enough to cost less.
  // On a tie in cost, the faster size wins.
  const byCost = [...rows].sort((a, b) => a.usd - b.usd || a.durationMs - b.durationMs);
  const bySpeed = [...rows].sort((a, b) => a.durationMs - b.durationMs || a.usd - b.usd);
  return { cheapest: byCost[0].memoryMb, fastest: bySpeed[0].memoryMb, costPerMillionUsd };
};
