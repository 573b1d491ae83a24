// The BaaS feature, built as its own lazy bundle (dist/lazy/baas.js, scripts/lazyModules.mjs): the host, status
// bar, tree, explorer panel and SQL console are created on the first BaaS command or view, never at activation.
import * as vscode from 'vscode';
import { connectBaasEvents } from '../../core/baas/events';
import { listUsers } from '../../core/baas/explorer/users';
import { provideBaasEnvironment } from '../../core/baas/functionEnv';
import type { ActingAs } from '../../core/baas/explorer/users';
import { BAAS_EXPLORER_WEBVIEW_SCHEMA, migrateBaasExplorerState, type BaasExplorerRequest, type ExplorerTab } from '../../shared/baasExplorerProtocol';
import { parseMessage } from '../../shared/webviewMessaging';
import { CommandIds } from '../commandIds';
import { SettingKeys } from '../config';
import { getLogger, showLog } from '../log';
import type { ExtensionServices } from '../services';
import { copyConnectionInfo, resetData, restoreData } from './dataCommands';
import { answerExplorerRequest } from './explorerRequests';
import { ExplorerPanelManager } from './explorerPanel';
import { BaasHost } from './host';
import { SqlConsole } from './sqlConsole';
import { BaasTreeProvider } from './tree';

const log = getLogger('baas');

/** What the entry's stubs call into. */
export interface BaasFeature {
  host: BaasHost;
  tree: BaasTreeProvider;
  /** Runs one BaaS command by id. */
  command(id: string, args: unknown[]): Promise<unknown>;
  /** Adopts an explorer panel restored after a reload. */
  restorePanel(panel: vscode.WebviewPanel, state: unknown): void;
}

/**
 * Functions see the BaaS (issue 15): `SUPABASE_URL`, the keys and the mail API in their environment while it runs,
 * and its changes (rows of the public tables, including ones created later, sign-ups, storage uploads and deletes) put on
 * the workspace's event engine as events, so a template's rules route them to functions. Best effort: a
 * workspace without an event architecture still gets a working BaaS, and the reason is logged.
 */
