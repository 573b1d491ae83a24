// Rules that functions.json declares on its functions (`"events": { "<Name>": { "pattern": {…}, "bus"?: "…" } }`),
// as SAM declares EventBridgeRule events on a function: each becomes a rule on the bus with the function as
// its target, named `<PascalName><EventName>` as the SAM export names the same rule's logical id. New Function
// writes one for the BaaS triggers, so a scaffolded function fires without a template. A function a template
// also declares takes its events from the template (the SAM export copies them there), never from both.
import { parseFunctionsFile } from '../functions/functionsFile';
import type { SamDiagnostic } from '../sam/reader';
import { pascalName } from '../scaffold/names';
import { arnOf } from './arn';
import type { RuleConfig } from './model';
import { compilePattern } from './patterns';

/** One rule of a functions.json entry: an EventBridge pattern, on the default bus unless `bus` names another. */
export interface FunctionEventRule {
  pattern: unknown;
  bus?: string;
}

/** A functions.json file's functions, with the line of each entry (for problems). */
export interface FunctionRulesSource {
  file: string;
  functions: { name: string; line?: number; events?: Record<string, FunctionEventRule> }[];
}

/** The functions of one functions.json text that declare `events` (none: undefined). */
export function functionRulesSource(file: string, text: string): FunctionRulesSource | undefined {
  const functions = parseFunctionsFile(text).entries.filter((e) => e.events).map((e) => ({ name: e.name, line: e.line, events: e.events }));
  return functions.length ? { file, functions } : undefined;
}

/** The rules and what kept some of them out. */
export interface FunctionRules {
  /** Each rule with the functions.json file and line that declared it. */
  rules: { rule: RuleConfig; file: string; line: number }[];
  problems: SamDiagnostic[];
}

/**
 * Builds the rules of every function's `events`. `declaredByTemplates` are function names a SAM template
 * declares (their events come from the template); `buses` are the buses that exist besides `default`.
 */
export function readFunctionRules(sources: readonly FunctionRulesSource[], declaredByTemplates: readonly string[], buses: readonly string[]): FunctionRules {
  const out: FunctionRules = { rules: [], problems: [] };
  const seen = new Set<string>();
  for (const { file, functions } of sources) {
    for (const fn of functions) {
      const events = Object.entries(fn.events ?? {});
      if (!events.length || seen.has(fn.name)) continue; // the first functions.json of a name wins, as in the registry
      seen.add(fn.name);
      const at = { line: fn.line ?? 0, character: 0 };
      const problem = (severity: SamDiagnostic['severity'], message: string) => out.problems.push({ severity, message, file, start: at, end: at });
      if (declaredByTemplates.includes(fn.name)) {
        problem('info', `Function ${fn.name}: its "events" are not used because a SAM template also declares ${fn.name}; the template's Events route to it.`);
        continue;
      }
      for (const [eventName, rule] of events) {
        const bus = rule.bus ?? 'default';
        if (bus !== 'default' && !buses.includes(bus)) {
          problem('error', `Function ${fn.name}, event ${eventName}: bus "${bus}" does not exist; declare an AWS::Events::EventBus named ${bus} in template.yaml, or remove "bus" to use the default bus.`);
          continue;
        }
        try {
          compilePattern(rule.pattern);
        } catch (err) {
          problem('error', `Function ${fn.name}, event ${eventName}: invalid event pattern: ${(err as Error).message}`);
          continue;
        }
        const name = `${pascalName(fn.name)}${eventName}`;
        const config: RuleConfig = { name, bus, eventPattern: rule.pattern, state: 'ENABLED', description: `${fn.name}'s "${eventName}" event (functions.json)`, targets: [{ id: `${name}Target`, arn: arnOf('function', fn.name) }] };
        out.rules.push({ rule: config, file, line: at.line });
      }
    }
  }
  return out;
}
