// The GitHub Actions workflow cannot run here; this keeps it valid: real YAML, the three OSes,
// and steps that name scripts package.json really has.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../../..');

interface Step { uses?: string; run?: string; if?: string; with?: Record<string, unknown> }
interface Workflow { on: unknown; jobs: Record<string, { 'runs-on': string; strategy?: { matrix: { os: string[] } }; steps: Step[] }> }

describe('CI workflow (.github/workflows/ci.yml)', () => {
  const text = fs.readFileSync(path.join(root, '.github', 'workflows', 'ci.yml'), 'utf8');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

  it('is valid YAML with a trigger and jobs, each with a runner and steps', () => {
    const wf = parse(text, { strict: true, uniqueKeys: true }) as Workflow;
    assert.ok(wf.on, 'has a trigger');
    assert.ok(Object.keys(wf.jobs).length > 0, 'has jobs');
    for (const [name, job] of Object.entries(wf.jobs)) {
      assert.ok(job['runs-on'], `${name}: runs-on`);
      assert.ok(Array.isArray(job.steps) && job.steps.length, `${name}: steps`);
      for (const s of job.steps) assert.ok(!!s.uses !== !!s.run, `${name}: each step either uses an action or runs a command: ${JSON.stringify(s)}`);
    }
  });

  it('runs the unit and system tiers on Linux, macOS and Windows', () => {
    const wf = parse(text) as Workflow;
    const job = Object.values(wf.jobs).find((j) => j.strategy?.matrix.os);
    assert.ok(job, 'a job with an OS matrix');
    assert.deepStrictEqual([...job.strategy!.matrix.os].sort(), ['macos-latest', 'ubuntu-latest', 'windows-latest']);
    assert.strictEqual(job['runs-on'], '${{ matrix.os }}');
    const runs = job.steps.map((s) => s.run ?? '');
    assert.ok(runs.some((r) => r.includes('npm run test:unit')), 'unit tier');
    assert.ok(runs.some((r) => r.includes('test/system/')), 'system tier');
  });

  it('only calls npm scripts that exist', () => {
    const wf = parse(text) as Workflow;
    for (const job of Object.values(wf.jobs)) {
      for (const s of job.steps) {
        for (const m of (s.run ?? '').matchAll(/npm run ([\w:-]+)/g)) assert.ok(pkg.scripts[m[1]], `package.json has no "${m[1]}" script`);
      }
    }
  });
});
