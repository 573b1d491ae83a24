// Field-by-field reasons for a verdict, written for learners: which condition held or failed,
// against which value, and the usual surprises (type mismatches, objects where a value was
// expected, conditions met in different elements of one array).
import type { EventFields, Field } from './fields';
import type { SubRule } from './compile';
import { matchSubRule, stepHoldsFor } from './evaluate';
import type { Explanation, LeafExplanation } from './types';

type Leaf = Explanation['leaves'][number];

function kindOf(field: Field): string {
  return field.kind === 'literal' ? field.text : field.kind;
}

function actualOf(values: Field[]): unknown {
  if (values.length === 0) return undefined;
  if (values.length === 1) return values[0]?.raw;
  return values.map((v) => v.raw);
}

function hasObjectAt(fields: EventFields, path: string): boolean {
  const prefix = `${path}.`;
  for (const key of fields.keys()) if (key.startsWith(prefix)) return true;
  return false;
}

function explainStep(rule: SubRule, index: number, fields: EventFields): LeafExplanation {
  const step = rule[index] as SubRule[number];
  const values = fields.get(step.path) ?? [];
  const base = { path: step.path, condition: step.condition, actual: actualOf(values) };
  if (values.length === 0) {
    if (step.absent) return { ...base, matched: true, note: 'absent, as {"exists": false} requires' };
    const note = hasObjectAt(fields, step.path)
      ? 'the event has an object here; conditions match leaf values (nest the pattern deeper)'
      : 'the event has no value at this path';
    return { ...base, matched: false, note };
  }
  const holding = values.filter((v) => stepHoldsFor(step, v));
  if (holding.length > 0) {
    const note = values.length > 1 ? `${holding.length} of ${values.length} values hold` : undefined;
    return { ...base, matched: true, ...(note ? { note } : {}) };
  }
  if (step.absent && step.leaves.length === 0) return { ...base, matched: false, note: 'present, but {"exists": false} requires it to be absent' };
  const accepted = new Set(step.leaves.map((l) => l.accepts));
  const kinds = [...new Set(values.map(kindOf))];
  if (!accepted.has('any') && values.every((v) => !accepted.has(v.kind as 'string'))) {
    return { ...base, matched: false, note: `the condition compares ${[...accepted].join(' or ')} values; the event has ${kinds.join(', ')}` };
  }
  return { ...base, matched: false, note: values.length > 1 ? `none of the ${values.length} values holds` : 'the value does not hold' };
}

/** Explains one compiled pattern (its `$or` branches) against flattened fields. */
export function explainSubRules(rules: SubRule[], fields: EventFields): Explanation {
  const leaves: Leaf[] = [];
  let matched = false;
  rules.forEach((rule, branch) => {
    const branchMatched = matchSubRule(rule, fields);
    matched ||= branchMatched;
    const steps = rule.map((_, i) => explainStep(rule, i, fields));
    if (!branchMatched && steps.every((s) => s.matched)) {
      // Each condition holds somewhere, but not together: event-ruler's array consistency.
      for (const s of steps) {
        if ((fields.get(s.path) ?? []).some((f) => f.membership.length > 0)) {
          s.matched = false;
          s.note = 'holds only in a different array element than the other conditions (conditions on objects in an array must hold in the same element)';
        }
      }
    }
    for (const s of steps) leaves.push(rules.length > 1 ? { ...s, branch } : s);
  });
  return { matched, leaves };
}
