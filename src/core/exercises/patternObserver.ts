// `pattern`: the learner's file is an EventBridge event pattern (or a rules file), and the check's
// `events` go through the real matcher, so an exercise grades exactly what EventBridge would route.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { compilePattern, compileRuleSet, parseJson, PatternError, stringifyJson, type Explanation } from '../eventing/patterns';
import { ObserverFailure, type Observer } from './observerTypes';

/** What `pattern.*` paths read. */
export interface PatternObservation {
  /** Per event of the check, in order: did the pattern match? (pattern files) */
  matches: boolean[];
  /** Per event: the names of the matching rules, in the file's order (rules files). */
  routes: string[][];
  /** Per event: the matcher's field-by-field reasons, one line per condition (`✗ detail.total: {"numeric":[">",100]} event: 50`). */
  explain: string[];
}

/** A file named `*rules.json` holds `{"<rule name>": <pattern>, …}` (as `events route --rules` reads); any other file one pattern. */
export function isRulesFile(file: string): boolean {
  return /rules\.json$/i.test(path.basename(file));
}

function explainLine(e: Explanation): string {
  return e.leaves.map((l) => `${l.matched ? '✓' : '✗'} ${l.path}: ${l.condition} event: ${l.actual === undefined ? 'absent' : stringifyJson(l.actual)}${l.note ? ` (${l.note})` : ''}`).join('; ');
}

/** Observes the learner's pattern or rules file against the check's events. */
export const patternObserver: Observer = {
  key: 'pattern',
  async observe({ check, handlerFile }): Promise<PatternObservation> {
    const name = path.basename(handlerFile);
    const text = await fs.readFile(handlerFile, 'utf8').catch(() => undefined);
    if (text === undefined) throw new ObserverFailure(`${name} was not found: start the exercise again to get the starter file.`, 'pattern file missing');
    let parsed: unknown;
    try {
      parsed = parseJson(text);
    } catch (err) {
      throw new ObserverFailure(`${name} is not valid JSON: ${(err as Error).message}`, 'pattern JSON invalid');
    }
    const events = check.events ?? [];
    try {
      if (isRulesFile(handlerFile)) {
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new PatternError('', 'a rules file is an object of {"<rule name>": <pattern>, …}');
        const rules = compileRuleSet(Object.entries(parsed).map(([rule, pattern]) => ({ name: rule, pattern })));
        const names = Object.keys(parsed);
        return {
          matches: events.map((e) => rules.match(e).length > 0),
          routes: events.map((e) => rules.match(e)),
          explain: events.map((e) => names.map((n) => `${n}: ${explainLine(rules.explain(n, e))}`).join(' | ')),
        };
      }
      const pattern = compilePattern(parsed);
      return { matches: events.map((e) => pattern.matches(e)), routes: [], explain: events.map((e) => explainLine(pattern.explain(e))) };
    } catch (err) {
      if (err instanceof PatternError) throw new ObserverFailure(`EventBridge would reject this pattern: ${err.message}`, `invalid pattern: ${err.message}`);
      throw err;
    }
  },
};
