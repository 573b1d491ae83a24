import { strict as assert } from 'node:assert';
import { awsBill, awsPricing, compareProviders, CostInputError, estimateCost, type AwsPrices, type CostBreakdown } from '../../../src/core/cost';

const cents = (usd: number) => Math.round(usd * 100) / 100;
const line = (b: CostBreakdown, id: string) => {
  const found = b.lines.find((l) => l.id === id);
  assert.ok(found, `line ${id} missing`);
  return found;
};
const sum = (b: CostBreakdown) => Object.values(b.items).reduce((a, c) => a + c, 0);

// Worked examples from https://aws.amazon.com/lambda/pricing/ (US East, read 2026-11-26 from a stored copy).
describe('cost: AWS pricing page worked examples', () => {
  it('Example 1 (512 MB, 3M invocations, 1 s) at the example\'s stated $0.00001667/GB-s: compute $18.34 + requests $0.40 = $18.74', () => {
    // The page's example rounds the unit price to $0.00001667; its price table says $0.0000166667.
    const example = { ...awsPricing.durationTiers.x86_64[0].price, value: 0.00001667 };
    const prices: AwsPrices = { ...awsPricing, durationTiers: { ...awsPricing.durationTiers, x86_64: [{ upTo: Infinity, price: example }, { upTo: Infinity, price: example }, { upTo: Infinity, price: example }] } };
    const bill = awsBill({ provider: 'aws', memoryMb: 512, durationMs: 1000, invocations: 3_000_000 }, prices);
    assert.equal(cents(line(bill, 'compute').net), 18.34);
    assert.equal(cents(line(bill, 'requests').net), 0.4);
    assert.equal(cents(bill.total), 18.74);
  });

  it('Example 1 at the price table\'s $0.0000166667/GB-s comes to $18.73 (one cent below the page, which rounds the unit price)', () => {
    const bill = estimateCost({ provider: 'aws', memoryMb: 512, durationMs: 1000, invocations: 3_000_000 });
    assert.equal(cents(line(bill, 'compute').net), 18.33);
    assert.equal(cents(bill.total), 18.73);
    assert.ok(Math.abs(bill.total - (1_100_000 * 0.0000166667 + 0.4)) < 1e-9);
  });

  it('Example 2 (128 MB, 30M invocations, 200 ms): compute $5.83 + requests $5.80 = $11.63', () => {
    const bill = estimateCost({ provider: 'aws', memoryMb: 128, durationMs: 200, invocations: 30_000_000 });
    assert.equal(cents(line(bill, 'compute').net), 5.83);
    assert.equal(cents(line(bill, 'requests').net), 5.8);
    assert.equal(cents(bill.total), 11.63);
  });

  // Provisioned Concurrency Example 1 on the same page: 1024 MB, 1,000 PC for 2 hours, 1.2M invocations
  // of 1 s: PC 7.2M GB-s × $0.0000041667 = $30.00, requests $0.24, duration 1.2M GB-s × $0.0000097222 =
  // $11.67, total $41.91. (Stored copy truncated before the figures; these are as recalled, and they
  // follow from the published unit prices.)
  it('Provisioned concurrency example (1024 MB, 1,000 PC, 2 h, 1.2M × 1 s): $30.00 + $0.24 + $11.67 = $41.91', () => {
    const bill = estimateCost({ provider: 'aws', memoryMb: 1024, durationMs: 1000, invocations: 1_200_000, provisionedConcurrency: 1000, provisionedHours: 2 });
    assert.equal(cents(bill.items.provisioned), 30);
    assert.equal(cents(bill.items.requests), 0.24);
    assert.equal(cents(bill.items.compute), 11.67);
    assert.equal(bill.items.freeTier, 0, 'the free tier does not apply with provisioned concurrency');
    assert.equal(cents(bill.total), 41.91);
  });
});

