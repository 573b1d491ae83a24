// Routing one event against many rules without walking every rule: each plain-value condition is
// indexed by path and value (as event-ruler's state machine shares transitions), an event's
// fields are looked up once, and only rules whose plain-value conditions all hit are evaluated.
import { flattenEvent, pathTree, type EventFields, type Field } from './fields';
import { compileSubRules, type Step, type SubRule } from './compile';
import { matchSubRule } from './evaluate';
import { explainSubRules } from './explain';
import { PatternError, type CompiledRuleSet, type NamedPattern } from './types';

interface Candidate {
  rule: number;
  subRule: SubRule;
  /** How many indexed steps must hit before the sub-rule is worth evaluating. */
  needed: number;
  hits: number;
  epoch: number;
}

type Hits = [Candidate, number][];

/** Plain values of one path, by kind, so that lookups need no string building. */
interface ValueIndex {
  strings: Map<string, Hits>;
  numbers: Map<number, Hits>;
  /** Numbers that only match their spelling, and true/false/null. */
  spellings: Map<string, Hits>;
}

function addHit(index: ValueIndex, key: string, hit: [Candidate, number]): void {
  const kind = key.charAt(0);
  const rest = key.slice(1);
  const map: Map<string | number, Hits> = kind === 's' ? index.strings : kind === 'n' ? index.numbers : index.spellings;
  const mapKey = kind === 'n' ? Number(rest) : kind === 'l' ? `l${rest}` : rest;
  const list = map.get(mapKey);
  if (list) list.push(hit);
  else map.set(mapKey, [hit]);
}

function lookup(index: ValueIndex, field: Field): Hits | undefined {
  if (field.kind === 'string') return index.strings.get(field.text);
  if (field.kind === 'number') return field.num === undefined ? index.spellings.get(field.text) : index.numbers.get(field.num);
  return index.spellings.get(`l${field.text}`);
}

/** A step is indexable when every alternative is a plain value (no operator, no absence). */
function indexable(step: Step): boolean {
  return !step.absent && step.leaves.every((l) => l.key !== undefined);
}

/** Compiles named rules; throws PatternError naming the rule and the offending path. */
export function compileRuleSet(rules: NamedPattern[]): CompiledRuleSet {
  const compiled = rules.map(({ name, pattern }) => {
    try {
      return compileSubRules(pattern);
    } catch (err) {
      if (err instanceof PatternError) throw new PatternError(err.path, err.reason, name);
      throw err;
    }
  });
  const candidates: Candidate[] = [];
  const alwaysCheck: Candidate[] = [];
  // path -> value -> [candidate, step id] pairs
  const index = new Map<string, ValueIndex>();
  const stepSeen: number[] = [];
  compiled.forEach((subRules, rule) => {
    for (const subRule of subRules) {
      const candidate: Candidate = { rule, subRule, needed: 0, hits: 0, epoch: -1 };
      candidates.push(candidate);
      for (const step of subRule.filter(indexable)) {
        const stepId = stepSeen.push(-1) - 1;
        candidate.needed++;
        let byValue = index.get(step.path);
        if (!byValue) index.set(step.path, (byValue = { strings: new Map(), numbers: new Map(), spellings: new Map() }));
        for (const leaf of step.leaves) addHit(byValue, leaf.key as string, [candidate, stepId]);
      }
      if (candidate.needed === 0) alwaysCheck.push(candidate);
    }
  });
  const keep = pathTree(compiled.flat(2).map((step) => step.path));
  let epoch = 0;
  const ruleMatched = new Int32Array(rules.length).fill(-1);

  const matchFields = (fields: EventFields): string[] => {
    epoch++;
    const matched: number[] = [];
    const check = (c: Candidate): void => {
      if (ruleMatched[c.rule] !== epoch && matchSubRule(c.subRule, fields)) {
        ruleMatched[c.rule] = epoch;
        matched.push(c.rule);
      }
    };
    for (const [path, byValue] of index) {
      const values = fields.get(path);
      if (!values) continue;
      for (const field of values) {
        const hits = lookup(byValue, field);
        if (!hits) continue;
        for (const [c, stepId] of hits) {
          if (stepSeen[stepId] === epoch) continue;
          stepSeen[stepId] = epoch;
          if (c.epoch !== epoch) {
            c.epoch = epoch;
            c.hits = 0;
          }
          if (++c.hits === c.needed) check(c);
        }
      }
    }
    for (const c of alwaysCheck) check(c);
    return matched.sort((a, b) => a - b).map((i) => (rules[i] as NamedPattern).name);
  };

  return {
    match: (event) => matchFields(flattenEvent(event, keep)),
    explain: (ruleName, event) => {
      const at = rules.findIndex((r) => r.name === ruleName);
      if (at < 0) throw new Error(`no rule named "${ruleName}" in this rule set`);
      return explainSubRules(compiled[at] as SubRule[], flattenEvent(event));
    },
  };
}
