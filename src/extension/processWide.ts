/**
 * One value per extension host process, shared by the activation entry and every lazy feature bundle
 * (scripts/lazyModules.mjs). Each bundle carries its own copy of the modules it imports, so state that must be
 * shared (the log channel, the context-key cache) cannot live in a module variable.
 */
export function processWide<T>(name: string, create: () => T): T {
  const store = globalThis as Record<symbol, unknown>;
  const key = Symbol.for(`serverlessLab.${name}`);
  if (!(key in store)) store[key] = create();
  return store[key] as T;
}
