// Loads a workspace's event architecture for the CLI: the SAM template, its functions and problems, plus the
// rules .serverless-lab/functions.json declares on its functions (`events`), as the editor's engine reads them.
import * as fs from 'fs';
import * as path from 'path';
import type { EventArchitecture } from '../../core/eventing/definitions';
import { functionRulesSource, type FunctionRulesSource } from '../../core/eventing/functionRules';
import { readWorkspaceArchitecture } from '../../core/eventing/workspaceArchitecture';
import { FUNCTIONS_FILE } from '../../core/functions/functionsFile';
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

/** functions.json's rules, when the file exists and declares any. */
function functionRules(dir: string): FunctionRulesSource[] {
  const file = path.join(dir, FUNCTIONS_FILE);
  if (!fs.existsSync(file)) return [];
  const source = functionRulesSource(file, fs.readFileSync(file, 'utf8'));
  return source ? [source] : [];
}

/** Reads template.yaml / template.yml in `dir` and functions.json's rules; a folder with neither loads an empty architecture. */
export function loadWorkspace(dir: string): LoadedWorkspace {
  const template = ['template.yaml', 'template.yml'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
  const rules = functionRules(dir);
  if (!template && !rules.length) return { dir, functions: [], errors: [] };
  const text = template ? fs.readFileSync(template, 'utf8') : '';
  const { architecture, problems } = readWorkspaceArchitecture(template ? [{ file: template, text }] : [], rules);
  const errors = problems.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.start.line + 1}:${d.start.character + 1}: ${d.message}`);
  return { dir, template, architecture, functions: template ? readSamTemplate(text, template).functions : [], errors };
}
