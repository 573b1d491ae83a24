// Matching one sub-rule against an event's fields, as event-ruler's array-consistent finder does:
// steps are taken in path order, each picks a value consistent with the array elements used so
// far, and `exists: false` holds when no consistent value exists at that point.
import { extendMembership, type EventFields, type Field } from './fields';
import type { Step, SubRule } from './compile';

function search(rule: SubRule, fields: EventFields, i: number, membership: number[]): boolean {
  const step = rule[i];
  if (!step) return true;
  const values = fields.get(step.path);
  let consistentValue = false;
  if (values) {
    for (const field of values) {
      const next = extendMembership(membership, field.membership);
      if (!next) continue;
      consistentValue = true;
      if (step.leaves.some((leaf) => leaf.test(field)) && search(rule, fields, i + 1, next)) return true;
    }
  }
  return step.absent && !consistentValue && search(rule, fields, i + 1, membership);
}

/** True when every step of the sub-rule holds with array consistency. */
export function matchSubRule(rule: SubRule, fields: EventFields): boolean {
  return search(rule, fields, 0, []);
}

/** Does any leaf of the step hold for this one value (ignoring array consistency)? */
export function stepHoldsFor(step: Step, field: Field): boolean {
  return step.leaves.some((leaf) => leaf.test(field));
}
