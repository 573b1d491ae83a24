// What the .vsix would hold, as `vsce ls` lists it (the same file selection `vsce package` uses, without
// zipping): only the built extension and the content it reads at run time, never source maps, tests,
// fixtures, sources or the lesson authors' guide.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..');

/** Paths `vsce ls` prints for this repository, relative and with forward slashes. */
function vsceList(): string[] {
  const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'ls'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.strictEqual(r.status, 0, `vsce ls failed: ${r.stderr || r.error}`);
  return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** Files under `dir` (recursively), relative to the repository root with forward slashes. */
function filesUnder(dir: string): string[] {
  const abs = path.join(root, dir);
  return fs.readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

/** Rules for what must never ship, each with the reason shown when it is broken. */
const FORBIDDEN: [RegExp, string][] = [
  [/\.map$/, 'source map'],
  [/^(test|out)\//, 'test'],
  [/(^|\/)fixtures?\//, 'fixture'],
  [/^lessons\/README\.md$/, 'lesson-authoring guide'],
  [/^(src|media|scripts|bench|docs|samples|\.ci)\//, 'source or development file'],
  [/(^|\/)(tsconfig\.json|eslint\.config\.mjs|\.mocharc\.json|package-lock\.json)$/, 'development config'],
];

describe('packaging: the .vsix contents', function () {
  this.timeout(60_000);
  let files: string[];

  before(() => {
    assert.ok(fs.existsSync(path.join(root, 'dist', 'extension.js')), 'dist/ is not built: run npm run build first');
    files = vsceList();
  });

  it('holds no source maps, tests, fixtures, sources or lesson-authoring docs', () => {
    const bad = files.flatMap((f) => FORBIDDEN.filter(([re]) => re.test(f)).map(([, why]) => `${f} (${why})`));
    assert.deepStrictEqual(bad, []);
  });

  it('holds the manifest, licence, readme, every lesson (with its folder and exercises) and the esbuild binary', () => {
    // Lesson folders and exercises ship whole: Start copies a starter, Check reads checks.yaml, Show solution diffs.
    const lessons = filesUnder('lessons').filter((f) => f !== 'lessons/README.md');
    const esbuildBinary = files.filter((f) => /^node_modules\/@esbuild\/[^/]+\/bin\/esbuild(\.exe)?$/.test(f));
    const missing = ['package.json', 'LICENSE', 'README.md', 'node_modules/esbuild/lib/main.js', ...lessons].filter((f) => !files.includes(f));
    assert.deepStrictEqual(missing, []);
    assert.strictEqual(esbuildBinary.length, 1, 'one platform binary of esbuild');
  });

  it('ships every bundle the build produced (a lazily loaded bundle left out would fail at run time)', () => {
    const built = filesUnder('dist').filter((f) => !f.endsWith('.map'));
    assert.deepStrictEqual(built.filter((f) => !files.includes(f)), []);
  });
});
