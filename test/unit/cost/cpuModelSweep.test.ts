import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { awsVcpuShare, billingGranularity, pickSweepPoints, projectDuration, runMemorySweep, type SweepPoint } from '../../../src/core/cost';

describe('cost: CPU model', () => {
  it('gives 1 vCPU at 1,769 MB (docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html)', () => {
    assert.equal(awsVcpuShare(1769), 1);
    assert.ok(Math.abs(awsVcpuShare(128) - 128 / 1769) < 1e-15);
  });

  it('scales only the CPU-bound part with the CPU share; waiting time stays', () => {
    const p = projectDuration({ measuredMs: 100, cpuBoundFraction: 0.6 }, 1769 / 2);
    assert.ok(Math.abs(p.cpuMs - 120) < 1e-9, 'half a vCPU doubles the CPU time');
    assert.equal(p.waitMs, 40);
    assert.ok(p.formula.includes('model'));
  });

  it('single-threaded code gains nothing beyond 1 vCPU; multi-threaded code does', () => {
    assert.equal(projectDuration({ measuredMs: 100, cpuBoundFraction: 1 }, 3538).durationMs, 100);
    assert.equal(projectDuration({ measuredMs: 100, cpuBoundFraction: 1, threads: 2, referenceVcpu: 2 }, 1769).durationMs, 200);
  });

  it('projected duration never increases with memory', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1e5, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 128, max: 10239 }), (ms, f, mem) => {
      assert.ok(projectDuration({ measuredMs: ms, cpuBoundFraction: f }, mem + 1).durationMs <= projectDuration({ measuredMs: ms, cpuBoundFraction: f }, mem).durationMs + 1e-9);
    }));
  });
});

describe('cost: memory sweep', () => {
  it('measures each size through the async callback and marks cheapest, fastest and balanced', async () => {
    const seen: number[] = [];
    const result = await runMemorySweep({
      memories: [128, 512, 1769, 3008],
      measure: async (mb) => {
        seen.push(mb);
        return { durationMs: projectDuration({ measuredMs: 100, cpuBoundFraction: 0.9 }, mb).durationMs, source: mb === 1769 ? 'measured' : 'projected' };
      },
      cost: (mb, ms) => (mb / 1024) * (ms / 1000) * 0.0000166667 * 1e6,
    });
    assert.deepEqual(seen, [128, 512, 1769, 3008]);
    assert.equal(result.points.find((p) => p.memoryMb === 1769)?.source, 'measured');
    assert.equal(result.fastestMb, 1769, 'ties on duration go to the cheaper size');
    assert.equal(result.cheapestMb, 128);
    assert.ok([512, 1769].includes(result.balancedMb));
  });

  it('stops when cancelled', async () => {
    const ctl = new AbortController();
    await assert.rejects(runMemorySweep({ memories: [128, 256], signal: ctl.signal, cost: () => 1, measure: async () => { ctl.abort(); return { durationMs: 1, source: 'measured' }; } }), /cancelled/);
  });

  it('balanced pick equals the cheapest when cost and time agree', () => {
    const pts: SweepPoint[] = [
      { memoryMb: 128, durationMs: 300, costUsd: 3, source: 'measured' },
      { memoryMb: 256, durationMs: 100, costUsd: 1, source: 'measured' },
    ];
    assert.deepEqual(pickSweepPoints(pts), { cheapestMb: 256, fastestMb: 256, balancedMb: 256 });
  });
});

describe('cost: billing granularity explainer', () => {
  it('bills a 23 ms run as 23 ms on AWS, 100 ms on Azure Consumption and Google, 1 s on Flex', () => {
    const rows = billingGranularity(23);
    assert.deepEqual(rows.map((r) => r.billedMs), [23, 100, 1000, 100]);
    assert.deepEqual(rows.map((r) => r.unusedMs), [0, 77, 977, 77]);
  });
});
