// The CLI bundled from source the way scripts/build.mjs does (fast to start, unlike tsx), for system
// tests: dist/cli.js requires each command's own bundle from cli/ beside it, so both are built.
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..');
/** Path of the bundled CLI (in the ignored out/ folder). */
export const cliBundle = path.join(root, 'out', 'system-cli', 'cli.js');
let built: Promise<void> | undefined;

/** Builds the CLI entry and every command bundle once per test run. */
export function buildCli(): Promise<void> {
  const common: esbuild.BuildOptions = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], logLevel: 'error', external: ['@electric-sql/pglite', 'pg', 'jose'] };
  const commands = path.join(root, 'src', 'cli', 'commands');
  built ??= Promise.all([
    esbuild.build({ ...common, entryPoints: [path.join(root, 'src', 'cli', 'index.ts')], outfile: cliBundle }),
    esbuild.build({ ...common, entryPoints: fs.readdirSync(commands).filter((f) => f.endsWith('.ts')).map((f) => path.join(commands, f)), outdir: path.join(path.dirname(cliBundle), 'cli') }),
  ]).then(() => undefined);
  return built;
}
