// Shared fixtures for the invoker tests: bootstraps built once from source, temp handler folders,
// and a scan for leftover sandbox processes.
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createInvoker, type FunctionConfig, type Invoker } from '../../../src/core/invoker';
import { waitFor as sharedWaitFor } from '../../helpers/waitFor';

const root = path.resolve(__dirname, '..', '..', '..');
/** Inside the repo (ignored out/ folder) so that `require('esbuild')` resolves from the bootstrap. */
export const bootstrapDir = path.join(root, 'out', 'unit-bootstrap');
let built: Promise<void> | undefined;

/** Builds src/core/invoker/bootstrap/* the way scripts/build.mjs does, once per test run. */
export function buildBootstraps(): Promise<void> {
  built ??= (async () => {
    const src = path.join(root, 'src', 'core', 'invoker', 'bootstrap');
    await esbuild.build({
      entryPoints: fs.readdirSync(src).filter((f) => f.endsWith('.ts')).map((f) => path.join(src, f)),
      outdir: bootstrapDir, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['esbuild'], logLevel: 'warning',
    });
    for (const f of fs.readdirSync(src).filter((f) => f.endsWith('.py'))) fs.copyFileSync(path.join(src, f), path.join(bootstrapDir, f));
    fs.writeFileSync(path.join(bootstrapDir, 'package.json'), '{"type":"commonjs"}\n');
  })();
  return built;
}

/** A new invoker over the freshly built bootstraps. */
export async function newInvoker(): Promise<Invoker> {
  await buildBootstraps();
  const invoker = createInvoker({ bootstrapDir });
  invoker.on('sandboxStarted', (e) => startedPids.add(e.pid));
  return invoker;
}

/** A temp folder with the given files (removed by the caller's afterEach via removeDir). */
export function makeDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-invoker-test-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text, { mode: path.basename(name) === 'bootstrap' || name.endsWith('.sh') ? 0o755 : 0o644 });
  }
  return dir;
}

/** Removes a temp folder. */
export function removeDir(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/** A nodejs FunctionConfig for `file` in `dir`. */
export function nodeFn(dir: string, file = 'index.js', extra: Partial<FunctionConfig> = {}): FunctionConfig {
  return { name: `fn-${path.basename(dir)}-${file}`, handlerFile: path.join(dir, file), handlerName: 'handler', runtime: 'nodejs', ...extra };
}

/** Every sandbox pid any test invoker started. */
export const startedPids = new Set<number>();

/** Live (non-zombie) processes that are our sandboxes: started by a test invoker, or children of this process with a Runtime API address. */
export function sandboxProcesses(): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      const ours = startedPids.has(pid) || (Number(fields[1]) === process.pid && fs.readFileSync(`/proc/${entry}/environ`, 'latin1').includes('AWS_LAMBDA_RUNTIME_API='));
      if (ours) found.push(pid);
    } catch {
      // process vanished meanwhile
    }
  }
  return found;
}

/** Waits until `check` holds or the time runs out; resolves whether it held (the shared waitFor, without rejecting). */
export async function waitFor(check: () => boolean, ms = 3000): Promise<boolean> {
  return sharedWaitFor(check, 'a condition', { timeoutMs: ms, intervalMs: 20 }).then(() => true, () => check());
}
