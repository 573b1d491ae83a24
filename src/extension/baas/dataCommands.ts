// Reset BaaS Data / Restore Backup and Copy Connection Info: the commands that touch the data folder or the clipboard.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { listBackups, resetDatabase, restoreBackup, writeBackup } from '../../core/baas/db/recovery';
import { CommandIds } from '../commandIds';
import type { BaasHost } from './host';

/** Copies `SUPABASE_URL` and `SUPABASE_ANON_KEY` lines, ready for a `.env` file, `curl` or `createClient`. */
export async function copyConnectionInfo(host: BaasHost, ensureRunning: () => Promise<unknown>): Promise<string> {
  await ensureRunning();
  const baas = host.require();
  const text = `SUPABASE_URL=${baas.url}\nSUPABASE_ANON_KEY=${baas.anonKey}\n`;
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(`Copied the BaaS URL (${baas.url}) and anon key. In Node: createClient(process.env.SUPABASE_URL, process.env.SUPABASE_ANON_KEY, { realtime: { transport: WebSocket } }).`);
  return text;
}

/** Runs `work` with the BaaS stopped, restarting it afterwards if it was running. */
async function whileStopped<T>(host: BaasHost, restart: () => Promise<unknown>, work: () => Promise<T>): Promise<T> {
  const wasRunning = host.state === 'running';
  await host.stop();
  try {
    return await work();
  } finally {
    if (wasRunning) await restart();
  }
}

/**
 * "Reset BaaS Data": asks first, backs the running database up (the core's backups, as `baas restore` reads them),
 * then resets: the data folder is moved aside (never deleted) and the next start makes a fresh database and applies
 * the migrations again. Only the embedded database: a Postgres server's data belongs to the learner's server.
 * `confirmed` skips the question (tests only).
 */
export async function resetData(host: BaasHost, usesServer: boolean, restart: () => Promise<unknown>, confirmed = false): Promise<string | undefined> {
  const root = host.dataRoot;
  if (!root) throw new Error('Open a folder first: the BaaS keeps its data in the workspace.');
  if (usesServer) throw new Error('Reset works on the embedded database only. serverlessLab.baas.databaseUrl points at a Postgres server: drop its schemas there yourself.');
  if (!confirmed) {
    const answer = await vscode.window.showWarningMessage('Reset the BaaS data?', { modal: true, detail: 'Every table, row, user and mail starts from scratch, and the migrations in supabase/migrations run again on the next start. The database is backed up first (when it is running) and its folder is kept aside, never deleted.' }, 'Back Up and Reset');
    if (answer !== 'Back Up and Reset') return undefined;
  }
  const db = host.current?.db;
  const backup = db?.dump ? await writeBackup(root, await db.dump()) : undefined;
  const kept = await whileStopped(host, restart, async () => (await resetDatabase(root)).keptAt);
  if (!confirmed) {
    const where = [backup && `backup ${path.basename(backup)}`, kept && `old folder kept as ${path.basename(kept)}`].filter(Boolean).join('; ');
    void vscode.window.showInformationMessage(`The BaaS data was reset${where ? ` (${where})` : ''}.`, ...(backup ? ['Restore Backup'] : [])).then((pick) => {
      if (pick) void vscode.commands.executeCommand(CommandIds.baasRestoreBackup, backup);
    });
  }
  return backup;
}

/** "Restore BaaS Backup…": picks a backup (or takes its file), confirms, and swaps it in (the current folder is kept aside). */
export async function restoreData(host: BaasHost, restart: () => Promise<unknown>, file?: string): Promise<void> {
  const root = host.dataRoot;
  if (!root) throw new Error('Open a folder first: the BaaS keeps its data in the workspace.');
  const backups = await listBackups(root);
  if (!backups.length) {
    void vscode.window.showInformationMessage('There are no BaaS backups yet: one is made before migrations change the database and before Reset BaaS Data.');
    return;
  }
  const chosen = file && backups.includes(file) ? file : (await vscode.window.showQuickPick(backups.map((b) => ({ label: path.basename(b), file: b })), { title: 'Restore which BaaS backup? (newest first)' }))?.file;
  if (!chosen) return;
  const answer = await vscode.window.showWarningMessage(`Restore ${path.basename(chosen)}?`, { modal: true, detail: 'The current BaaS database is replaced by the backup; its folder is kept aside, never deleted.' }, 'Restore');
  if (answer !== 'Restore') return;
  await whileStopped(host, restart, () => restoreBackup(root, chosen));
  void vscode.window.showInformationMessage(`Restored ${path.basename(chosen)}.`);
}
