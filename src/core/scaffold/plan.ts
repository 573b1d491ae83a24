// Plans what a scaffold will create without touching the disk: existing files become conflicts,
// never overwrites, so the UI can offer another name or cancel.
import type { RenderedFunction } from './render';

/** The outcome of planning: files that can be created and the ones that already exist. */
export interface ScaffoldPlan {
  create: string[];
  conflicts: string[];
}

/** Splits the rendered files into creatable ones and conflicts, using `exists(relPath)`. */
export async function planScaffold(rendered: RenderedFunction, exists: (relPath: string) => boolean | Promise<boolean>): Promise<ScaffoldPlan> {
  const plan: ScaffoldPlan = { create: [], conflicts: [] };
  for (const f of rendered.files) (await exists(f.path) ? plan.conflicts : plan.create).push(f.path);
  return plan;
}

/** Suggests a free name by appending 2, 3, … (`processOrder` -> `processOrder2`). */
export async function suggestFreeName(name: string, isFree: (candidate: string) => boolean | Promise<boolean>): Promise<string | undefined> {
  const stem = name.replace(/\d+$/, '');
  for (let i = 2; i < 100; i++) {
    const candidate = `${stem}${i}`;
    if (candidate.length <= 64 && (await isFree(candidate))) return candidate;
  }
  return undefined;
}
