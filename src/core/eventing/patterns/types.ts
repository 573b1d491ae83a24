// Contract of the EventBridge pattern matcher (event-ruler semantics). The brokers (rules,
// SNS filter policies), the CLI, the flow view and the playground depend only on this file.

/** An invalid pattern: `path` names the offending field (e.g. `detail.price.numeric[1]`), `rule` the rule in a set. */
export class PatternError extends Error {
  constructor(readonly path: string, readonly reason: string, readonly rule?: string) {
    super(`${rule === undefined ? '' : `rule "${rule}": `}${path ? `${path}: ` : ''}${reason}`);
    this.name = 'PatternError';
  }
}

/** One pattern leaf's verdict, for "why it matched or did not". */
export interface LeafExplanation {
  /** Dotted path of the field in the event (e.g. `detail.state`). */
  path: string;
  /** The pattern's condition as written (e.g. `{"prefix":"ord"}` or `"shipped"`). */
  condition: string;
  /** The event's value(s) at that path; undefined when the field is absent. */
  actual?: unknown;
  matched: boolean;
  /** Why, in a learner's words, when it is not obvious (type mismatch, absent field, array consistency). */
  note?: string;
}

/** Field-by-field explanation of one pattern against one event. */
export interface Explanation {
  matched: boolean;
  /** Every leaf evaluated; for `$or`, each branch's leaves carry the branch index. */
  leaves: (LeafExplanation & { branch?: number })[];
}

/** A validated, compiled pattern. */
export interface CompiledPattern {
  matches(event: unknown): boolean;
  explain(event: unknown): Explanation;
}

/** A compiled set of named rules, routed together (without re-walking every rule per event). */
export interface CompiledRuleSet {
  /** Names of the matching rules, in the order the rules were given. */
  match(event: unknown): string[];
  /** Field-by-field explanation of one rule of the set against an event. */
  explain(ruleName: string, event: unknown): Explanation;
}

/** Named pattern, as given to compileRuleSet. */
export interface NamedPattern {
  name: string;
  pattern: unknown;
}
