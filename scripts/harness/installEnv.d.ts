// Types for installEnv.js (a plain-Node harness script), so unit tests can import it.

/** True for PATH entries that an outer npm or a package manager adds: node_modules/.bin and npm's node-gyp-bin. */
export function isLifecyclePathEntry(dir: string): boolean;

/** The environment for one inner install: an allowlist of `env`, a cleaned PATH with `prependPath` first, then `set`. */
export function installEnv(env: NodeJS.ProcessEnv, options?: { prependPath?: string[]; set?: Record<string, string> }): Record<string, string>;
