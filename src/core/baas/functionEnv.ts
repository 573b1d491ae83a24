/**
 * Functions reach the BaaS as they reach a hosted Supabase project: through `SUPABASE_URL` and
 * `SUPABASE_ANON_KEY` in their environment (https://supabase.com/docs/guides/functions/secrets, read 2026-11-27).
 * The anon key only: a function that needs more signs its user in, so RLS still decides.
 */
import type { FunctionRuntime } from '../runtime/types';

/** The variables a function gets while the BaaS runs. */
export function baasEnvironment(baas: { url: string; anonKey: string }): Record<string, string> {
  return { SUPABASE_URL: baas.url, SUPABASE_ANON_KEY: baas.anonKey };
}

/**
 * Registers an environment provider on the runtime that adds the BaaS's variables whenever `current()`
 * returns a running BaaS (and nothing when it is stopped). Returns a function that removes the provider.
 */
export function provideBaasEnvironment(runtime: Pick<FunctionRuntime, 'addEnvironmentProvider'>, current: () => { url: string; anonKey: string } | undefined): () => void {
  return runtime.addEnvironmentProvider(() => {
    const baas = current();
    return baas ? baasEnvironment(baas) : undefined;
  });
}
