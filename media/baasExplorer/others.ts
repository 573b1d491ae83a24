// The smaller tabs: SQL results, Policies, Users and Inbox.
import type { InboxMail, PolicySnippet, SqlConsoleResult, TableDetails, UserSummary } from '../../src/shared/baasExplorerProtocol';
import { h } from '../shared/dom';
import { button, cell, page, rpc, showError, vscode } from './ctx';

let lastSql: SqlConsoleResult | undefined;

/** Remembers the console's last result (shown when the SQL tab renders). */
export function setSqlResult(result: SqlConsoleResult): void {
  lastSql = result;
}

/** SQL tab: the console's last result as a grid, or its error. */
export function renderSql(root: HTMLElement): void {
  const open = button('Open SQL console', 'terminal', () => vscode.postMessage({ type: 'openSqlConsole' }));
  if (!lastSql) {
    root.replaceChildren(h('p', { class: 'muted' }, 'Run SQL from any .sql editor (Run lens or Ctrl+Enter): results appear here.'), open);
    return;
  }
  const r = lastSql.result;
  const head = h('p', {}, `As ${lastSql.actingLabel}`, r ? ` · ${r.rows.length} row(s)${r.affectedRows !== undefined ? ` · ${r.affectedRows} affected` : ''} · ${r.durationMs.toFixed(1)} ms` : '');
  const body = lastSql.error
    ? h('pre', { class: 'error', role: 'alert' }, lastSql.error)
    : r && r.fields.length
      ? h('table', { class: 'grid', 'aria-label': 'Query result' }, h('thead', {}, h('tr', {}, ...r.fields.map((f) => h('th', { scope: 'col' }, f.name)))), h('tbody', {}, ...r.rows.slice(0, 1000).map((row) => h('tr', {}, ...r.fields.map((f) => h('td', {}, cell(row[f.name])))))))
      : h('p', { class: 'muted' }, 'The statement returned no rows.');
  root.replaceChildren(h('div', { class: 'toolbar' }, open), head, body);
  if (r && r.rows.length > 1000) root.append(h('p', { class: 'muted' }, 'Showing the first 1,000 rows.'));
}

/** Policies tab: every table's RLS state and policies, with "New policy…" snippets. */
export async function renderPolicies(root: HTMLElement): Promise<void> {
  const { tables } = await rpc.request<{ tables: TableDetails[] }>({ type: 'policies' });
  if (!tables.length) {
    root.replaceChildren(h('p', { class: 'muted' }, 'No tables yet.'));
    return;
  }
  root.replaceChildren(
    ...tables.map((t) => {
      const out = h('div', {});
      const ownerCol = t.columns.find((c) => /^(user_id|owner|owner_id|author_id)$/.test(c.name))?.name ?? 'user_id';
      const snippets = h('div', { class: 'toolbar' }, h('span', {}, 'New policy… '), ...(['owner-only', 'public-read', 'authenticated-insert'] as PolicySnippet['id'][]).map((id) => button(id.replace('-', ' '), 'add', () => void rpc.request({ type: 'newPolicy', table: t.name, snippet: id, ownerColumn: ownerCol }).catch((err: Error) => showError(out, err)))));
      return h(
        'section',
        { class: 'card' },
        h('h3', {}, `${t.name} `, h('span', { class: `badge ${t.rlsEnabled ? 'on' : 'off'}` }, t.rlsEnabled ? 'RLS on' : 'RLS off')),
        t.rlsEnabled ? undefined : h('p', { class: 'model' }, 'RLS is off: anon and signed-in users can read and change every row the grants allow. Enable it and add policies.'),
        ...(t.policies.length ? t.policies.map((p) => h('div', { class: 'policy' }, h('strong', {}, p.name), ` · ${p.command} · to ${p.roles.join(', ')}${p.permissive ? '' : ' · restrictive'}`, p.using ? h('pre', {}, `USING (${p.using})`) : undefined, p.check ? h('pre', {}, `WITH CHECK (${p.check})`) : undefined)) : [h('p', { class: 'muted' }, 'No policies.')]),
        snippets,
        out,
      );
    }),
  );
}

