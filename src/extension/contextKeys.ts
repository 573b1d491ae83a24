import * as vscode from 'vscode';

/** Context keys (for `when` clauses) and their value types, in one typed map. */
export interface ContextKeys {
  'serverlessLab.hasProgress': boolean;
  'serverlessLab.lessonOpen': boolean;
  'serverlessLab.lessonsCompleted': number;
  /** Exercises passed so far; a walkthrough step can complete on `serverlessLab.exercisesPassed > 0`. */
  'serverlessLab.exercisesPassed': number;
  'serverlessLab.hasLastInvocation': boolean;
  /** The BaaS host's state (stopped, starting, running, …), for the BaaS view's welcome content and menus. */
  'serverlessLab.baasState': string;
}

/** Process-wide, so lazy feature bundles (each with its own copy of this module) share one cache. */
const cache = ((globalThis as Record<symbol, unknown>)[Symbol.for('serverlessLab.contextKeys')] ??= new Map()) as Map<keyof ContextKeys, unknown>;

/** Sets a context key, skipping the call when the cached value is unchanged. */
export async function setContext<K extends keyof ContextKeys>(key: K, value: ContextKeys[K]): Promise<void> {
  if (cache.get(key) === value) return;
  cache.set(key, value);
  await vscode.commands.executeCommand('setContext', key, value);
}
