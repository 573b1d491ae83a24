// The CloudFormation logical ids one function occupies once exported: its own, its role and log group,
// its trigger's resources and parameters, and the ids SAM derives from its events (<Id><EventName>,
// <Id><EventName>Permission). Two functions whose ids overlap cannot both be exported, so scaffolding
// refuses the second name up front instead of the export dropping it later.
import type { FunctionEntry } from '../scaffold/functionsFile';
import { pascalName } from '../scaffold/names';
import { provisionedAlias } from './exporter';
import { roleIds } from './roles';
import { exportTrigger } from './triggers';

/** Every logical id (resources and parameters) that exporting `name` would use. */
export function exportedLogicalIds(name: string, fn: Pick<FunctionEntry, 'trigger' | 'timeoutSec' | 'provider'>): string[] {
  const id = pascalName(name);
  if (fn.provider && fn.provider !== 'aws') return [id];
  const trig = fn.trigger ? exportTrigger(fn.trigger, name, fn.timeoutSec) : undefined;
  const { role, logGroup } = roleIds(id);
  const events = Object.keys(trig?.events ?? {}).flatMap((e) => [`${id}${e}`, `${id}${e}Permission`]);
  return [id, role, logGroup, `${id}Alias${provisionedAlias}`, ...Object.keys(trig?.resources ?? {}), ...Object.keys(trig?.parameters ?? {}), ...events];
}

/**
 * Returns why a new function `name` would collide with an existing one once exported (naming the
 * existing function and the shared logical id), or undefined. Logical ids compare exactly, as
 * CloudFormation does; names that differ only in case or separators map to the same id.
 */
export function logicalIdClash(name: string, fn: Pick<FunctionEntry, 'trigger' | 'timeoutSec' | 'provider'>, existing: Record<string, Pick<FunctionEntry, 'trigger' | 'timeoutSec' | 'provider'>>): string | undefined {
  const mine = new Set(exportedLogicalIds(name, fn));
  for (const [other, entry] of Object.entries(existing)) {
    const shared = exportedLogicalIds(other, entry).find((x) => mine.has(x));
    if (shared) {
      const how = shared === pascalName(name) && shared === pascalName(other) ? 'becomes the SAM logical id' : 'would need the SAM logical id';
      return `"${name}" ${how} "${shared}", which the existing function "${other}" already takes, so one of them could not be exported to SAM; choose another name`;
    }
  }
  return undefined;
}