/** Users tab: list, create, confirm, reset password, delete (confirmed), and act as. */
export async function renderUsers(root: HTMLElement, actAs: (u: UserSummary) => void): Promise<void> {
  page.users = await rpc.request<UserSummary[]>({ type: 'users' });
  const out = h('div', {});
  const email = h('input', { id: 'new-email', type: 'email', placeholder: 'alice@example.com' });
  const password = h('input', { id: 'new-password', type: 'password', placeholder: 'at least 6 characters' });
  const form = h('form', { class: 'toolbar', 'aria-label': 'Create user' }, h('label', { for: 'new-email' }, 'Email'), email, h('label', { for: 'new-password' }, 'Password'), password, h('button', { type: 'submit' }, 'Create user'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    rpc.request({ type: 'userAction', user: { action: 'create', email: email.value, password: password.value } }).then(() => renderUsers(root, actAs), (err: Error) => showError(out, err));
  });
  const act = (u: UserSummary, action: 'confirm' | 'recover' | 'delete') => rpc.request({ type: 'userAction', user: action === 'recover' ? { action, email: u.email } : { action, id: u.id } }).then(() => renderUsers(root, actAs), (err: Error) => showError(out, err));
  const rows = page.users.map((u) => {
    const actions = h('td', { class: 'actions' });
    const acting = page.status?.actingAs.kind === 'user' && page.status.actingAs.id === u.id;
    const del = button('Delete', 'trash', () => actions.replaceChildren(h('span', { role: 'alert' }, `Delete ${u.email}? `), button('Yes, delete', 'check', () => void act(u, 'delete')), button('Cancel', 'close', () => void renderUsers(root, actAs))));
    actions.append(button(acting ? 'Acting as' : 'Impersonate', 'person', () => actAs(u), acting ? { disabled: '' } : {}), u.confirmed ? '' : button('Confirm email', 'check', () => void act(u, 'confirm')), button('Reset password', 'key', () => void act(u, 'recover')), del);
    return h('tr', {}, h('th', { scope: 'row' }, u.email), h('td', {}, u.confirmed ? 'confirmed' : 'unconfirmed'), h('td', {}, u.createdAt), h('td', {}, u.lastSignInAt ?? 'never'), actions);
  });
  root.replaceChildren(form, out, rows.length ? h('table', { class: 'grid', 'aria-label': 'Users' }, h('thead', {}, h('tr', {}, ...['Email', 'Email', 'Created', 'Last sign-in', 'Actions'].map((c, i) => h('th', { scope: 'col' }, i === 1 ? 'Status' : c)))), h('tbody', {}, ...rows)) : h('p', { class: 'muted' }, 'No users yet.'));
}

/** Inbox tab: mails with working links (followed through the host, only to the local BaaS). */
export async function renderInbox(root: HTMLElement): Promise<void> {
  const mails = await rpc.request<InboxMail[]>({ type: 'inbox' });
  if (!mails.length) {
    root.replaceChildren(h('p', { class: 'muted' }, 'The Inbox is empty. Sign-up confirmations, magic links, password resets and mails sent by functions arrive here; nothing leaves your machine.'));
    return;
  }
  root.replaceChildren(
    ...mails.map((m) => {
      const out = h('p', { 'aria-live': 'polite' });
      return h('article', { class: 'card mail' }, h('h3', {}, m.subject), h('p', { class: 'muted' }, `To ${m.to} · ${m.kind === 'function' ? 'sent by a function (/mail/v1)' : m.kind} · ${m.createdAt}`), h('pre', {}, m.body), m.link ? button('Follow link', 'link-external', () => rpc.request<string>({ type: 'followLink', url: m.link as string }).then((t) => (out.textContent = t), (err: Error) => showError(out, err))) : undefined, out);
    }),
  );
}
