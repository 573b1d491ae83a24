import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '../../..');
const good = ['---', 'id: ok', 'title: OK', 'track: FaaS', 'order: 1', 'summary: s', 'objectives: [x]', 'estimatedMinutes: 2', '---', 'Body', ''].join('\n');

/** Runs the real CLI entry point (through tsx) and returns its exit status and output. */
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/index.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('lessons: `serverless-lab lessons check`', function () {
  this.timeout(30000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-lessons-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 with a one-line summary when every lesson is valid', () => {
    fs.writeFileSync(path.join(dir, 'ok.md'), good);
    const r = cli('lessons', 'check', dir);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.stdout.trim(), '1 lesson checked: 0 errors, 0 warnings');
  });

  it('exits 1 and prints file:line: message for each problem', () => {
    fs.writeFileSync(path.join(dir, 'ok.md'), good);
    fs.writeFileSync(path.join(dir, 'bad.md'), good.replace('id: ok', 'id: bad').replace('track: FaaS', 'track: Nope').replace('Body', '```quizz\n```'));
    fs.writeFileSync(path.join(dir, 'quiz.md'), good.replace('id: ok', 'id: quiz').replace('order: 1', 'order: 2').replace('Body', '```quizz\nx\n```'));
    const r = cli('lessons', 'check', dir);
    assert.strictEqual(r.status, 1);
    const lines = r.stdout.trim().split('\n');
    assert.deepStrictEqual(lines.map((l) => l.replace(dir, '<dir>').split(': ')[0]), ['<dir>/bad.md:4', '<dir>/quiz.md:10']);
    assert.match(r.stderr, /3 lessons checked: 2 errors/);
  });

  it('exits 2 with a clear message when the folder does not exist', () => {
    const r = cli('lessons', 'check', path.join(dir, 'missing'));
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /lessons folder ".*missing" not found/);
  });

  it('passes on the lessons shipped in the repo', () => {
    const r = cli('lessons', 'check', 'lessons');
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
  });
});
