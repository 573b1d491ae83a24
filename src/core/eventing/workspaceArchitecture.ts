// One event architecture for a whole workspace: every SAM template's resources merged, with each
// template's problems kept on its own file and line (the editor host applies the result to one engine).
import type { SamDiagnostic } from '../sam/reader';
import { readEventArchitecture, type EventArchitecture } from './definitions';
import { readFunctionRules, type FunctionRulesSource } from './functionRules';

/** A template's path and text. */
export interface TemplateSource {
  file: string;
  text: string;
}

/** The merged architecture and every template's problems. */
export interface WorkspaceArchitecture {
  architecture: EventArchitecture;
  problems: SamDiagnostic[];
  /** The templates read, in the order given. */
  files: string[];
}

/**
 * Reads and merges templates; a name declared by two templates is reported on the second one. Then adds
 * the rules functions.json files declare on their functions (`functionSources`), for functions no template declares.
 */
export function readWorkspaceArchitecture(templates: TemplateSource[], functionSources: readonly FunctionRulesSource[] = []): WorkspaceArchitecture {
  const merged: EventArchitecture = { queues: [], buses: [], rules: [], topics: [], subscriptions: [], mappings: [], asyncConfigs: {}, functions: [] };
  const problems: SamDiagnostic[] = [];
  const owner = new Map<string, string>();
  for (const { file, text } of templates) {
    const { architecture: a, diagnostics } = readEventArchitecture(text, file);
    problems.push(...diagnostics);
    const claim = (kind: string, name: string): boolean => {
      const first = owner.get(`${kind}:${name}`);
      if (first && first !== file) {
        problems.push({ severity: 'warning', message: `${kind} ${name} is also declared in ${first}; this template's definition is ignored`, file, start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
        return false;
      }
      owner.set(`${kind}:${name}`, file);
      return true;
    };
    merged.queues.push(...a.queues.filter((q) => claim('Queue', q.name)));
    merged.topics.push(...a.topics.filter((t) => claim('Topic', t)));
    merged.buses.push(...a.buses.filter((b) => !merged.buses.includes(b)));
    merged.rules.push(...a.rules.filter((r) => claim('Rule', `${r.bus}/${r.name}`)));
    merged.subscriptions.push(...a.subscriptions);
    merged.mappings.push(...a.mappings);
    for (const [fn, cfg] of Object.entries(a.asyncConfigs)) if (claim('Function', fn)) merged.asyncConfigs[fn] = cfg;
    merged.functions.push(...a.functions.filter((f) => !merged.functions.includes(f)));
  }
  const fromFunctions = readFunctionRules(functionSources, merged.functions, merged.buses);
  problems.push(...fromFunctions.problems);
  for (const { rule, file, line } of fromFunctions.rules) {
    const first = owner.get(`Rule:${rule.bus}/${rule.name}`);
    const at = { line, character: 0 };
    if (first) problems.push({ severity: 'warning', message: `Rule ${rule.name} is also declared in ${first}; ${rule.description} is ignored`, file, start: at, end: at });
    else merged.rules.push(rule);
  }
  return { architecture: merged, problems, files: templates.map((t) => t.file) };
}
