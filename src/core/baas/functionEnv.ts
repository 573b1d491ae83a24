/**
 * Functions reach the BaaS as they reach a hosted Supabase project: through `SUPABASE_URL`, `SUPABASE_ANON_KEY`
 * and `SUPABASE_SERVICE_ROLE_KEY` in their environment, which Supabase Edge Functions get by default
 * (https://supabase.com/docs/guides/functions/secrets, read 2026-11-27). Prefer the anon key and the caller's
 * token so RLS decides; the service-role key bypasses RLS and is for server work such as sending mail.
 * `MAIL_API_URL` and `MAIL_API_KEY` point at the BaaS's local mail API (`/mail/v1/send`, a model of a
 * transactional mail provider): with a real provider, only these two values change.
 * A function's own configuration (functions.json `env`) wins over these.
 */
import type { FunctionRuntime } from '../runtime/types';

/** What a running BaaS exposes to functions. */
export interface BaasEndpoint {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
}

/** The variables a function gets while the BaaS runs. */
export function baasEnvironment(baas: BaasEndpoint): Record<string, string> {
  return {
    SUPABASE_URL: baas.url,
    SUPABASE_ANON_KEY: baas.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: baas.serviceRoleKey,
    MAIL_API_URL: `${baas.url}/mail/v1/send`,
    MAIL_API_KEY: baas.serviceRoleKey,
  };
}

/**
 * Registers an environment provider on the runtime that adds the BaaS's variables whenever `current()`
 * returns a running BaaS (and nothing when it is stopped). Returns a function that removes the provider.
 */
export function provideBaasEnvironment(runtime: Pick<FunctionRuntime, 'addEnvironmentProvider'>, current: () => BaasEndpoint | undefined): () => void {
  return runtime.addEnvironmentProvider(() => {
    const baas = current();
    return baas ? baasEnvironment(baas) : undefined;
  });
}
