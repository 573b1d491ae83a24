// Reads the templates folder from disk (for the CLI, the tests and the extension's local files).
import fs from 'node:fs';
import path from 'node:path';
import { parseManifest, type TemplateManifest } from './manifest';

/** A parsed manifest plus a reader for its template files. */
export interface TemplateSource {
  manifest: TemplateManifest;
  read(relPath: string): string;
}

/** Loads `<dir>/manifest.json` and returns it with a reader that refuses paths outside `dir`. */
export function loadTemplates(dir: string): TemplateSource {
  const manifest = parseManifest(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  return {
    manifest,
    read(relPath: string): string {
      const file = path.resolve(dir, relPath);
      if (!file.startsWith(path.resolve(dir) + path.sep)) throw new Error(`Template path escapes the templates folder: ${relPath}`);
      return fs.readFileSync(file, 'utf8');
    },
  };
}
