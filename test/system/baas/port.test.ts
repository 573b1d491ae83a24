// The editor restarts the BaaS on the workspace's last port (so SUPABASE_URL in scripts and functions survives a
// reload), and falls back to a free port only when that one is taken and only when it was a preference.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { startBaas, type RunningBaas } from '../../../src/core/baas';
import { defaultTemplateCacheDir } from '../../../src/core/baas/db/pglite';
import { tempWorkspace } from './helpers';

const portOf = (baas: RunningBaas): number => Number(new URL(baas.url).port);

describe('BaaS port: the last one first, a free one when it is taken', function () {
  this.timeout(240_000);
  const workspaces: string[] = [];
  const running: RunningBaas[] = [];
  const start = async (port?: number, portIsPreference?: boolean): Promise<RunningBaas> => {
    const workspace = tempWorkspace();
    workspaces.push(workspace);
    const baas = await startBaas({ workspace, templateCacheDir: defaultTemplateCacheDir(), ...(port ? { port, portIsPreference } : {}) });
    running.push(baas);
    return baas;
  };

  after(async () => {
    for (const baas of running.splice(0)) await baas.close().catch(() => undefined);
    for (const w of workspaces) fs.rmSync(w, { recursive: true, force: true });
  });

  it('reuses a free preferred port, moves off a taken one, and refuses a taken required one', async () => {
    const first = await start();
    const port = portOf(first);
    await first.close();
    running.splice(running.indexOf(first), 1);
    const again = await start(port, true);
    assert.equal(portOf(again), port, 'the preferred port is used when it is free');
    const moved = await start(port, true);
    assert.notEqual(portOf(moved), port, 'a taken preferred port falls back to a free one');
    assert.equal((await fetch(`${moved.url}/auth/v1/health`)).status < 500, true, 'the fallback server answers');
    await assert.rejects(start(port), (err: NodeJS.ErrnoException) => err.code === 'EADDRINUSE', 'a required port that is taken is an error');
  });
});
