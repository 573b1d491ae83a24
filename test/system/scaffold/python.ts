// Test helper: the real Python interpreter (the `python3` on PATH may be a slow pyenv shim).
import { execFileSync } from 'node:child_process';

let cached: string | undefined;

/** Absolute path of the interpreter behind `python3`, resolved once. */
export function realPython(): string {
  cached ??= execFileSync('python3', ['-c', 'import sys;print(sys.executable)'], { encoding: 'utf8' }).trim();
  return cached;
}
