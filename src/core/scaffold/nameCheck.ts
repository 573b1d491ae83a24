// The one check a new function's name goes through, in the editor's wizard and in `serverless-lab new`:
// its form and the language's reserved words, the identifiers of the template it is rendered into,
// and clashes with the functions already in functions.json (folder, SAM logical ids).
import { logicalIdClash } from '../sam/logicalIds';
import type { FunctionEntry } from './functionsFile';
import { templateNameClash } from './identifiers';
import type { TemplateManifest } from './manifest';
import { validateFunctionName } from './names';
import { findTrigger, type ScaffoldRequest } from './render';

/** Returns why `req.name` cannot be used for a new function, or undefined when it can. */
export function checkNewFunctionName(manifest: TemplateManifest, read: (relPath: string) => string, req: ScaffoldRequest, existing: Record<string, FunctionEntry> = {}): string | undefined {
  const form = validateFunctionName(req.name, req.language, Object.keys(existing));
  if (form) return form;
  const trigger = findTrigger(manifest, req);
  return templateNameClash(manifest, read, req)
    ?? logicalIdClash(req.name, { trigger: trigger.id, timeoutSec: trigger.config.timeoutSec, provider: req.provider }, existing);
}
