import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const runner = path.join(__dirname, 'runCostCli.ts');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', runner, 'cost', ...args], { cwd: root, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('cost: CLI', function () {
  this.timeout(30_000);

  it('reproduces AWS Example 2 to the cent with --json (128 MB, 30M, 200 ms → $11.63)', () => {
    const r = cli('--provider', 'aws', '--memory', '128', '--duration-ms', '200', '--invocations', '30000000', '--json');
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    assert.equal(json.currency, 'USD');
    assert.equal(Math.round(json.total * 100) / 100, 11.63);
    assert.deepEqual(Object.keys(json).sort(), ['currency', 'items', 'total']);
    assert.deepEqual(Object.keys(json.items).sort(), ['compute', 'freeTier', 'init', 'provisioned', 'requests', 'storage']);
  });

  it('reproduces the AWS provisioned concurrency example ($41.91) and prints an itemised bill', () => {
    const r = cli('--provider', 'aws', '--memory', '1024', '--duration-ms', '1000', '--invocations', '1200000', '--provisioned-concurrency', '1000', '--provisioned-hours', '2');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Provisioned concurrency\s+\$30\.00/);
    assert.match(r.out, /Total\s+\$41\.91/);
    assert.match(r.out, /7,200,000 GB-s × \$0\.0000041667/);
  });

  it('without --free-tier flags applies the free tier; --no-free-tier removes it', () => {
    const args = ['--provider', 'aws', '--memory', '512', '--duration-ms', '1000', '--invocations', '3000000', '--json'];
    const withFree = JSON.parse(cli(...args).out);
    const without = JSON.parse(cli(...args, '--no-free-tier').out);
    assert.ok(withFree.items.freeTier < 0);
    assert.equal(without.items.freeTier, 0);
    assert.ok(without.total > withFree.total);
  });

  for (const [name, args, pattern] of [
    ['arm64 on Azure', ['--provider', 'azure', '--arch', 'arm64', '--memory', '512', '--duration-ms', '10', '--invocations', '1'], /arm64/],
    ['AWS memory above 10,240 MB', ['--provider', 'aws', '--memory', '20000', '--duration-ms', '10', '--invocations', '1'], /128 to 10,240/],
    ['a negative invocation count', ['--provider', 'gcp', '--memory', '256', '--duration-ms', '10', '--invocations', '-5'], /Invocations/],
    ['a non-numeric duration', ['--provider', 'aws', '--memory', '256', '--duration-ms', '12abc', '--invocations', '5'], /--duration-ms must be a number/],
    ['--init-ms without --cold-fraction', ['--provider', 'aws', '--memory', '256', '--duration-ms', '10', '--invocations', '5', '--init-ms', '100'], /go together/],
    ['provisioned concurrency on Google', ['--provider', 'gcp', '--memory', '256', '--duration-ms', '10', '--invocations', '5', '--provisioned-concurrency', '2', '--provisioned-hours', '3'], /AWS Lambda feature/],
    ['an unknown provider', ['--provider', 'ibm', '--memory', '256', '--duration-ms', '10', '--invocations', '5'], /Allowed choices/],
    ['a missing --memory', ['--provider', 'aws', '--duration-ms', '10', '--invocations', '5'], /--memory/],
  ] as const) {
    it(`exits 2 with a clear message for ${name}`, () => {
      const r = cli(...args);
      assert.equal(r.code, 2, `stdout: ${r.out}\nstderr: ${r.err}`);
      assert.match(r.err, pattern);
      assert.equal(r.out, '');
    });
  }
});
