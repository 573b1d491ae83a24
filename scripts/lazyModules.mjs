// Lazy modules for the extension's activation entry (issue 10 §3): heavy libraries and core subsystems
// become separate bundles in dist/lazy/, and the entry gets a small stub in their place whose exports are
// getters that require() the bundle on first access. Feature code keeps plain `import` statements.
// Why stubs rather than code splitting: esbuild splits only ESM output, and VS Code loads the entry as CommonJS.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';

/** What the entry must not evaluate at activation: id -> import specifier (package or repo-relative file). */
export const LAZY_MODULES = {
  // yaml, ajv, markdown-it and highlight.js arrive through the lessons, sam and scaffold bundles; list a
  // library here only when the entry imports it directly (the bundle-budget test names it when it does).
  jsoncParser: 'jsonc-parser',
  invoker: './src/core/invoker/index.ts',
  cost: './src/core/cost/index.ts',
  sam: './src/core/sam/index.ts',
  scaffold: './src/core/scaffold/index.ts',
  lessons: './src/core/lessons/index.ts',
  sampleEvents: './src/core/sampleEvents/index.ts',
  functions: './src/core/functions/index.ts',
  functionRegistry: './src/core/functions/registry.ts',
  functionsFile: './src/core/functions/functionsFile.ts',
  runtime: './src/core/runtime/index.ts',
  runtimeService: './src/core/runtime/runtimeService.ts',
  loadRunner: './src/core/run/loadRunner.ts',
  whatIf: './src/core/run/whatIf.ts',
  exercises: './src/core/exercises/index.ts',
  // Libraries the CLI's command bundles load only when a file needs them (functions.json, a SAM
  // template): a cold `serverless-lab invoke` of a handler file parses neither (issue 10's 2.5x target).
  yaml: 'yaml',
  ajv: 'ajv',
  // The playground's heavy half (matcher, YAML, samples; first use). Its wiring runs at activation, so it stays
  // in the entry: a lazy module loaded at activation would only add a file to read.
  playground: './src/extension/playground/feature.ts',
  // Extension-side features that are heavy or rarely used: their `vscode` import is resolved in the extension host.
  eventing: './src/core/eventing/index.ts',
  eventingHost: './src/extension/eventing/host.ts',
  eventingUi: './src/extension/eventing/ui.ts',
  // The BaaS host, views and SQL console with the whole BaaS core (PGlite, pg and jose stay external).
  baas: './src/extension/baas/feature.ts',
  // Lesson run/predict blocks, tool links and images: loaded when a learner first presses a block's button.
  lessonBlocks: './src/extension/lessons/blockActions.ts',
};

/**
 * Builds each lazy module to dist/lazy/<id>.js and returns the esbuild plugin that swaps imports of them
 * in other bundles for stubs. `options` are the node build options shared with the entry.
 */
export async function buildLazyModules(root, options) {
  const require = createRequire(import.meta.url);
  const byPath = new Map(); // resolved absolute path -> { id, keys, callable, esModule }
  const results = await Promise.all(Object.entries(LAZY_MODULES).map(async ([id, spec]) => {
    const entry = spec.startsWith('./') ? path.join(root, spec) : spec;
    const outfile = path.join(root, 'dist', 'lazy', `${id}.js`);
    const result = await esbuild.build({ ...options, entryPoints: { [id]: entry }, outfile, metafile: true });
    return { id, spec, outfile, result };
  }));
  for (const { id, spec, outfile, result } of results) {
    const info = { id, ...(await exportsOf(require, outfile, spec.startsWith('./') ? path.join(root, spec) : undefined, options)) };
    for (const input of Object.keys(result.metafile.inputs)) {
      const abs = path.resolve(root, input);
      // The module's own entry file (packages: the file their specifier resolves to) identifies it.
      if (!byPath.has(abs) && result.metafile.outputs[path.relative(root, outfile)]?.entryPoint === input) byPath.set(abs, info);
    }
  }
  const only = (ids) => (ids ? new Map([...byPath].filter(([, info]) => ids.includes(info.id))) : byPath);
  return { plugin: (prefix, ids) => lazyStubPlugin(only(ids), prefix), modules: results.map(({ id, outfile }) => ({ id, outfile })) };
}

/**
 * The exports of a built lazy module. Extension-side modules (src/extension/…) import `vscode`, which only
 * exists inside the extension host, so their export names come from an ESM build's metafile instead of require().
 */
async function exportsOf(require, outfile, sourceEntry, options) {
  if (sourceEntry?.includes(`${path.sep}src${path.sep}extension${path.sep}`)) {
    const esm = await esbuild.build({ ...options, entryPoints: [sourceEntry], format: 'esm', write: false, outfile: `${outfile}.esm.js`, metafile: true });
    const keys = Object.values(esm.metafile.outputs).flatMap((o) => o.exports ?? []);
    return { keys, callable: false, esModule: true };
  }
  delete require.cache[outfile];
  const mod = require(outfile);
  return { keys: Object.keys(mod), callable: typeof mod === 'function', esModule: !!mod.__esModule };
}

/**
 * Replaces imports that resolve to a lazy module with a stub; `prefix` is the require path from the output to
 * dist/lazy. `plugin(prefix, ids)` limits the stubs to the modules named in `ids`.
 */
function lazyStubPlugin(byPath, prefix) {
  return {
    name: 'lazy-modules',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.lazySkip || args.kind === 'entry-point' || args.path.startsWith(prefix)) {
          return args.path.startsWith(prefix) && !args.pluginData?.lazySkip ? { path: args.path, external: true } : undefined;
        }
        const resolved = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: { lazySkip: true } });
        const info = !resolved.errors.length && byPath.get(resolved.path);
        return info ? { path: info.id, namespace: 'lazy-module', pluginData: info } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'lazy-module' }, (args) => {
        const { id, keys, callable, esModule } = args.pluginData;
        const lines = [
          `// Stub for dist/lazy/${id}.js: loaded on first use, not at activation.`,
          'let loaded;',
          `const load = () => (loaded ??= require(${JSON.stringify(`${prefix}${id}.js`)}));`,
          callable
            ? 'const stub = function (...args) { return new.target ? Reflect.construct(load(), args, new.target) : load().apply(this, args); };'
            : 'const stub = {};',
          esModule ? "Object.defineProperty(stub, '__esModule', { value: true });" : '',
          `for (const key of ${JSON.stringify(keys.filter((k) => k !== '__esModule'))}) Object.defineProperty(stub, key, { enumerable: true, get: () => load()[key] });`,
          'module.exports = stub;',
        ];
        return { contents: lines.join('\n'), loader: 'js' };
      });
    },
  };
}
