import * as vscode from 'vscode';
import { processWide } from './processWide';

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

/** Shared by every lazy bundle's copy of this module. */
const cache = processWide('contextKeys', () => new Map<keyof ContextKeys, unknown>());

/** Sets a context key, skipping the call when the cached value is unchanged. */
export async function setContext<K extends keyof ContextKeys>(key: K, value: ContextKeys[K]): Promise<void> {
  if (cache.get(key) === value) return;
  cache.set(key, value);
  await vscode.commands.executeCommand('setContext', key, value);
}
