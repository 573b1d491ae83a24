// The "BaaS" tree in the Serverless Lab activity bar container: connection, acting-as, tables, users, storage,
// requests, Inbox and simulated devices. Empty while the BaaS is not running, so the view's welcome content (package.json viewsWelcome) says why.
import * as vscode from 'vscode';
import { listTables } from '../../core/baas/explorer/tables';
import { listInbox, listUsers } from '../../core/baas/explorer/users';
import { listBuckets } from '../../core/baas/explorer/storage';
import { countDevices } from '../../core/baas/explorer/devices';
import { CommandIds } from '../commandIds';
import { getLogger } from '../log';
import type { BaasHost } from './host';

const log = getLogger('baas-tree');

/** A node of the BaaS tree. */
export type BaasNode =
  | { kind: 'group'; group: 'tables' | 'users' }
  | { kind: 'item'; item: vscode.TreeItem };

/** Lists what the running BaaS holds; refreshes on state and data changes. */
export class BaasTreeProvider implements vscode.TreeDataProvider<BaasNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<BaasNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subs: vscode.Disposable[];
  private readonly unsubscribe: () => void;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: BaasHost) {
    this.subs = [host.onDidChange(() => this.refresh()), host.onDidChangeData(() => this.refresh())];
    // Requests change the counts (and sign-ups add users): refresh at most every half second.
    this.unsubscribe = host.requests.onEntry(() => {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.refresh();
      }, 500);
    });
  }

  /** Re-reads the whole tree. */
  refresh(): void {
    this.emitter.fire(undefined);
  }

  getTreeItem(node: BaasNode): vscode.TreeItem {
    if (node.kind === 'item') return node.item;
    const item = new vscode.TreeItem(node.group === 'tables' ? 'Tables' : 'Users', vscode.TreeItemCollapsibleState.Expanded);
    item.iconPath = new vscode.ThemeIcon(node.group === 'tables' ? 'table' : 'account');
    item.contextValue = `baasGroup.${node.group}`;
    return item;
  }

  async getChildren(node?: BaasNode): Promise<BaasNode[]> {
    const baas = this.host.current;
    if (!baas || this.host.state !== 'running') return [];
    try {
      if (!node) return this.roots(baas.url);
      if (node.kind === 'group' && node.group === 'tables') return (await listTables(baas.db)).map((t) => this.tableNode(t.name, t.rlsEnabled, t.estimatedRows));
      if (node.kind === 'group' && node.group === 'users') {
        const users = await listUsers(baas.db);
        if (!users.length) return [leaf('No users yet', 'Create one in the explorer\'s Users tab, or sign up with supabase-js.', 'info')];
        return users.map((u) => {
          const item = new vscode.TreeItem(u.email);
          const acting = this.host.actingAs.kind === 'user' && this.host.actingAs.id === u.id;
          item.description = `${u.confirmed ? '' : 'unconfirmed'}${acting ? ' · acting as' : ''}`.replace(/^ · /, '');
          item.tooltip = `${u.id}\ncreated ${u.createdAt}`;
          item.iconPath = new vscode.ThemeIcon(acting ? 'person-filled' : 'person');
          item.contextValue = 'baasUser';
          item.id = `baas-user-${u.id}`;
          item.command = { command: CommandIds.baasOpenExplorer, title: 'Open Users', arguments: ['users'] };
          (item as vscode.TreeItem & { user: unknown }).user = { id: u.id, email: u.email };
          return { kind: 'item', item };
        });
      }
    } catch (err) {
      log.warn(`could not list: ${err instanceof Error ? err.message : String(err)}`);
      return [leaf('Could not read the database', err instanceof Error ? err.message : String(err), 'warning')];
    }
    return [];
  }

  private async roots(url: string): Promise<BaasNode[]> {
    const db = this.host.require().db;
    const [inbox, buckets, devices] = await Promise.all([listInbox(db, 1000), listBuckets(db), countDevices(db)]);
    const acting = leaf(`Acting as ${this.host.actingLabel}`, 'Every view and the SQL console run as this caller. Click to change.', 'shield');
    acting.item.command = { command: CommandIds.baasImpersonate, title: 'Impersonate User…' };
    const conn = leaf(url, 'Click to copy the URL and the anon key.', 'plug');
    conn.item.command = { command: CommandIds.baasCopyConnectionInfo, title: 'Copy Connection Info' };
    const requests = leaf(`Requests (${this.host.requests.list().length})`, 'Every API call, with the policy that allowed or denied it.', 'pulse');
    requests.item.command = { command: CommandIds.baasOpenExplorer, title: 'Open Request Monitor', arguments: ['requests'] };
    const mails = leaf(`Inbox (${inbox.length})`, 'Verification, magic-link and recovery mails, and mails sent by functions.', 'mail');
    mails.item.command = { command: CommandIds.baasOpenExplorer, title: 'Open Inbox', arguments: ['inbox'] };
    const storage = leaf(`Storage (${buckets.length})`, buckets.length ? `Buckets: ${buckets.map((b) => `${b.id} (${b.objectCount} objects${b.public ? ', public' : ''})`).join(', ')}. Browse, upload and download as the acting caller.` : 'No buckets yet: create one in the explorer\'s Storage tab.', 'archive');
    storage.item.command = { command: CommandIds.baasOpenExplorer, title: 'Open Storage', arguments: ['storage'] };
    const phones = leaf(`Devices (${devices})`, 'Simulated devices registered through /push/v1 (a model of FCM/APNs) and the notifications they received.', 'device-mobile');
    phones.item.command = { command: CommandIds.baasOpenExplorer, title: 'Open Devices', arguments: ['devices'] };
    return [conn, acting, { kind: 'group', group: 'tables' }, { kind: 'group', group: 'users' }, storage, requests, mails, phones];
  }

  private tableNode(name: string, rls: boolean, estimate: number): BaasNode {
    const item = new vscode.TreeItem(name);
    item.description = `${rls ? 'RLS on' : 'RLS off'}${estimate >= 0 ? ` · ~${Math.round(estimate)} rows` : ''}`;
    item.iconPath = new vscode.ThemeIcon(rls ? 'lock' : 'unlock');
    item.tooltip = rls ? 'Row-level security is on: only rows a policy allows are visible to anon and users.' : 'Row-level security is off: anon and users see every row the grants allow.';
    item.contextValue = 'baasTable';
    item.id = `baas-table-${name}`;
    item.command = { command: CommandIds.baasOpenExplorer, title: 'Open Table', arguments: ['tables', name] };
    return { kind: 'item', item };
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.unsubscribe();
    this.subs.forEach((d) => d.dispose());
    this.emitter.dispose();
  }
}

function leaf(label: string, tooltip: string, icon: string): { kind: 'item'; item: vscode.TreeItem } {
  const item = new vscode.TreeItem(label);
  item.tooltip = tooltip;
  item.iconPath = new vscode.ThemeIcon(icon);
  return { kind: 'item', item };
}
