import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { estimateCost, type CostInput } from '../../../src/core/cost';

// Arbitrary valid inputs for each provider/plan, so properties cover every model.
const common = {
  durationMs: fc.array(fc.double({ min: 0, max: 60_000, noNaN: true }), { minLength: 1, maxLength: 5 }),
  invocations: fc.integer({ min: 0, max: 200_000_000 }),
  coldFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  initMs: fc.double({ min: 0, max: 10_000, noNaN: true }),
  freeTier: fc.boolean(),
};
const aws = fc.record({ ...common, provider: fc.constant('aws' as const), arch: fc.constantFrom('x86_64' as const, 'arm64' as const), memoryMb: fc.integer({ min: 128, max: 10240 }) });
const awsPc = fc.record({ ...common, provider: fc.constant('aws' as const), memoryMb: fc.integer({ min: 128, max: 10240 }), provisionedConcurrency: fc.integer({ min: 0, max: 500 }), provisionedHours: fc.double({ min: 0, max: 744, noNaN: true }) });
const azure = fc.record({ ...common, provider: fc.constant('azure' as const), plan: fc.constant('consumption' as const), memoryMb: fc.integer({ min: 128, max: 1536 }), observedMemoryMb: fc.integer({ min: 1, max: 1536 }) });
const flex = fc.record({ ...common, provider: fc.constant('azure' as const), plan: fc.constant('flex' as const), memoryMb: fc.constantFrom(512, 2048, 4096) });
const gcp = fc.record({ ...common, provider: fc.constant('gcp' as const), memoryMb: fc.integer({ min: 128, max: 32768 }) });
const anyInput: fc.Arbitrary<CostInput> = fc.oneof(aws, awsPc, azure, flex, gcp);

const EPS = 1e-9;

describe('cost: properties (fast-check)', () => {
  it('never returns a negative total or a negative charge, and the free tier is never positive', () => {
    fc.assert(fc.property(anyInput, (input) => {
      const bill = estimateCost(input);
      assert.ok(bill.total >= 0);
      for (const l of bill.lines) {
        if (l.id === 'freeTier') assert.ok(l.usd <= 0);
        else assert.ok(l.usd >= 0 && l.net >= 0 && l.net <= l.usd + EPS);
      }
    }));
  });

  it('items add up to the total', () => {
    fc.assert(fc.property(anyInput, (input) => {
      const bill = estimateCost(input);
      const sum = Object.values(bill.items).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - bill.total) <= EPS * Math.max(1, bill.total));
    }));
  });

  it('the free tier never makes a bill more expensive', () => {
    fc.assert(fc.property(anyInput, (input) => {
      assert.ok(estimateCost({ ...input, freeTier: true }).total <= estimateCost({ ...input, freeTier: false }).total + EPS);
    }));
  });

  it('cost never decreases when invocations grow', () => {
    fc.assert(fc.property(anyInput, fc.integer({ min: 0, max: 50_000_000 }), (input, extra) => {
      assert.ok(estimateCost({ ...input, invocations: input.invocations + extra }).total + EPS >= estimateCost(input).total);
    }));
  });

  it('cost never decreases when every duration grows', () => {
    fc.assert(fc.property(anyInput, fc.double({ min: 0, max: 5000, noNaN: true }), (input, extra) => {
      const longer = (input.durationMs as number[]).map((d) => d + extra);
      assert.ok(estimateCost({ ...input, durationMs: longer }).total + EPS >= estimateCost(input).total);
    }));
  });

  it('cost never decreases with a higher cold-start fraction', () => {
    fc.assert(fc.property(anyInput, fc.double({ min: 0, max: 1, noNaN: true }), (input, more) => {
      const cold = Math.min(1, (input.coldFraction ?? 0) + more);
      assert.ok(estimateCost({ ...input, coldFraction: cold }).total + EPS >= estimateCost(input).total);
    }));
  });

  it('billed time per invocation is never less than the actual duration', () => {
    fc.assert(fc.property(anyInput, (input) => {
      const { billing } = estimateCost(input);
      assert.ok(billing.unusedMs >= -EPS);
    }));
  });
});
