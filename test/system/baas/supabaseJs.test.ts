import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { RunningBaas } from '../../../src/core/baas';
import { startTestBaas, tempWorkspace } from './helpers';

describe('baas with the real @supabase/supabase-js client', function () {
  this.timeout(180_000);
  let workspace: string;
  let baas: RunningBaas;
  before(async () => {
    workspace = tempWorkspace();
    baas = await startTestBaas(workspace);
  });
  after(async () => {
    await baas?.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  // On Node 20 createClient needs a WebSocket implementation for realtime, even when realtime is unused.
  const client = () =>
    createClient(baas.url, baas.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    });

  it('signs up, signs in, reads the user, refreshes and signs out', async () => {
    const supabase = client();
    const up = await supabase.auth.signUp({ email: 'js@example.com', password: 'hunter22' });
    assert.equal(up.error, null);
    assert.equal(up.data.user?.email, 'js@example.com');
    const bad = await supabase.auth.signInWithPassword({ email: 'js@example.com', password: 'nope-nope' });
    assert.equal(bad.error?.code, 'invalid_credentials');
    const inn = await supabase.auth.signInWithPassword({ email: 'js@example.com', password: 'hunter22' });
    assert.equal(inn.error, null);
    const me = await supabase.auth.getUser();
    assert.equal(me.data.user?.id, up.data.user?.id);
    const refreshed = await supabase.auth.refreshSession();
    assert.equal(refreshed.error, null);
    assert.notEqual(refreshed.data.session?.refresh_token, inn.data.session?.refresh_token);
    assert.equal((await supabase.auth.signOut()).error, null);
    const reuse = await client().auth.refreshSession({ refresh_token: refreshed.data.session!.refresh_token });
    assert.ok(reuse.error, 'a signed-out session cannot be refreshed');
  });

  it('lists users with the service-role key only', async () => {
    const admin = createClient(baas.url, baas.serviceRoleKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    });
    const listed = await admin.auth.admin.listUsers();
    assert.equal(listed.error, null);
    assert.ok(listed.data.users.some((u) => u.email === 'js@example.com'));
    const denied = await client().auth.admin.listUsers();
    assert.ok(denied.error);
  });
});
