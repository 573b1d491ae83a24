// The CLI bundled from source the way scripts/build.mjs does (fast to start, unlike tsx), for system tests.
import * as esbuild from 'esbuild';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..');
/** Path of the bundled CLI (in the ignored out/ folder). */
export const cliBundle = path.join(root, 'out', 'system-runtime-cli', 'cli.js');
let built: Promise<void> | undefined;

/** Builds the CLI bundle once per test run. */
export function buildCli(): Promise<void> {
  built ??= esbuild.build({
    entryPoints: [path.join(root, 'src', 'cli', 'index.ts')], outfile: cliBundle, bundle: true, platform: 'node', format: 'cjs',
    target: 'node20', mainFields: ['module', 'main'], logLevel: 'error',
  }).then(() => undefined);
  return built;
}
