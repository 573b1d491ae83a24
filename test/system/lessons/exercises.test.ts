// `lessons check --exercises` runs every exercise both ways through the real runtime: an exercise whose
// starter already passes (or whose solution fails) is reported. The shipped exercises are verified by
// `npm run lessons:exercises`, its own step of `npm test` (running all of them here too doubled CI time);
// issue 18's count gate is in test/unit/lessons/curriculum.test.ts.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..');
// The built CLI (npm run build): it loads its commands lazily from dist/cli/, with dist/bootstrap beside it.
const cliBundle = path.join(root, 'dist', 'cli.js');

function runCli(args: string[], timeout = 120000): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliBundle, ...args], { cwd: root, encoding: 'utf8', timeout });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('lessons check --exercises', function () {
  this.timeout(180000);
  let dir: string | undefined;
  before(() => assert.ok(fs.existsSync(cliBundle), `${cliBundle} is missing: run npm run build first`));
  afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('fails when a starter passes or a solution fails, naming the exercise', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-exercises-sys-'));
    const write = (rel: string, text: string): void => {
      fs.mkdirSync(path.dirname(path.join(dir!, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir!, rel), text);
    };
    write('one.md', '---\nid: one\ntitle: One\ntrack: FaaS\norder: 1\nsummary: s\nobjectives: [Write a handler]\nestimatedMinutes: 2\n---\n```exercise\nid: ex\ntitle: Ex\nstarter: ex/starter\nsolution: ex/solution\nchecks: ex/checks.yaml\nhandler: handler.js\nstarterFails: not-one\n```\n');
    // Both folders hold the same wrong answer: the solution fails and the starter fails as intended.
    for (const f of ['starter', 'solution']) write(`ex/${f}/handler.js`, 'exports.handler = async () => 2;\n');
    write('ex/checks.yaml', 'checks:\n  - name: not-one\n    message: "Return 1, not {actual}."\n    event: {}\n    expect: [{ path: calls.0.response, equals: 1 }]\n');
    const r = runCli(['lessons', 'check', '--exercises', dir]);
    assert.match(r.stdout, /^FAIL one\/ex: solution fails "not-one" \(calls\.0\.response: expected 1, got 2\)$/m);
    assert.match(r.stdout, /^exercises: 1 total, 0 solutions pass, 1 starters fail as intended$/m);
    assert.strictEqual(r.status, 1);
  });
});
