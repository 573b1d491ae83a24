// Lists repository files for corpus tests (handler detection over templates, samples and node_modules).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root. */
export const repoRoot = path.resolve(__dirname, '../..');

/** Files under `dir` (relative to the repo) whose names match `re`, skipping directories that match `skip`. */
export function walkFiles(dir: string, re: RegExp, skip?: RegExp): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) { if (!skip?.test(full)) visit(full); } else if (re.test(e.name)) out.push(full);
    }
  };
  visit(path.join(repoRoot, dir));
  return out.sort();
}
