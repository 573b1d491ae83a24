// EventBridge pattern matching with event-ruler's semantics: the whole content-filtering
// language, array consistency, numbers by value and by spelling, and explanations.
import { flattenEvent } from './fields';
import { compileSubRules } from './compile';
import { matchSubRule } from './evaluate';
import { explainSubRules } from './explain';
import { PatternError, type CompiledPattern } from './types';
import { parseJson } from './json';

export * from './types';
export { compileRuleSet } from './ruleSet';
export { parseJson, stringifyJson, entriesOf, JsonNumber, JsonSyntaxError } from './json';

/** Validates and compiles a pattern; throws PatternError (with the offending path) when it is invalid. */
export function compilePattern(pattern: unknown): CompiledPattern {
  const subRules = compileSubRules(pattern);
  return {
    matches: (event) => {
      const fields = flattenEvent(event);
      return subRules.some((rule) => matchSubRule(rule, fields));
    },
    explain: (event) => explainSubRules(subRules, flattenEvent(event)),
  };
}

/** Compiles a pattern given as JSON text (e.g. PutRule's EventPattern), keeping number spellings; throws PatternError. */
export function compilePatternJson(text: string): CompiledPattern {
  let pattern: unknown;
  try {
    pattern = parseJson(text);
  } catch (err) {
    throw new PatternError('', (err as Error).message);
  }
  return compilePattern(pattern);
}
