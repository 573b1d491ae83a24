// The activation entry holds wiring only: reads the metafile `npm run build` writes (out/meta/extension.json)
// and fails when the entry outgrows its budget or evaluates a heavy library or subsystem at load.
// The budget applies to the entry as the .vsix ships it (`npm run package` minifies): the development
// build's whitespace and identifiers are not what a learner's VS Code evaluates.
import * as esbuild from 'esbuild';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const META = path.join(root, 'out/meta/extension.json');
/** Budget of dist/extension.js (issue 10 §3). */
const ENTRY_BUDGET_BYTES = 150 * 1024;
/** Inputs that must reach the entry only as a lazy stub (scripts/lazyModules.mjs). */
const HEAVY = [
  /^node_modules\/(yaml|ajv|ajv-formats|fast-uri|markdown-it|highlight\.js|linkify-it|chart\.js|jsonc-parser)\//,
  /^src\/core\/(invoker|cost|lessons\/(render|frontMatter|directives)|sam|scaffold)\//,
  // The BaaS core, with its PGlite worker proxy, loads with the baas lazy module.
  /^src\/core\/baas\//,
];
/** dist/pgliteWorker.js: the BaaS database's worker thread (scripts/build.mjs); PGlite must stay external to it. */
const WORKER = path.join(root, 'dist/pgliteWorker.js');
const WORKER_BUDGET_BYTES = 40 * 1024;

interface Meta {
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

function entry(): Meta['outputs'][string] {
  assert.ok(fs.existsSync(META), `${path.relative(root, META)} is missing: run "npm run build" first`);
  const meta = JSON.parse(fs.readFileSync(META, 'utf8')) as Meta;
  const out = meta.outputs['dist/extension.js'];
  assert.ok(out, 'the metafile has no dist/extension.js output');
  return out;
}

describe('build: activation entry', () => {
  it(`stays within ${ENTRY_BUDGET_BYTES / 1024} KB as shipped (minified, as npm run package builds it)`, async () => {
    const { bytes } = entry();
    const source = fs.readFileSync(path.join(root, 'dist/extension.js'), 'utf8');
    const shipped = Buffer.byteLength((await esbuild.transform(source, { minify: true, format: 'cjs', platform: 'node', target: 'node20', legalComments: 'none' })).code);
    assert.ok(shipped <= ENTRY_BUDGET_BYTES, `dist/extension.js is ${(shipped / 1024).toFixed(1)} KB minified, ${(bytes / 1024).toFixed(1)} KB as built (budget ${ENTRY_BUDGET_BYTES / 1024} KB minified)`);
  });

  it(`builds the PGlite worker as its own small bundle (under ${WORKER_BUDGET_BYTES / 1024} KB) that loads PGlite from node_modules`, () => {
    assert.ok(fs.existsSync(WORKER), 'dist/pgliteWorker.js is missing: the BaaS cannot start its database (scripts/build.mjs builds it)');
    const source = fs.readFileSync(WORKER, 'utf8');
    assert.ok(source.length <= WORKER_BUDGET_BYTES, `dist/pgliteWorker.js is ${(source.length / 1024).toFixed(1)} KB: is PGlite bundled into it?`);
    assert.match(source, /import\("@electric-sql\/pglite"\)|require\("@electric-sql\/pglite"\)/, 'PGlite must stay external: it loads its wasm relative to its own module');
  });

  it('pulls in no heavy library or subsystem (they load on first use from dist/lazy)', () => {
    const heavy = Object.entries(entry().inputs).filter(([file, v]) => v.bytesInOutput > 0 && HEAVY.some((re) => re.test(file)));
    assert.deepEqual(heavy.map(([file]) => file), [], 'add the module to LAZY_MODULES in scripts/lazyModules.mjs, or import it only where it is used');
  });
});
