// Loads a workspace's event architecture for the CLI: the SAM template, its functions and problems.
import * as fs from 'fs';
import * as path from 'path';
import { readEventArchitecture, type EventArchitecture } from '../../core/eventing/definitions';
import { readSamTemplate, type SamFunction } from '../../core/sam';

/** A workspace's architecture, or the problems that stop it loading. */
export interface LoadedWorkspace {
  dir: string;
  template?: string;
  architecture?: EventArchitecture;
  functions: SamFunction[];
  /** `file:line:col: message` lines for errors. */
  errors: string[];
}

/** Reads template.yaml / template.yml in `dir`; a folder without one loads an empty architecture. */
export function loadWorkspace(dir: string): LoadedWorkspace {
  const template = ['template.yaml', 'template.yml'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
  if (!template) return { dir, functions: [], errors: [] };
  const text = fs.readFileSync(template, 'utf8');
  const { architecture, diagnostics } = readEventArchitecture(text, template);
  const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.start.line + 1}:${d.start.character + 1}: ${d.message}`);
  return { dir, template, architecture, functions: readSamTemplate(text, template).functions, errors };
}
