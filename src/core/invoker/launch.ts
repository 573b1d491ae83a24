// Turns a FunctionConfig into the command, arguments and environment of a sandbox process.
// Environment variables as Lambda defines them:
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime (read 2026-11-26).
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultFunctionName, defaultHandlerName, FUNCTION_DEFAULTS } from '../functions/defaults';
import { checkUserEnv, libraryPaths } from './lambdaEnv';
import type { LaunchSpec } from './sandbox';
import type { FunctionConfig, InvocationError } from './types';

/** A FunctionConfig with every default filled in: what a sandbox is launched from. */
export interface CompleteConfig extends Required<Omit<FunctionConfig, 'provisionedConcurrency' | 'reservedConcurrency'>> {
  reservedConcurrency?: number;
  provisionedConcurrency: number;
}

/** Memory Size above which a Node sandbox's V8 heap limit is raised explicitly (see launchSpec). */
export const LARGE_HEAP_MB = 1024;

/** Placeholder account id used in ARNs (the local invoker has no AWS account). */
export const LOCAL_ACCOUNT_ID = '123456789012';

/**
 * Fills what a direct caller left out, with the registry's one set of defaults (FUNCTION_DEFAULTS),
 * and validates ranges as Lambda's API does. Features resolve functions through the registry; this
 * only guards the invoker against partial or out-of-range configs.
 */
export function completeConfig(fn: FunctionConfig): CompleteConfig | InvocationError {
  const r: CompleteConfig = {
    name: fn.name || defaultFunctionName(fn.handlerFile),
    handlerFile: path.resolve(fn.handlerFile),
    handlerName: fn.handlerName || defaultHandlerName(fn.runtime),
    runtime: fn.runtime,
    memoryMb: fn.memoryMb ?? FUNCTION_DEFAULTS.memoryMb,
    timeoutSec: fn.timeoutSec ?? FUNCTION_DEFAULTS.timeoutSec,
    // A private copy: the pool compares it with later configs, so in-place edits by the caller must not reach it.
    env: { ...fn.env },
    architecture: fn.architecture ?? FUNCTION_DEFAULTS.architecture,
    keepAliveSec: fn.keepAliveSec ?? FUNCTION_DEFAULTS.keepAliveSec,
    reservedConcurrency: fn.reservedConcurrency,
    provisionedConcurrency: fn.provisionedConcurrency ?? FUNCTION_DEFAULTS.provisionedConcurrency,
    billingRule: fn.billingRule ?? FUNCTION_DEFAULTS.billingRule,
  };
  const bad = (msg: string): InvocationError => ({ errorType: 'InvalidParameterValueException', errorMessage: msg });
  if (!Number.isInteger(r.memoryMb) || r.memoryMb < 128 || r.memoryMb > 10240) return bad(`Memory Size must be a whole number of MB between 128 and 10240 (got ${r.memoryMb}).`);
  if (!(r.timeoutSec >= 1 && r.timeoutSec <= 900)) return bad(`Timeout must be between 1 and 900 seconds (got ${r.timeoutSec}).`);
  if (!(r.keepAliveSec >= 0)) return bad(`Keep-alive must be 0 or more seconds (got ${r.keepAliveSec}).`);
  if (r.reservedConcurrency !== undefined && !(Number.isInteger(r.reservedConcurrency) && r.reservedConcurrency >= 0)) return bad('Reserved concurrency must be a whole number ≥ 0.');
  if (!(Number.isInteger(r.provisionedConcurrency) && r.provisionedConcurrency >= 0)) return bad('Provisioned concurrency must be a whole number ≥ 0.');
  if (!['nodejs', 'python', 'provided'].includes(r.runtime)) return bad(`Unknown runtime "${r.runtime}" (use nodejs, python or provided).`);
  const envProblem = checkUserEnv(r.env);
  if (envProblem) return envProblem;
  return r;
}

/** Finds the folder holding node.js / python.py bootstraps (dist/bootstrap next to the bundle, or from source). */
export function findBootstrapDir(explicit?: string): string {
  const candidates = [explicit, process.env.SERVERLESS_LAB_BOOTSTRAP_DIR, path.join(__dirname, 'bootstrap'), path.join(__dirname, '..', 'bootstrap'), path.join(__dirname, '..', '..', '..', 'dist', 'bootstrap')].filter(Boolean) as string[];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'node.js')));
  if (!found) throw new Error(`Sandbox bootstraps not found (looked in ${candidates.join(', ')}); run "npm run build" first.`);
  return found;
}

