// A monthly AWS Lambda estimate (x86_64, us-east-1, on-demand, prices checked 2026-11-27 at
// https://aws.amazon.com/lambda/pricing/). Input:
//   { "requestsPerMonth": 3000000, "durationMs": 120, "memoryMb": 512, "freeTier": true }
// Output: { gbSeconds, requestsUsd, computeUsd, totalUsd } (USD, not rounded).
const PRICE_PER_MILLION_REQUESTS = 0.2;
const PRICE_PER_GB_SECOND = 0.0000166667;
const FREE_REQUESTS = 1000000;
const FREE_GB_SECONDS = 400000;

exports.handler = async (event) => {
  const { requestsPerMonth, durationMs, memoryMb } = event;
  const gbSeconds = requestsPerMonth * durationMs * memoryMb;
  const requestsUsd = (requestsPerMonth / 1000000) * PRICE_PER_MILLION_REQUESTS;
  const computeUsd = gbSeconds * PRICE_PER_GB_SECOND;
  return { gbSeconds, requestsUsd, computeUsd, totalUsd: requestsUsd + computeUsd };
};