function wireFunctions(services: ExtensionServices, host: BaasHost, subscriptions: vscode.Disposable[]): void {
  void services.runtime().then(
    (runtime) => subscriptions.push({ dispose: provideBaasEnvironment(runtime, () => host.current) }),
    (err: unknown) => log.warn(`functions will not get SUPABASE_URL: ${err instanceof Error ? err.message : String(err)}`),
  );
  let connection: { close(): Promise<void> } | undefined;
  /** Set while a connection is being made: state events arrive in bursts, and one connection is enough. */
  let connecting = false;
  let stopObjects: (() => void) | undefined;
  const disconnect = async (): Promise<void> => {
    stopObjects?.();
    stopObjects = undefined;
    const c = connection;
    connection = undefined;
    await c?.close().catch(() => undefined);
  };
  const connect = async (baas = host.current): Promise<void> => {
    if (!baas || connection || connecting) return;
    connecting = true;
    try {
      const eventing = await services.eventing();
      const tables = (await baas.db.query<{ name: string }>("select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1")).rows.map((r) => r.name);
      // The engine is rebuilt when templates change: always put on the current one.
      const events = await connectBaasEvents(baas.db, { putEvents: (entries) => eventing.engine().putEvents(entries) }, { tables, followNewTables: true, onError: (m) => log.warn(`BaaS event: ${m}`) });
      connection = events;
      stopObjects = baas.onObjectEvent((e) => events.onObjectEvent(e));
      log.info(`BaaS changes become events: ${tables.length ? tables.join(', ') : 'no public tables yet'}, sign-ups and storage`);
    } catch (err) {
      log.warn(`BaaS changes will not become events: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      connecting = false;
    }
  };
  const follow = (): void => {
    if (host.state === 'running') void connect();
    else if (host.state !== 'starting') void disconnect();
  };
  // Connected before the state becomes running, so a sign-up right after "running" is not missed; follow() is the
  // fallback (and disconnects on stop).
  subscriptions.push(host.onWillRun((baas) => connect(baas)), host.onDidChange(follow), { dispose: () => void disconnect() });
}

/** Workspace state: the BaaS was running when the window last closed or reloaded. */
const RESUME_KEY = 'serverlessLab.baas.resume';
/** Workspace state: the BaaS's last port, tried first on the next start so SUPABASE_URL stays the same. */
const PORT_KEY = 'serverlessLab.baas.port';

/** Creates the feature once; every disposable goes to the extension's subscriptions. */
export function createBaasFeature(services: ExtensionServices, onStateChange: (state: string) => void): BaasFeature {
  const { context, config } = services;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const host = new BaasHost(folder?.scheme === 'file' ? folder.fsPath : undefined, () => vscode.workspace.isTrusted);
  const panel = new ExplorerPanelManager(context.extensionUri, host);
  const tree = new BaasTreeProvider(host);
  const status = vscode.window.createStatusBarItem('serverlessLab.baas', vscode.StatusBarAlignment.Left, 49);
  status.name = 'Serverless Lab BaaS';
  status.command = CommandIds.baasMenu;
  const updateStatus = (): void => {
    const s = host.state;
    const who = host.actingAs.kind === 'user' ? ` · $(person) ${host.actingAs.email}` : '';
    status.text = s === 'running' ? `$(database) BaaS ${host.current?.url.replace('http://', '')}${who}` : s === 'starting' ? '$(loading~spin) BaaS starting…' : s === 'failed' ? '$(error) BaaS failed' : s === 'untrusted' ? '$(workspace-untrusted) BaaS' : '$(database) BaaS stopped';
    status.tooltip = s === 'running' ? `Local BaaS at ${host.current?.url}, acting as ${host.actingLabel}. Click for options.` : s === 'failed' ? `The BaaS could not start: ${host.error}` : s === 'untrusted' ? 'The BaaS does not start in an untrusted workspace.' : 'Local BaaS: click to start it.';
    status.accessibilityInformation = { label: status.tooltip, role: 'button' };
    status.backgroundColor = s === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    if (s === 'noFolder') status.hide();
    else status.show();
    onStateChange(s);
  };
  updateStatus();
  const ensureRunning = (): Promise<unknown> => (host.state === 'running' ? Promise.resolve(host.current) : start());
  const sql = new SqlConsole(host, panel, context.workspaceState, ensureRunning);
  // Was the BaaS running when the window closed or reloaded? Then a restored explorer panel (first use, never
  // activation) starts it again, so a reload does not leave the learner's open explorer on a stopped BaaS.
  let deactivating = false;
  const rememberRunning = (): void => {
    if (host.state === 'running') {
      void context.workspaceState.update(RESUME_KEY, true);
      const port = Number(/:(\d+)$/.exec(host.current?.url ?? '')?.[1]);
      if (port) void context.workspaceState.update(PORT_KEY, port);
    }
    else if (host.state === 'stopped' && !deactivating) void context.workspaceState.update(RESUME_KEY, false);
  };
  context.subscriptions.push(host, panel, tree, status, sql, host.onDidChange(updateStatus), host.onDidChange(rememberRunning), vscode.languages.registerCodeLensProvider({ language: 'sql' }, sql));
  services.onDeactivate(() => {
    deactivating = true;
    return host.stop();
  });
  wireFunctions(services, host, context.subscriptions);

  /** Start BaaS, with progress; failures get a message with the recovery path. */
  async function start(): Promise<unknown> {
    const databaseUrl = config.get<string>(SettingKeys.baasDatabaseUrl, '').trim();
    let cancelled = false;
    try {
      const running = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Starting the BaaS', cancellable: true }, (progress, token) => {
        token.onCancellationRequested(() => (cancelled = true));
        const statementTimeoutSeconds = config.get<number>(SettingKeys.baasStatementTimeoutSeconds, 30);
        const preferredPort = context.workspaceState.get<number>(PORT_KEY);
        return host.start({ databaseUrl, autoConfirm: config.get<boolean>(SettingKeys.baasAutoConfirm, false), statementTimeoutSeconds, preferredPort }, (message) => progress.report({ message }));
      });
      // PGlite cannot be interrupted while it loads, so a cancelled start is stopped as soon as it is up.
      if (cancelled) {
        await host.stop();
        return undefined;
      }
      return running;
    } catch (err) {
      startFailed(err, !!databaseUrl);
      throw Object.assign(new Error(err instanceof Error ? err.message : String(err)), { reported: true });
    }
  }

  function startFailed(err: unknown, usesServer: boolean): void {
    const message = err instanceof Error ? err.message : String(err);
    log.error(`start failed: ${err instanceof Error ? (err.stack ?? message) : message}`);
    if (host.state === 'untrusted' || host.state === 'noFolder') {
      void vscode.window.showWarningMessage(message, ...(host.state === 'untrusted' ? ['Manage Workspace Trust'] : [])).then((pick) => pick && vscode.commands.executeCommand('workbench.trust.manage'));
    } else if (/\.sql: /.test(message)) {
      void vscode.window.showErrorMessage(`A migration failed, so the BaaS did not start: ${message}. Fix the file in supabase/migrations, then Start BaaS again.`, 'Show Log').then((pick) => pick && showLog());
    } else if (usesServer) {
      void vscode.window.showErrorMessage(`Could not use the Postgres server in serverlessLab.baas.databaseUrl: ${message}`, 'Open Settings', 'Show Log').then((pick) => {
        if (pick === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'serverlessLab.baas.databaseUrl');
        if (pick === 'Show Log') showLog();
      });
    } else {
      void vscode.window
        .showErrorMessage(`The embedded database in .serverless-lab/baas could not be opened: ${message}. It may be damaged, or in use by another process (a "serverless-lab baas serve" on this folder).`, 'Restore Backup…', 'Reset BaaS Data…', 'Show Log')
        .then((pick) => {
          if (pick === 'Restore Backup…') void vscode.commands.executeCommand(CommandIds.baasRestoreBackup);
          if (pick === 'Reset BaaS Data…') void vscode.commands.executeCommand(CommandIds.baasResetData);
          if (pick === 'Show Log') showLog();
        });
    }
  }

  async function impersonate(arg?: unknown): Promise<ActingAs | undefined> {
    const fromTree = (arg as { user?: { id: string; email: string } } | undefined)?.user;
    if (fromTree) {
      host.actAs({ kind: 'user', id: fromTree.id, email: fromTree.email });
      return host.actingAs;
    }
    const actor = parseActor(arg);
    if (actor) {
      host.actAs(actor);
      return actor;
    }
    await ensureRunning();
    const users = await listUsers(host.require().db);
    const items: (vscode.QuickPickItem & { actor: ActingAs })[] = [
      { label: '$(shield) Service role', description: 'bypasses RLS (the default)', actor: { kind: 'service' } },
      { label: '$(globe) anon', description: 'not signed in', actor: { kind: 'anon' } },
      ...users.map((u) => ({ label: `$(person) ${u.email}`, description: u.confirmed ? 'authenticated' : 'authenticated · email not confirmed', actor: { kind: 'user' as const, id: u.id, email: u.email } })),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: `Act as… (now: ${host.actingLabel})`, placeHolder: 'Every BaaS view and the SQL console act as this caller, through RLS' });
    if (pick) host.actAs(pick.actor);
    return pick?.actor;
  }

  const commands: Record<string, (...args: unknown[]) => Promise<unknown>> = {
    [CommandIds.baasStart]: () => start(),
    [CommandIds.baasStop]: () => host.stop(),
    [CommandIds.baasOpenExplorer]: async (tab, table) => {
      if (host.state === 'stopped') void start().catch(() => undefined);
      panel.open(typeof tab === 'string' ? (tab as ExplorerTab) : undefined, typeof table === 'string' ? table : undefined);
      return undefined;
    },
    [CommandIds.baasRunSql]: (uri) => sql.run(uri instanceof vscode.Uri ? uri : undefined),
    [CommandIds.baasSqlHistory]: () => sql.pickHistory(),
    [CommandIds.baasImpersonate]: (arg) => impersonate(arg),
    [CommandIds.baasCopyConnectionInfo]: () => copyConnectionInfo(host, ensureRunning),
    [CommandIds.baasResetData]: (confirmed) => resetData(host, !!config.get<string>(SettingKeys.baasDatabaseUrl, '').trim(), start, confirmed === true && context.extensionMode === vscode.ExtensionMode.Test),
    [CommandIds.baasRestoreBackup]: (name) => restoreData(host, start, typeof name === 'string' ? name : undefined),
    [CommandIds.baasRefresh]: async () => tree.refresh(),
    [CommandIds.baasDeleteUser]: async (node) => {
      await ensureRunning();
      const user =
        (node as { user?: { id: string; email: string } } | undefined)?.user ??
        (await vscode.window.showQuickPick((await listUsers(host.require().db)).map((u) => ({ label: u.email, user: u })), { title: 'Delete which user?' }))?.user;
      if (!user) return;
      const answer = await vscode.window.showWarningMessage(`Delete ${user.email}?`, { modal: true, detail: 'Their sessions end; rows that reference them follow your foreign keys (cascade or error).' }, 'Delete');
      if (answer !== 'Delete') return;
      await answerExplorerRequest(host, { type: 'userAction', requestId: 0, user: { action: 'delete', id: user.id } });
    },
    [CommandIds.baasApplyMigration]: (uri) => sql.applyMigration(uriArg(uri)),
    [CommandIds.baasApplyMigrationClean]: (uri) => sql.applyClean(uriArg(uri)),
    [CommandIds.baasMenu]: () => menu(),
    [CommandIds.baasExplorerRequest]: async (raw) => {
      const message = parseMessage<BaasExplorerRequest>(raw, BAAS_EXPLORER_WEBVIEW_SCHEMA);
      if (!message || !('requestId' in message)) throw new Error('Not a BaaS Explorer request (see src/shared/baasExplorerProtocol.ts).');
      return answerExplorerRequest(host, message);
    },
  };

  async function menu(): Promise<void> {
    const running = host.state === 'running';
    const items: (vscode.QuickPickItem & { command: string })[] = running
      ? [
          { label: '$(database) Open BaaS Explorer', command: CommandIds.baasOpenExplorer },
          { label: '$(copy) Copy Connection Info', description: host.current?.url, command: CommandIds.baasCopyConnectionInfo },
          { label: '$(terminal) Run SQL…', command: CommandIds.baasRunSql },
          { label: '$(person) Impersonate User…', description: host.actingLabel, command: CommandIds.baasImpersonate },
          { label: '$(debug-stop) Stop BaaS', command: CommandIds.baasStop },
        ]
      : [{ label: '$(play) Start BaaS', command: CommandIds.baasStart }, { label: '$(history) Restore BaaS Backup…', command: CommandIds.baasRestoreBackup }];
    const pick = await vscode.window.showQuickPick(items, { title: 'Serverless Lab BaaS' });
    if (pick) await vscode.commands.executeCommand(pick.command);
  }

  return {
    host,
    tree,
    command: (id, args) => {
      const run = commands[id];
      if (!run) return Promise.reject(new Error(`Unknown BaaS command ${id}`));
      return run(...args);
    },
    restorePanel: (webviewPanel, state) => {
      panel.restore(webviewPanel, migrateBaasExplorerState(state));
      if (host.state === 'stopped' && context.workspaceState.get<boolean>(RESUME_KEY)) void start().catch(() => undefined);
    },
  };
}

function uriArg(value: unknown): vscode.Uri {
  const uri = value instanceof vscode.Uri ? value : vscode.window.activeTextEditor?.document.uri;
  if (!uri) throw new Error('Open a migration file (supabase/migrations/*.sql) first.');
  return uri;
}

function parseActor(v: unknown): ActingAs | undefined {
  const a = v as ActingAs | undefined;
  if (!a || typeof a !== 'object') return undefined;
  if (a.kind === 'service' || a.kind === 'anon') return { kind: a.kind };
  if (a.kind === 'user' && typeof a.id === 'string' && typeof a.email === 'string') return { kind: 'user', id: a.id, email: a.email };
  return undefined;
}
