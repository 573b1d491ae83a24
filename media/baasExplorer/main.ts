// BaaS Explorer page: a banner (state, URL, who every view acts as) and tabs for tables, SQL results, policies,
// users, storage, the request monitor, the Inbox and simulated devices. The host does every query; the page renders and sends edits.
import { parseMessage } from '../../src/shared/webviewMessaging';
import { BAAS_EXPLORER_HOST_SCHEMA, EXPLORER_TABS, migrateBaasExplorerState, type BaasExplorerHostMessage, type ExplorerStatus, type ExplorerTab, type UserSummary } from '../../src/shared/baasExplorerProtocol';
import { h } from '../shared/dom';
import { actorSelect, page, rpc, saveState, showError, vscode } from './ctx';
import { renderInbox, renderPolicies, renderSql, renderUsers, setSqlResult } from './others';
import { addEntry, monitorVisible, renderRequests } from './requests';
import { renderTables } from './tables';
import { renderStorage } from './storage';
import { renderDevices } from './devices';
import { liveAreaOf } from '../../src/shared/baasExplorerLive';

const LABELS: Record<ExplorerTab, string> = { tables: 'Tables', sql: 'SQL', policies: 'Policies', users: 'Users', storage: 'Storage', requests: 'Requests', inbox: 'Inbox', devices: 'Devices' };
const app = document.getElementById('app') as HTMLElement;
const banner = h('header', { class: 'banner', role: 'status' });
const tabs = h('div', { role: 'tablist', 'aria-label': 'BaaS Explorer' });
const panelBox = h('section', { role: 'tabpanel', id: 'tabpanel', tabindex: '0' });
const restored = migrateBaasExplorerState(vscode.getState());
if (restored) page.state = restored;

function actAs(u: UserSummary): void {
  void rpc.request<ExplorerStatus>({ type: 'actAs', actor: { kind: 'user', id: u.id, email: u.email } });
}

function renderBanner(): void {
  const s = page.status;
  if (!s) return;
  const running = s.state === 'running';
  banner.className = `banner ${s.actingAs.kind}`;
  banner.replaceChildren(
    ...present(
    h('span', { class: `codicon codicon-${running ? 'database' : 'circle-slash'}`, 'aria-hidden': 'true' }),
    h('strong', {}, running ? ` BaaS at ${s.url}` : ` BaaS ${s.state}`),
    running ? h('span', { class: 'acting' }, h('label', { for: 'acting-as' }, ' · Acting as '), actorSelect('acting-as', s.actingAs, (actor) => void rpc.request({ type: 'actAs', actor }))) : undefined,
    s.reason ? h('p', { class: 'reason' }, s.reason) : undefined,
    ),
  );
}

function present(...nodes: (Node | undefined)[]): Node[] {
  return nodes.filter((n): n is Node => !!n);
}

function renderTabs(): void {
  tabs.replaceChildren(
    ...EXPLORER_TABS.map((t) => {
      const b = h('button', { type: 'button', role: 'tab', id: `tab-${t}`, 'aria-controls': 'tabpanel', 'aria-selected': String(t === page.state.tab), tabindex: t === page.state.tab ? '0' : '-1' }, LABELS[t]);
      b.addEventListener('click', () => show(t));
      b.addEventListener('keydown', (e) => {
        const i = EXPLORER_TABS.indexOf(t);
        const next = e.key === 'ArrowRight' ? EXPLORER_TABS[(i + 1) % EXPLORER_TABS.length] : e.key === 'ArrowLeft' ? EXPLORER_TABS[(i + EXPLORER_TABS.length - 1) % EXPLORER_TABS.length] : undefined;
        if (next) {
          show(next);
          document.getElementById(`tab-${next}`)?.focus();
        }
      });
      return b;
    }),
  );
  panelBox.setAttribute('aria-labelledby', `tab-${page.state.tab}`);
}

/** Switches to a tab and renders it (when the BaaS is running; otherwise the banner says why). */
function show(tab: ExplorerTab, table?: string): void {
  saveState({ tab, ...(table ? { table } : {}) });
  renderTabs();
  void renderTab();
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
/** Re-renders the tab once for a burst of changes (an action's reply and its live request entry arrive together). */
function scheduleRefresh(): void {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void renderTab(), 250);
}

async function renderTab(): Promise<void> {
  // Keep keyboard focus across re-renders: controls that stay have stable ids.
  const focused = document.activeElement?.id;
  await renderTabContent();
  if (focused) document.getElementById(focused)?.focus();
}

let renders = 0;
/**
 * Renders the current tab into a new container and shows it only when it is complete and still the latest
 * render: a re-render (a click, a status or data change) never blanks what is shown while it loads, and a slow
 * render of a tab the learner has left never replaces the tab they are on.
 */
async function renderTabContent(): Promise<void> {
  const mine = ++renders;
  if (page.status?.state !== 'running') {
    panelBox.replaceChildren(h('p', { class: 'muted' }, page.status?.reason ?? 'Waiting for the BaaS…'));
    // An earlier render still loading will not finish (it is no longer the latest): it no longer owns aria-busy.
    panelBox.removeAttribute('aria-busy');
    return;
  }
  const root = h('div', { class: 'tab-content' });
  panelBox.setAttribute('aria-busy', 'true');
  try {
    if (!page.users.length || page.state.tab === 'users') page.users = await rpc.request<UserSummary[]>({ type: 'users' });
    renderBanner();
    switch (page.state.tab) {
      case 'tables': await renderTables(root); break;
      case 'sql': renderSql(root); break;
      case 'policies': await renderPolicies(root); break;
      case 'users': await renderUsers(root, actAs); break;
      case 'storage': await renderStorage(root, scheduleRefresh); break;
      case 'requests': await renderRequests(root); break;
      case 'inbox': await renderInbox(root); break;
      case 'devices': await renderDevices(root, scheduleRefresh); break;
    }
    if (mine === renders) panelBox.replaceChildren(root);
  } catch (err) {
    if (mine === renders) showError(panelBox, err);
  } finally {
    if (mine === renders) panelBox.removeAttribute('aria-busy');
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (rpc.settle(event.data)) return;
  const msg = parseMessage<BaasExplorerHostMessage>(event.data, BAAS_EXPLORER_HOST_SCHEMA);
  if (!msg) return;
  switch (msg.type) {
    case 'status': {
      const wasRunning = page.status?.state === 'running';
      const who = JSON.stringify(page.status?.actingAs);
      page.status = msg.status;
      renderBanner();
      // A new caller or a (re)start changes what every view shows.
      if (!wasRunning || who !== JSON.stringify(msg.status.actingAs) || msg.status.state !== 'running') void renderTab();
      return;
    }
    case 'show':
      show(msg.tab, msg.table);
      return;
    case 'requestAdded':
      if (monitorVisible()) addEntry(msg.entry);
      // Storage, Devices and Inbox follow the API live: a write answered by the BaaS refreshes its tab.
      if (page.status?.state === 'running' && liveAreaOf(msg.entry) === page.state.tab) scheduleRefresh();
      return;
    case 'dataChanged':
      if (page.state.tab !== 'requests' && page.state.tab !== 'sql') void renderTab();
      return;
    case 'sqlResult':
      setSqlResult(msg.result);
      if (page.state.tab === 'sql') void renderTab();
      return;
    case 'reply':
      return;
    default: {
      const never: never = msg;
      void never;
    }
  }
});

app.replaceChildren(banner, tabs, panelBox);
app.removeAttribute('aria-busy');
renderTabs();
vscode.postMessage({ type: 'ready' });
