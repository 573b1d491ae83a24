// Matching one sub-rule against an event's fields, as event-ruler's array-consistent finder does:
// steps are taken in path order, each picks a value consistent with the array elements used so
// far, and `exists: false` holds when no consistent value exists at that point.
import { extendMembership, type EventFields, type Field } from './fields';
import type { Step, SubRule } from './compile';

function holds(step: Step, field: Field): boolean {
  for (const leaf of step.leaves) if (leaf.test(field)) return true;
  return false;
}

/** Failed (step, membership) states, so that arrays cannot make the search exponential. */
type Memo = Set<string>;

function search(rule: SubRule, fields: EventFields, i: number, membership: number[], memo: { failed?: Memo }): boolean {
  const step = rule[i];
  if (!step) return true;
  const values = fields.get(step.path);
  let consistentValue = false;
  if (values) {
    const branching = values.length > 1;
    for (const field of values) {
      const next = extendMembership(membership, field.membership);
      if (!next) continue;
      consistentValue = true;
      if (!holds(step, field)) continue;
      if (!branching) {
        if (search(rule, fields, i + 1, next, memo)) return true;
        continue;
      }
      // Several values lead to the same later states: remember the ones that failed.
      const key = `${i + 1}|${next.join(',')}`;
      if (memo.failed?.has(key)) continue;
      if (search(rule, fields, i + 1, next, memo)) return true;
      (memo.failed ??= new Set()).add(key);
    }
  }
  return step.absent && !consistentValue && search(rule, fields, i + 1, membership, memo);
}

/** True when every step of the sub-rule holds with array consistency. */
export function matchSubRule(rule: SubRule, fields: EventFields): boolean {
  return search(rule, fields, 0, [], {});
}

/** Does any leaf of the step hold for this one value (ignoring array consistency)? */
export function stepHoldsFor(step: Step, field: Field): boolean {
  return holds(step, field);
}
