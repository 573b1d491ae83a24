// One esbuild script for every bundle. Entry points are found by convention so that a new
// webview, bootstrap or test file needs no change here:
//   src/extension/extension.ts        -> dist/extension.js        (node/cjs, `vscode` external; wiring only)
//   heavy libraries, core subsystems   -> dist/lazy/*.js           (loaded on first use; scripts/lazyModules.mjs)
//   src/cli/index.ts                  -> dist/cli.js              (node/cjs, executable)
//   src/cli/commands/*.ts             -> dist/cli/*.js            (one per command, loaded on demand)
//   src/core/baas/db/pgliteWorker.ts  -> dist/pgliteWorker.js     (the BaaS database's worker thread)
//   src/core/invoker/bootstrap/*.ts   -> dist/bootstrap/*.js      (node/cjs, run inside sandboxes)
//   src/core/invoker/bootstrap/*.py   -> dist/bootstrap/*.py      (copied)
//   media/<view>/main.ts (+ main.css) -> dist/media/<view>.js/.css (browser/iife)
//   test/integration/**/*.ts          -> out/test/integration/     (extension-host mocha suite)
//   test/e2e/**/*.ts                  -> out/test/e2e/             (Playwright UI tests, plain node)
// Type-checking is separate: `npm run typecheck` (tsc --noEmit).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { buildLazyModules } from './lazyModules.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const rel = (...p) => path.join(root, ...p);
const exists = (p) => fs.existsSync(rel(p));
const list = (dir, re) => (fs.existsSync(rel(dir)) ? fs.readdirSync(rel(dir), { recursive: true }).map(String).filter((f) => re.test(f)).map((f) => path.join(dir, f)) : []);

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', absWorkingDir: root, legalComments: 'none' };
// Prefer packages' ESM builds: UMD mains (e.g. jsonc-parser's) use dynamic require()s that break when bundled.
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'] };

// Start from nothing: files left by an earlier build (source maps of a dev build, a renamed bundle or test)
// would otherwise be packaged into the .vsix or run as tests. This comes before the lazy modules, which land in dist/ too.
for (const dir of ['dist', 'out/test']) fs.rmSync(rel(dir), { recursive: true, force: true });
// Lazy modules (scripts/lazyModules.mjs) are built first: the entry's stubs need their export names.
// PGlite loads its wasm relative to its own module, which a bundle breaks; pg and jose stay external with it
// (in the lazy modules too: the exercises module reaches the BaaS through its `baas` observer). The .vsix ships them.
const dbExternal = ['@electric-sql/pglite', 'pg', 'jose'];
const lazy = await buildLazyModules(root, { ...node, external: ['vscode', ...dbExternal] });
const builds = [
  // The activation entry holds wiring only (budget 150 KB, guarded by test/system/build): heavy modules load on first use.
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], metafile: true, plugins: [lazy.plugin('./lazy/')] },
  { ...node, entryPoints: ['src/cli/index.ts'], outfile: 'dist/cli.js', external: dbExternal, banner: { js: '#!/usr/bin/env node' } },
  // The PGlite worker thread (src/core/baas/db/workerDatabase.ts starts it): the BaaS bundles in dist/lazy/ and
  // dist/cli/ find it one folder up, so one copy serves the extension host and the CLI.
  { ...node, entryPoints: ['src/core/baas/db/pgliteWorker.ts'], outfile: 'dist/pgliteWorker.js', external: dbExternal },
  // One bundle per CLI command family, required by dist/cli.js only for the command it runs.
  // yaml and ajv come from dist/lazy/ on first use, so a command that reads no YAML or functions.json never loads them.
  { ...node, entryPoints: list('src/cli/commands', /\.ts$/), outdir: 'dist/cli', external: dbExternal, plugins: [lazy.plugin('../lazy/', ['yaml', 'ajv'])] },
];
const bootstraps = list('src/core/invoker/bootstrap', /\.ts$/);
if (bootstraps.length) builds.push({ ...node, entryPoints: bootstraps, outdir: 'dist/bootstrap', sourcemap: false, external: ['esbuild'] });

for (const view of fs.existsSync(rel('media')) ? fs.readdirSync(rel('media')) : []) {
  const entries = ['main.ts', 'main.css'].map((f) => `media/${view}/${f}`).filter(exists);
  if (!entries.length) continue;
  builds.push({
    ...common, platform: 'browser', format: 'iife', target: 'es2022',
    entryPoints: entries.map((e) => ({ in: e, out: view })), outdir: 'dist/media',
    loader: { '.ttf': 'file', '.woff2': 'file', '.svg': 'file' },
  });
}

const integration = list('test/integration', /\.ts$/);
if (integration.length) builds.push({ ...node, entryPoints: integration, outdir: 'out/test/integration', outbase: 'test/integration', bundle: true, external: ['vscode', 'mocha'] });
const e2e = list('test/e2e', /\.ts$/);
if (e2e.length) builds.push({ ...node, entryPoints: e2e, outdir: 'out/test/e2e', outbase: 'test/e2e', external: ['playwright-core'] });

function copyStatic() {
  fs.mkdirSync(rel('dist/bootstrap'), { recursive: true });
  for (const f of list('src/core/invoker/bootstrap', /\.py$/)) fs.copyFileSync(rel(f), rel('dist/bootstrap', path.basename(f)));
  // Node looks for the nearest package.json to decide how to load a .js file; without this one it
  // walks up to the extension's 12 KB manifest and parses it in every sandbox start (~2 ms of a cold start).
  fs.writeFileSync(rel('dist/bootstrap/package.json'), '{"type":"commonjs"}\n');
  // Codicons ship inside the bundle folder so the .vsix needs no node_modules.
  const codicons = rel('node_modules/@vscode/codicons/dist');
  fs.mkdirSync(rel('dist/media/codicons'), { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(codicons, f), rel('dist/media/codicons', f));
}

const t0 = Date.now();
if (watch) {
  copyStatic();
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('[build] watching…');
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  copyStatic();
  // The entry's metafile, for the bundle-budget test and `npm run bench` (out/ is never packaged).
  fs.mkdirSync(rel('out/meta'), { recursive: true });
  fs.writeFileSync(rel('out/meta/extension.json'), JSON.stringify({ ...results[0].metafile, lazyModules: lazy.modules.map((m) => ({ id: m.id, file: path.relative(root, m.outfile) })) }));
  if (fs.existsSync(rel('dist/cli.js'))) fs.chmodSync(rel('dist/cli.js'), 0o755);
  console.log(`[build] ${builds.length} bundles in ${Date.now() - t0} ms`);
}