describe('cost: AWS rules', () => {
  it('bills INIT under the 2025 rule as ceil(duration + init), like the docs\' REPORT line (15.74 + 130.49 → 147 ms)', () => {
    const withInit = estimateCost({ provider: 'aws', memoryMb: 1024, durationMs: 15.74, invocations: 1000, coldFraction: 1, initMs: 130.49, freeTier: false });
    const legacy = estimateCost({ provider: 'aws', memoryMb: 1024, durationMs: 15.74, invocations: 1000, coldFraction: 1, initMs: 130.49, freeTier: false, initBilling: 'legacy' });
    const gbsPerMs = 1000 / 1000; // 1000 invocations × 1 GB ÷ 1000 ms/s
    assert.ok(Math.abs(withInit.items.compute + withInit.items.init - 147 * gbsPerMs * 0.0000166667) < 1e-12);
    assert.ok(Math.abs(legacy.items.compute - 16 * gbsPerMs * 0.0000166667) < 1e-12);
    assert.equal(legacy.items.init, 0);
  });

  it('uses arm64 prices for arm64', () => {
    const bill = estimateCost({ provider: 'aws', arch: 'arm64', memoryMb: 1024, durationMs: 1000, invocations: 1000, freeTier: false });
    assert.ok(Math.abs(bill.items.compute - 1000 * 0.0000133334) < 1e-12);
  });

  it('rounds provisioned hours up to 5 minutes and spills overflow to on demand', () => {
    const a = estimateCost({ provider: 'aws', memoryMb: 1024, durationMs: 1000, invocations: 0, provisionedConcurrency: 1, provisionedHours: 1 / 60 });
    assert.ok(Math.abs(a.items.provisioned - 300 * 0.0000041667) < 1e-12, '1 minute bills as 5');
    const b = estimateCost({ provider: 'aws', memoryMb: 1024, durationMs: 1000, invocations: 7200, provisionedConcurrency: 1, provisionedHours: 1 });
    assert.ok(Math.abs(b.items.compute - (3600 * 0.0000097222 + 3600 * 0.0000166667)) < 1e-9);
  });

  it('charges ephemeral storage above 512 MB per GB-s of billed duration', () => {
    const bill = estimateCost({ provider: 'aws', memoryMb: 1024, durationMs: 1000, invocations: 1000, ephemeralStorageMb: 1536 });
    assert.ok(Math.abs(bill.items.storage - 1 * 1000 * 0.0000000309) < 1e-15);
  });

  it('rounds each measured sample up to 1 ms separately', () => {
    const bill = estimateCost({ provider: 'aws', memoryMb: 1024, durationMs: [0.2, 1.2], invocations: 2000, freeTier: false });
    assert.equal(bill.billing.billedMs, 1.5);
    assert.ok(Math.abs(bill.billing.unusedMs - 0.8) < 1e-12);
  });
});

describe('cost: Azure and Google rules (hand-computed from the documented rules, not published examples)', () => {
  it('Azure Consumption bills observed memory rounded up to 128 MB and at least 100 ms', () => {
    const bill = estimateCost({ provider: 'azure', memoryMb: 1536, observedMemoryMb: 130, durationMs: 20, invocations: 1_000_000, freeTier: false });
    assert.equal(bill.billing.billedMemoryMb, 256);
    assert.equal(bill.billing.billedMs, 100);
    assert.ok(Math.abs(bill.items.compute - 1e6 * 0.1 * 0.25 * 0.000016) < 1e-9);
    assert.ok(Math.abs(bill.items.requests - 0.2) < 1e-12);
  });

  it('Azure Consumption with the free grant: 3M × 1 s at 512 MB = 1.1M billable GB-s × $0.000016 + 2M × $0.20/M = $18.00', () => {
    const bill = estimateCost({ provider: 'azure', memoryMb: 512, durationMs: 1000, invocations: 3_000_000 });
    assert.equal(cents(bill.total), 18);
  });

  it('Azure Consumption estimates carry the Linux retirement notice (30 September 2028, Flex recommended); Flex ones do not', () => {
    const base = { provider: 'azure' as const, memoryMb: 512, durationMs: 100, invocations: 1_000_000 };
    assert.ok(estimateCost({ ...base, plan: 'consumption' }).notes.some((n) => /retires on 30 September 2028.*Flex Consumption/.test(n)));
    assert.ok(!estimateCost({ ...base, plan: 'flex' }).notes.some((n) => /2028/.test(n)));
  });

  it('Azure Flex bills 1 s minimum then 100 ms steps on the instance memory', () => {
    const short = estimateCost({ provider: 'azure', plan: 'flex', memoryMb: 2048, durationMs: 20, invocations: 1000, freeTier: false });
    const long = estimateCost({ provider: 'azure', plan: 'flex', memoryMb: 2048, durationMs: 1001, invocations: 1000, freeTier: false });
    assert.equal(short.billing.billedMs, 1000);
    assert.equal(long.billing.billedMs, 1100);
    assert.ok(Math.abs(short.items.compute - 1000 * 1 * 2 * 0.000026) < 1e-12);
  });

  it('Google bills vCPU-s and GiB-s of the memory setting, rounded up to 100 ms', () => {
    const bill = estimateCost({ provider: 'gcp', memoryMb: 256, durationMs: 120, invocations: 1_000_000, freeTier: false });
    assert.equal(bill.billing.billedMs, 200);
    assert.ok(Math.abs(bill.items.compute - 200_000 * (0.167 * 0.000024 + 0.25 * 0.0000025)) < 1e-9);
    assert.ok(Math.abs(bill.items.requests - 0.4) < 1e-12);
  });

  it('Google free tier covers 2M requests and 180,000 vCPU-s / 360,000 GiB-s', () => {
    const bill = estimateCost({ provider: 'gcp', memoryMb: 1024, durationMs: 100, invocations: 2_000_000 });
    assert.equal(cents(bill.total), 0);
    assert.ok(bill.items.freeTier < 0);
  });
});

