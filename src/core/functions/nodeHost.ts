// The registry's host over Node's fs, for the CLI and headless callers: stamps (mtime and size)
// tell the registry when a file changed, so long-running callers see edits without a watcher.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RegistryHost } from './registry';

/** Folders never searched for templates: dependencies, build output, virtual environments. */
const SKIPPED = new Set(['node_modules', '.aws-sam', '.venv', 'venv', '.git', 'dist', 'out', '__pycache__']);
/** Bounds on the template search, as in the editor (which asks VS Code for at most 20). */
const MAX_TEMPLATES = 20;
const MAX_DEPTH = 6;

/** A RegistryHost backed by the local file system. */
export function nodeRegistryHost(): RegistryHost {
  return {
    readFile: async (file) => {
      try {
        return await fs.promises.readFile(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    exists: async (file) => {
      try {
        return (await fs.promises.stat(file)).isFile();
      } catch {
        return false;
      }
    },
    findTemplates: async (root) => findTemplates(root),
    stamp: (file) => {
      try {
        const s = fs.statSync(file);
        return `${s.mtimeMs}:${s.size}`;
      } catch {
        return undefined;
      }
    },
  };
}

/** Breadth-first search for template.yaml/yml under `root`, bounded in depth and count. */
async function findTemplates(root: string): Promise<string[]> {
  const found: string[] = [];
  let level = [root];
  for (let depth = 0; depth <= MAX_DEPTH && level.length && found.length < MAX_TEMPLATES; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (e.isDirectory() && !SKIPPED.has(e.name) && !e.name.startsWith('.')) next.push(path.join(dir, e.name));
        else if (e.isFile() && /^template\.ya?ml$/.test(e.name) && found.length < MAX_TEMPLATES) found.push(path.join(dir, e.name));
      }
    }
    level = next;
  }
  return found.sort();
}
