import * as fs from 'node:fs';
import type { RunningBaas } from '../../../src/core/baas';
import { startTestBaas, tempWorkspace } from './helpers';
import { postgresBin, startCluster } from './postgresCluster';

/** The database backends every BaaS API suite runs on: PGlite on this thread, PGlite in a worker thread (as the extension runs it), real Postgres. */
export const BACKENDS = ['pglite', 'pglite-worker', 'postgres'] as const;
/** One of BACKENDS. */
export type Backend = (typeof BACKENDS)[number];

/** A running BaaS on a temp workspace, on PGlite (in-thread or worker) or on a throwaway real Postgres cluster; `stop` removes everything. */
export async function startOn(backend: Backend): Promise<{ baas: RunningBaas; workspace: string; stop(): Promise<void> }> {
  const workspace = tempWorkspace();
  let cluster: { url: string; stop(): void } | undefined;
  if (backend === 'postgres') {
    const bin = postgresBin();
    if (!bin) throw new Error('Debian postgresql is not installed: apt-get install -y postgresql');
    cluster = await startCluster(bin);
  }
  const baas = await startTestBaas(workspace, true, cluster?.url, backend === 'pglite-worker');
  return {
    baas,
    workspace,
    stop: async () => {
      await baas.close();
      cluster?.stop();
      fs.rmSync(workspace, { recursive: true, force: true });
    },
  };
}
