// Reset BaaS Data / Restore Backup and Copy Connection Info: the commands that touch the data folder or the clipboard.
import * as vscode from 'vscode';
import { backupData, clearData, listBackups, restoreBackup, type BackupInfo } from '../../core/baas/explorer/backups';
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
 * "Reset BaaS Data": asks first, backs the data up, deletes it; the next start makes a fresh database (and applies
 * the migrations again). Only the embedded database: a Postgres server's data belongs to the learner's server.
 * `confirmed` skips the question (tests only).
 */
export async function resetData(host: BaasHost, usesServer: boolean, restart: () => Promise<unknown>, confirmed = false): Promise<BackupInfo | undefined> {
  const root = host.dataRoot;
  if (!root) throw new Error('Open a folder first: the BaaS keeps its data in the workspace.');
  if (usesServer) throw new Error('Reset works on the embedded database only. serverlessLab.baas.databaseUrl points at a Postgres server: drop its schemas there yourself.');
  if (!confirmed) {
    const answer = await vscode.window.showWarningMessage('Reset the BaaS data?', { modal: true, detail: 'Every table, row, user, mail and stored file in .serverless-lab/baas is deleted. A backup is made first, and the migrations in supabase/migrations run again on the next start.' }, 'Back Up and Reset');
    if (answer !== 'Back Up and Reset') return undefined;
  }
  const backup = await whileStopped(host, restart, async () => {
    const saved = await backupData(root, 'reset');
    await clearData(root);
    return saved;
  });
  if (!confirmed) {
    void vscode.window.showInformationMessage(backup ? `The BaaS data was reset. Backup: .serverless-lab/baas/backups/${backup.name}` : 'The BaaS data was reset (there was nothing to back up).', ...(backup ? ['Restore Backup'] : [])).then((pick) => {
      if (pick) void vscode.commands.executeCommand(CommandIds.baasRestoreBackup, backup?.name);
    });
  }
  return backup;
}

/** "Restore BaaS Backup…": picks a backup (or takes `name`), confirms, and swaps it in (the current data is backed up first). */
export async function restoreData(host: BaasHost, restart: () => Promise<unknown>, name?: string): Promise<void> {
  const root = host.dataRoot;
  if (!root) throw new Error('Open a folder first: the BaaS keeps its data in the workspace.');
  const backups = await listBackups(root);
  if (!backups.length) {
    void vscode.window.showInformationMessage('There are no BaaS backups yet: Reset BaaS Data makes one before it deletes anything.');
    return;
  }
  const chosen = name ? backups.find((b) => b.name === name) : (await vscode.window.showQuickPick(backups.map((b) => ({ label: b.name, backup: b })), { title: 'Restore which BaaS backup?' }))?.backup;
  if (!chosen) return;
  const answer = await vscode.window.showWarningMessage(`Restore ${chosen.name}?`, { modal: true, detail: 'The current BaaS data is replaced by the backup (and backed up itself first, as "before-restore").' }, 'Restore');
  if (answer !== 'Restore') return;
  await whileStopped(host, restart, () => restoreBackup(root, chosen));
  void vscode.window.showInformationMessage(`Restored ${chosen.name}.`);
}