describe('cost: breakdown shape and validation', () => {
  it('items always add up to the total and every item is present', () => {
    const bill = estimateCost({ provider: 'aws', memoryMb: 2048, durationMs: [12, 40, 300], invocations: 5_000_000, coldFraction: 0.02, initMs: 180, ephemeralStorageMb: 2048 });
    assert.deepEqual(Object.keys(bill.items).sort(), ['compute', 'freeTier', 'init', 'provisioned', 'requests', 'storage']);
    assert.ok(Math.abs(sum(bill) - bill.total) < 1e-9);
    assert.ok(bill.lines.every((l) => l.formula.includes('=')), 'every line shows its formula');
  });

  it('rejects arm64 on Azure, AWS memory out of range and negative counts with clear messages', () => {
    assert.throws(() => estimateCost({ provider: 'azure', arch: 'arm64', memoryMb: 512, durationMs: 10, invocations: 1 }), (e: unknown) => e instanceof CostInputError && /arm64/.test(e.message));
    assert.throws(() => estimateCost({ provider: 'aws', memoryMb: 64, durationMs: 10, invocations: 1 }), /128 to 10,240/);
    assert.throws(() => estimateCost({ provider: 'aws', memoryMb: 128, durationMs: 10, invocations: -1 }), /Invocations/);
    assert.throws(() => estimateCost({ provider: 'gcp', memoryMb: 128, durationMs: 10, invocations: 1, provisionedConcurrency: 2, provisionedHours: 1 }), /AWS Lambda feature/);
  });

  it('compareProviders prices the same workload on all three providers', () => {
    const all = compareProviders({ memoryMb: 3008, durationMs: 250, invocations: 10_000_000, observedMemoryMb: 90 });
    assert.equal(all.aws.provider, 'aws');
    assert.equal(all.azure.billing.billedMemoryMb, 128, 'Azure bills the observed peak');
    assert.equal(all.gcp.billing.billedMemoryMb, 4096, 'Google bills the next memory setting');
  });
});

describe('cost: AWS duration tiers', () => {
  it('prices 7B GB-s as 6B at the first tier and 1B at the second, and writes both out', () => {
    // 7e9 GB-s: 10,240 MB (10 GB) × 700,000,000 s → 70M invocations of 10 s.
    const bill = estimateCost({ provider: 'aws', memoryMb: 10240, durationMs: 10_000, invocations: 70_000_000, freeTier: false });
    assert.ok(Math.abs(bill.items.compute - (6e9 * 0.0000166667 + 1e9 * 0.000015)) < 1e-3);
    assert.match(line(bill, 'compute').formula, /6,000,000,000 GB-s × \$0\.0000166667 \+ 1,000,000,000 GB-s × \$0\.000015/);
  });
});
