/** What the BaaS bench loads from source (bundled by bench/baas.bench.mjs). */
export { startBaas } from '../src/core/baas';
export { openPglite, ensureTemplate } from '../src/core/baas/db/pglite';
