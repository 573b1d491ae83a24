// EventBridge pattern matching. PLACEHOLDER implementation (exact values and arrays of
// alternatives only) so that brokers can be built in parallel; the full matcher replaces it.
import { PatternError, type CompiledPattern, type CompiledRuleSet, type Explanation, type NamedPattern } from './types';

export * from './types';

function leafMatch(condition: unknown[], actual: unknown): boolean {
  const values = Array.isArray(actual) ? actual : [actual];
  return condition.some((c) => values.some((v) => v === c));
}

function walk(pattern: Record<string, unknown>, event: unknown, prefix: string, out: Explanation['leaves']): boolean {
  let ok = true;
  for (const [key, cond] of Object.entries(pattern)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const actual = event && typeof event === 'object' ? (event as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(cond)) {
      const matched = actual !== undefined && leafMatch(cond, actual);
      out.push({ path, condition: JSON.stringify(cond), actual, matched });
      ok &&= matched;
    } else if (cond && typeof cond === 'object') {
      ok = walk(cond as Record<string, unknown>, actual, path, out) && ok;
    } else {
      throw new PatternError(path, 'match values must be in an array');
    }
  }
  return ok;
}

/** Validates and compiles a pattern; throws PatternError when it is invalid. */
export function compilePattern(pattern: unknown): CompiledPattern {
  if (!pattern || typeof pattern !== 'object' || Array.isArray(pattern)) throw new PatternError('', 'a pattern must be a JSON object');
  const p = pattern as Record<string, unknown>;
  walk(p, {}, '', []);
  const explain = (event: unknown): Explanation => {
    const leaves: Explanation['leaves'] = [];
    return { matched: walk(p, event, '', leaves), leaves };
  };
  return { matches: (event) => explain(event).matched, explain };
}

/** Compiles named rules for routing. */
export function compileRuleSet(rules: NamedPattern[]): CompiledRuleSet {
  const compiled = rules.map((r) => ({ name: r.name, pattern: compilePattern(r.pattern) }));
  return { match: (event) => compiled.filter((r) => r.pattern.matches(event)).map((r) => r.name) };
}