const pythonCache = new Map<string, Promise<string>>();
const pythonVersions = new Map<string, string>();

/** `3.12.3` for an interpreter resolved by resolvePython(); empty when unknown. */
export function pythonVersionOf(exe: string): string {
  return pythonVersions.get(exe) ?? '';
}

/** Resolves the real interpreter behind `python3` once: a pyenv shim costs ~400 ms per start. */
export function resolvePython(command: string): Promise<string> {
  let p = pythonCache.get(command);
  if (!p) {
    p = new Promise<string>((resolve, reject) => {
      execFile(command, ['-c', 'import sys;print(sys.executable);print("%d.%d.%d" % sys.version_info[:3])'], { timeout: 15000 }, (err, stdout) => {
        const [exe = '', version = ''] = String(stdout).trim().split('\n').map((l) => l.trim());
        if (exe) pythonVersions.set(exe, version);
        if (err || !exe) reject(new Error(`Python interpreter "${command}" could not be started: ${err?.message ?? 'no sys.executable'}`));
        else resolve(exe);
      });
    });
    pythonCache.set(command, p);
    p.catch(() => pythonCache.delete(command));
  }
  return p;
}

/** Context needed to build a launch spec. */
export interface LaunchContext {
  nodePath: string;
  pythonExe: string;
  bootstrapDir: string;
  region: string;
  cacheDir: string;
  provisioned: boolean;
  initCapMs: number;
}

/** Builds the sandbox's process spec, with a fresh private TMPDIR. */
export function launchSpec(fn: CompleteConfig, ctx: LaunchContext): LaunchSpec {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-sandbox-'));
  const taskRoot = path.dirname(fn.handlerFile);
  const moduleName = path.basename(fn.handlerFile).replace(/\.[^.]+$/, '');
  const stream = `${new Date().toISOString().slice(0, 10).replace(/-/g, '/')}/[$LATEST]${tmpDir.slice(-6)}${Math.random().toString(16).slice(2, 28)}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    TMPDIR: tmpDir,
    LAMBDA_TASK_ROOT: taskRoot,
    LAMBDA_RUNTIME_DIR: ctx.bootstrapDir,
    _HANDLER: fn.runtime === 'provided' ? fn.handlerName : `${moduleName}.${fn.handlerName}`,
    AWS_REGION: ctx.region,
    AWS_DEFAULT_REGION: ctx.region,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: ctx.provisioned ? 'provisioned-concurrency' : 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: stream,
    ...libraryPaths(fn.runtime, taskRoot, ctx.bootstrapDir),
  };
  // Private to our bootstraps, which read and remove them before user code runs: the exact file (the
  // learner's handler need not sit at the task root). A custom runtime gets none of them.
  const own: Record<string, string> = fn.runtime === 'provided' ? {} : { SL_HANDLER_FILE: fn.handlerFile, SL_HANDLER_NAME: fn.handlerName };
  if (fn.runtime === 'nodejs') own.SL_CACHE_DIR = ctx.cacheDir;
  const spec = { env: { ...env, ...fn.env, ...own }, cwd: taskRoot, tmpDir, memoryMb: fn.memoryMb, initCapMs: ctx.initCapMs, measureTree: false };
  switch (fn.runtime) {
    case 'nodejs':
      spec.env.ELECTRON_RUN_AS_NODE = '1';
      spec.env.AWS_EXECUTION_ENV = `AWS_Lambda_nodejs${process.versions.node.split('.')[0]}.x`;
      // Any V8 flag (even --max-old-space-size) makes Node reject its built-in code cache and recompile
      // core modules, ~10 ms of every cold start here, so none is passed up to 1 GB: V8's default heap
      // (a quarter of RAM, at least 1 GB on a 4 GB machine) already covers it and the RSS watchdog enforces
      // Memory Size. Larger functions get their heap raised so V8's default doesn't cap them below it.
      return { ...spec, command: ctx.nodePath, args: [...(fn.memoryMb > LARGE_HEAP_MB ? [`--max-old-space-size=${fn.memoryMb}`] : []), path.join(ctx.bootstrapDir, 'node.js')] };
    case 'python':
      spec.env.PYTHONUNBUFFERED = '1';
      spec.env.PYTHONDONTWRITEBYTECODE = '1';
      return { ...spec, command: ctx.pythonExe, args: [path.join(ctx.bootstrapDir, 'python.py')] };
    case 'provided':
      return { ...spec, measureTree: true, command: fn.handlerFile, args: [] };
  }
}
