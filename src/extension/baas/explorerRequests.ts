// Answers the BaaS Explorer's requests (src/shared/baasExplorerProtocol.ts). The page and the integration tests
// (through the internal command serverlessLab.baas.explorerRequest) use this one path, so tests see what the page sees.
import * as vscode from 'vscode';
import { describeTable, deleteRow, insertRow, listTables, readPage, updateRow, type TableSummary } from '../../core/baas/explorer/tables';
import { policySnippets } from '../../core/baas/explorer/policySnippets';
import { confirmEmail, listInbox, listUsers } from '../../core/baas/explorer/users';
import type { BaasExplorerRequest, ExplorerStatus } from '../../shared/baasExplorerProtocol';
import { answerStorageRequest } from './explorerStorage';
import type { BaasHost } from './host';

/** The page's status banner for the host's current state. */
export function explorerStatus(host: BaasHost): ExplorerStatus {
  const reason =
    host.state === 'untrusted' ? 'This workspace is not trusted, so the BaaS does not start and migrations do not run. Trust the folder to use it.'
    : host.state === 'noFolder' ? 'Open a folder: the BaaS keeps its data in the workspace.'
    : host.state === 'failed' ? `The BaaS could not start: ${host.error ?? 'see the log'}`
    : host.state === 'stopped' ? 'The BaaS is stopped. Run "Serverless Lab: Start BaaS".'
    : undefined;
  return { state: host.state, url: host.current?.url, reason, actingAs: host.actingAs, actingLabel: host.actingLabel };
}

async function table(host: BaasHost, name: string): Promise<TableSummary> {
  const found = (await listTables(host.require().db)).find((t) => t.name === name);
  if (!found) throw new Error(`There is no table public.${name}. It may have been dropped: refresh the Tables view.`);
  return found;
}

/** Runs one request; opening documents and following links are the only effects outside the BaaS. */
export async function answerExplorerRequest(host: BaasHost, m: BaasExplorerRequest): Promise<unknown> {
  switch (m.type) {
    case 'tables':
      return listTables(host.require().db);
    case 'describe':
      return describeTable(host.require().db, m.table);
    case 'page':
      return readPage(host.require().db, host.claims(), await table(host, m.table), m.limit, m.after, m.offset);
    case 'insert': {
      const row = await insertRow(host.require().db, host.claims(), m.table, m.values);
      host.touched();
      return row;
    }
    case 'update': {
      const row = await updateRow(host.require().db, host.claims(), await table(host, m.table), m.key, m.changes);
      host.touched();
      return row;
    }
    case 'delete': {
      const n = await deleteRow(host.require().db, host.claims(), await table(host, m.table), m.key);
      host.touched();
      return n;
    }
    case 'users':
      return listUsers(host.require().db);
    case 'userAction':
      await userAction(host, m.user);
      host.touched();
      return undefined;
    case 'actAs':
      host.actAs(m.actor);
      return explorerStatus(host);
    case 'policies': {
      const db = host.require().db;
      const tables = await Promise.all((await listTables(db)).map((t) => describeTable(db, t.name)));
      return { tables, snippets: m.table ? policySnippets(m.table) : [] };
    }
    case 'newPolicy': {
      const snippet = policySnippets(m.table, m.ownerColumn).find((s) => s.id === m.snippet);
      const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: `-- ${snippet?.label}: ${snippet?.detail}\n-- Edit, then run with the Run lens (or Ctrl+Enter). To keep it, save it as a migration in supabase/migrations/.\n${snippet?.sql}` });
      await vscode.window.showTextDocument(doc, vscode.ViewColumn.Beside);
      return undefined;
    }
    case 'requests':
      return host.requests.list(m.filter);
    case 'replay': {
      const entry = host.requests.get(m.id);
      if (!entry) throw new Error('That request is no longer in the log (it keeps the last 1,000).');
      return host.replay(entry, m.actor);
    }
    case 'clearRequests':
      host.requests.clear();
      return undefined;
    case 'inbox':
      return listInbox(host.require().db);
    case 'followLink':
      return followLink(host, m.url);
    case 'buckets':
    case 'createBucket':
    case 'objects':
    case 'upload':
    case 'uploadPick':
    case 'download':
    case 'preview':
    case 'deleteObject':
    case 'signedUrl':
    case 'storagePolicies':
    case 'newStoragePolicy':
    case 'devices':
    case 'registerDevice':
    case 'sendTestPush':
      return answerStorageRequest(host, m);
    default: {
      const never: never = m;
      throw new Error(`Unknown request ${JSON.stringify(never)}`);
    }
  }
}

async function userAction(host: BaasHost, user: Extract<BaasExplorerRequest, { type: 'userAction' }>['user']): Promise<void> {
  switch (user.action) {
    case 'create':
      await host.serviceFetch('/auth/v1/admin/users', { method: 'POST', body: { email: user.email, password: user.password, email_confirm: true } });
      return;
    case 'delete':
      await host.serviceFetch(`/auth/v1/admin/users/${encodeURIComponent(user.id)}`, { method: 'DELETE' });
      if (host.actingAs.kind === 'user' && host.actingAs.id === user.id) host.actAs({ kind: 'service' });
      return;
    case 'confirm':
      await confirmEmail(host.require().db, user.id);
      return;
    case 'recover':
      await host.serviceFetch('/auth/v1/recover', { method: 'POST', body: { email: user.email } });
      return;
  }
}

/** Follows an Inbox link, but only to the running BaaS (a mail is data and could hold any URL). */
async function followLink(host: BaasHost, url: string): Promise<string> {
  const baas = host.require();
  if (!url.startsWith(`${baas.url}/`)) throw new Error(`Only links to the local BaaS (${baas.url}) are followed from the Inbox.`);
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  await res.arrayBuffer();
  host.touched();
  return location ? `${res.status}: verified, redirecting to ${location}` : `${res.status} ${res.statusText}`;
}
