// The one set of function defaults and the one file-to-runtime rule, used by the registry, the
// invoker's validation, the CLI and the extension. Values are Lambda's documented defaults:
// memory 128 MB (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html), timeout 3 s
// (https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html), architecture x86_64
// (https://docs.aws.amazon.com/lambda/latest/dg/foundation-arch.html), all read 2026-11-27.
import * as path from 'node:path';
import type { Architecture, RuntimeKind } from '../invoker/types';

/** Defaults for every optional function setting. keepAliveSec is a local model value (Lambda documents none). */
export const FUNCTION_DEFAULTS: Readonly<{ memoryMb: number; timeoutSec: number; architecture: Architecture; keepAliveSec: number; provisionedConcurrency: number; billingRule: '2025' | 'legacy' }> = Object.freeze({
  memoryMb: 128,
  timeoutSec: 3,
  architecture: 'x86_64',
  keepAliveSec: 600,
  provisionedConcurrency: 0,
  billingRule: '2025',
});

const NODE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts']);

/** Runtime implied by a file: .py is python, JavaScript/TypeScript is nodejs, anything else (e.g. `bootstrap`) a custom runtime. */
export function runtimeForFile(file: string): RuntimeKind {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.py') return 'python';
  return NODE_EXTENSIONS.has(ext) ? 'nodejs' : 'provided';
}

/** Conventional handler name per runtime (`handler` for Node, `lambda_handler` for Python). */
export function defaultHandlerName(runtime: RuntimeKind): string {
  return runtime === 'python' ? 'lambda_handler' : 'handler';
}

/** Function name from a file name: base name without extension, made safe for Lambda names. */
export function defaultFunctionName(file: string): string {
  return path.basename(file).replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9_-]/g, '-') || 'function';
}
