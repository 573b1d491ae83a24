// A learner starts the BaaS, signs up two users with a tiny supabase-js script, and watches their requests in
// the BaaS Explorer: the table grid, a forged insert denied by the owner-only policy (with the policy's SQL),
// a private file in Storage, and the welcome mail a function sent on sign-up. Screenshots in three themes.
import * as fs from 'fs';
import * as path from 'path';
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { apiKeys } from '../../src/core/baas/auth/jwt';
import type { E2EContext } from './e2eContext';

const MIGRATION = `create table notes (
  id bigint generated always as identity primary key,
  user_id uuid not null default auth.uid() references auth.users (id),
  body text not null
);
alter table notes enable row level security;
create policy "own notes" on notes for all to authenticated
  using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
`;

/** Start BaaS → two users sign up with supabase-js → grid → denied request in the monitor → Inbox, in three themes. */
export async function run(t: E2EContext): Promise<void> {
  fs.mkdirSync(path.join(t.workspace, 'supabase', 'migrations'), { recursive: true });
  fs.writeFileSync(path.join(t.workspace, 'supabase', 'migrations', '20261127000000_notes.sql'), MIGRATION);
  const settingsFile = path.join(t.workspace, '.vscode', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  const settings = fs.existsSync(settingsFile) ? (JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>) : {};
  fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, 'serverlessLab.baas.autoConfirm': true }, null, 2));

  // The welcome mail: New Function → AWS Lambda → JavaScript → "BaaS: on user sign-up". Its rule (in
  // functions.json) puts every sign-up on the function, which sends the mail through the BaaS's /mail/v1.
  await t.runCommand('Serverless Lab: New Function…');
  await t.pickQuickItem('AWS Lambda');
  await t.pickQuickItem('JavaScript');
  await t.pickQuickItem('BaaS: on user sign-up');
  const name = t.page.locator('.quick-input-widget .quick-input-box input');
  await t.page.locator('.quick-input-widget .quick-input-title', { hasText: '4/4' }).waitFor({ state: 'visible', timeout: 20000 });
  await name.fill('welcomeMail');
  await name.press('Enter');
  await t.expectVisible(t.page.locator('.tabs-container .tab', { hasText: 'handler.js' }).first(), 'the sign-up handler opens in an editor');
  t.check(fs.readFileSync(path.join(t.workspace, '.serverless-lab', 'functions.json'), 'utf8').includes('User Signed Up'), 'functions.json holds the sign-up rule');

  await t.runCommand('Serverless Lab: Start BaaS');
  // A first start on a machine builds the cached template (initdb): up to a minute.
  const status = t.page.locator('.statusbar-item', { hasText: /BaaS 127\.0\.0\.1:\d+/ });
  await t.expectVisible(status, 'the status bar shows the running BaaS and its address', 180000);
  // The address the status bar shows (it may change when the BaaS restarts after a reload).
  const baasUrl = async (): Promise<string> => {
    const address = /BaaS (127\.0\.0\.1:\d+)/.exec(await status.first().innerText())?.[1];
    t.check(address, 'the status bar names the address');
    return `http://${address}`;
  };
  const url = await baasUrl();
  const secret = fs.readFileSync(path.join(t.workspace, '.serverless-lab', 'baas', 'jwt-secret'), 'utf8').trim();
  const { anonKey } = await apiKeys(secret);

  // The learner's script: two users sign up and write notes; bob then tries to write a note as alice.
  const client = (at = url) => createClient(at, anonKey, { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: WebSocket as never } });
  const alice = client();
  const bob = client();
  const a = await alice.auth.signUp({ email: 'alice@example.com', password: 'secret-123' });
  const b = await bob.auth.signUp({ email: 'bob@example.com', password: 'secret-123' });
  t.check(a.data.session && b.data.session, `both users are signed in (${a.error?.message ?? ''} ${b.error?.message ?? ''})`);
  for (const body of ['Buy oat milk', 'Book the dentist', 'Call Grandma']) t.check(!(await alice.from('notes').insert({ body })).error, `alice saves "${body}"`);
  for (const body of ['Water the plants', 'Renew passport']) t.check(!(await bob.from('notes').insert({ body })).error, `bob saves "${body}"`);
  const forged = await bob.from('notes').insert({ body: 'Ha ha', user_id: a.data.user!.id });
  t.check(forged.error?.code === '42501', `RLS refuses bob's note written as alice (${forged.error?.code})`);
  const mine = await alice.from('notes').select('body');
  t.check(mine.data?.length === 3, `alice reads only her own notes (${mine.data?.length})`);

  await t.runCommand('Serverless Lab: Open BaaS Explorer');
  let page = await t.webview('[role="tablist"]', 60000);
  await page.locator('#tab-tables').click();
  const noteRows = page.locator('table.grid[aria-label="Rows of notes"] tbody tr');
  await t.expectVisible(noteRows.nth(4), 'the grid shows the notes table, with a fifth row');
  const shown = await noteRows.count();
  t.check(shown === 5, `as the service role, the grid shows all five notes (${shown})`);
  await t.screenshot('baas-table-grid');

  await page.locator('#tab-inbox').click();
  const welcome = page.locator('article.mail', { hasText: 'alice@example.com' }).filter({ hasText: 'Welcome!' });
  await t.expectVisible(welcome, 'the function sent alice a welcome mail, in the Inbox', 60000);
  await t.expectVisible(page.locator('article.mail', { hasText: 'bob@example.com' }).filter({ hasText: 'sent by a function' }), 'and bob one');
  await t.screenshot('baas-inbox-welcome');

  await page.locator('#tab-requests').click();
  await page.locator('#f-decision').selectOption('denied');
  const denied = page.locator('.requests .entry', { hasText: '/rest/v1/notes' }).first();
  await t.expectVisible(denied, 'the monitor lists the denied insert');
  await denied.click();
  await t.expectVisible(page.locator('.detail .policy', { hasText: 'own notes' }), 'the detail names the policy that denied it, with its SQL');
  t.check(await page.locator('.detail .error', { hasText: 'row-level security' }).count() === 1, "the detail quotes Postgres's refusal");
  await t.screenshot('baas-monitor-denied');

  // Each theme switch reloads the web workbench: the restored explorer starts the BaaS again (it was running), and
  // the learner re-runs the forged insert, since the monitor keeps requests in memory only.
  for (const theme of ['light', 'high-contrast', 'dark'] as const) {
    await t.setTheme(theme);
    page = await t.webview('[role="tablist"]', 60000);
    await t.expectVisible(t.page.locator('.statusbar-item', { hasText: /BaaS 127\.0\.0\.1:\d+/ }), `the restored explorer starts the BaaS again (${theme})`, 120000);
    const bobAgain = client(await baasUrl());
    t.check(!(await bobAgain.auth.signInWithPassword({ email: 'bob@example.com', password: 'secret-123' })).error, `bob signs in again (${theme})`);
    t.check((await bobAgain.from('notes').insert({ body: 'Ha ha', user_id: a.data.user!.id })).error?.code === '42501', `the forged insert is refused again (${theme})`);
    await page.locator('#tab-requests').click();
    await page.locator('#f-decision').selectOption('denied');
    await page.locator('.requests .entry', { hasText: '/rest/v1/notes' }).first().click();
    await t.expectVisible(page.locator('.detail .policy', { hasText: 'own notes' }), `the denied request's policy is shown (${theme})`);
    await t.screenshot('baas-monitor-denied');
    await page.locator('#tab-inbox').click();
    await t.expectVisible(page.locator('article.mail', { hasText: 'Welcome!' }).first(), `the Inbox keeps the welcome mails (${theme})`);
    await t.screenshot('baas-inbox-welcome');
  }
}
