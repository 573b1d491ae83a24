// Loads the learner's Node handler inside the sandbox: CommonJS, ESM and TypeScript (esbuild, cached).
// Error types follow the Node.js runtime's init errors:
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html (read 2026-11-26).
import * as fs from 'fs';
import * as path from 'path';
import { readCached, writeCached } from './transpileCache';

/** A Lambda-shaped init failure (posted to /runtime/init/error). */
export class InitError extends Error {
  constructor(readonly errorType: string, message: string, readonly trace: string[] = []) {
    super(message);
  }
}

/** The handler function as the runtime calls it. */
export type NodeHandler = (event: unknown, context: unknown, callback: (err?: unknown, result?: unknown) => void) => unknown;

const importer = new Function('u', 'return import(u)') as (u: string) => Promise<Record<string, unknown>>;

/** Loads `file` and returns its export `name`, mapping failures to Lambda's init error types. */
export async function loadHandler(file: string, name: string, cacheDir: string | undefined): Promise<NodeHandler> {
  const moduleName = path.basename(file).replace(/\.[^.]+$/, '');
  if (!fs.existsSync(file)) {
    throw new InitError('Runtime.ImportModuleError', `Error: Cannot find module '${moduleName}'\nRequire stack:\n- ${file}`);
  }
  let mod: Record<string, unknown>;
  try {
    mod = await loadModule(file, cacheDir);
  } catch (err) {
    throw toInitError(err);
  }
  let fn = resolvePath(mod, name);
  // An ESM or esbuild-interop module may carry the CommonJS exports under `default`.
  if (typeof fn !== 'function' && mod.default && typeof mod.default === 'object') fn = resolvePath(mod.default as Record<string, unknown>, name);
  if (typeof fn !== 'function') {
    throw new InitError('Runtime.HandlerNotFound', `${moduleName}.${name} is undefined or not exported`);
  }
  return fn as NodeHandler;
}

function resolvePath(mod: Record<string, unknown>, name: string): unknown {
  let cur: unknown = mod;
  for (const part of name.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
  return cur;
}

async function loadModule(file: string, cacheDir: string | undefined): Promise<Record<string, unknown>> {
  const ext = path.extname(file);
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return compileCommonJs(file, transpile(file, cacheDir));
  if (ext === '.mjs') return importer(fileUrl(file));
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the learner's module, resolved at run time
    return require(file);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_REQUIRE_ESM' || /Cannot use import statement|Unexpected token 'export'/.test(String((err as Error).message))) {
      return importer(fileUrl(file));
    }
    throw err;
  }
}

/** file:// URL for import(); `url` is loaded only for ESM handlers. */
function fileUrl(file: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: off the CommonJS cold path
  return (require('url') as typeof import('url')).pathToFileURL(file).href;
}

function toInitError(err: unknown): InitError {
  if (err instanceof InitError) return err;
  const e = err as Error & { code?: string };
  const trace = typeof e?.stack === 'string' ? e.stack.split('\n') : [];
  if (e instanceof SyntaxError) return new InitError('Runtime.UserCodeSyntaxError', `${e.name}: ${e.message}`, trace);
  if (e?.code === 'MODULE_NOT_FOUND' || e?.code === 'ERR_MODULE_NOT_FOUND') {
    return new InitError('Runtime.ImportModuleError', `Error: ${e.message}`, trace);
  }
  if (e instanceof Error) return new InitError(e.name, e.message, trace);
  return new InitError(typeof err, String(err));
}

/** Transpiles a TypeScript handler (and its local imports) once per change of their content. */
function transpile(file: string, cacheDir: string | undefined): string {
  const cached = cacheDir ? readCached(cacheDir, file) : undefined;
  if (cached !== undefined) return cached;
  let esbuild: typeof import('esbuild');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for .ts handlers: keeps it off the hot path
    esbuild = require('esbuild');
  } catch {
    throw new InitError('Runtime.ImportModuleError', 'Error: TypeScript handlers need the esbuild package, which was not found');
  }
  let result;
  try {
    result = esbuild.buildSync({
      entryPoints: [file], bundle: true, packages: 'external', platform: 'node', format: 'cjs', target: 'node20',
      write: false, metafile: true, sourcemap: 'inline', logLevel: 'silent', absWorkingDir: path.dirname(file),
    });
  } catch (err) {
    const first = (err as { errors?: { text: string; location?: { file: string; line: number; column: number } }[] }).errors?.[0];
    const where = first?.location ? ` (${first.location.file}:${first.location.line}:${first.location.column + 1})` : '';
    throw new InitError('Runtime.UserCodeSyntaxError', `SyntaxError: ${first?.text ?? String(err)}${where}`);
  }
  const code = result.outputFiles[0].text;
  if (cacheDir) writeCached(cacheDir, file, code, Object.keys(result.metafile.inputs).map((input) => path.resolve(path.dirname(file), input)));
  return code;
}

/** Compiles transpiled code as if it were `file`, so relative requires resolve from the learner's folder. */
function compileCommonJs(file: string, code: string): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require('module') as { new (id: string): NodeModuleInternal; _nodeModulePaths(dir: string): string[] };
  const m = new Module(file);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  m._compile(code, file);
  return m.exports as Record<string, unknown>;
}

interface NodeModuleInternal {
  filename: string;
  paths: string[];
  exports: unknown;
  _compile(code: string, file: string): void;
}
