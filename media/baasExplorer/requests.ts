// Request monitor tab: every API call with caller, status and timing; for table calls the policies that decided,
// their SQL and the claims Postgres saw; filters; and "Replay as another user".
import type { RequestEntry, RequestFilter } from '../../src/shared/baasExplorerProtocol';
import { h } from '../shared/dom';
import { actorSelect, button, page, rpc, saveState, showError } from './ctx';

let list: HTMLElement | undefined;
let detail: HTMLElement | undefined;
let selected: number | undefined;

/** True when the tab is showing, so new entries are appended live. */
export function monitorVisible(): boolean {
  return !!list?.isConnected;
}

/** Renders the tab. */
export async function renderRequests(root: HTMLElement): Promise<void> {
  const filter: RequestFilter = page.state.filter ?? {};
  const field = (label: string, el: HTMLInputElement | HTMLSelectElement) => h('div', { class: 'control' }, h('label', { for: el.id }, label), el);
  const opt = (value: string, text: string, current?: string | number) => h('option', { value, ...(String(current ?? '') === value ? { selected: '' } : {}) }, text);
  const caller = h('select', { id: 'f-caller' }, opt('', 'any', filter.caller), opt('anon', 'anon', filter.caller), opt('user', 'user', filter.caller), opt('service', 'service', filter.caller), opt('unauthenticated', 'no valid key', filter.caller));
  const status = h('select', { id: 'f-status' }, opt('', 'any', filter.statusClass), opt('2', '2xx', filter.statusClass), opt('4', '4xx', filter.statusClass), opt('5', '5xx', filter.statusClass));
  const decision = h('select', { id: 'f-decision' }, opt('', 'any', filter.decision), opt('allowed', 'allowed', filter.decision), opt('denied', 'denied', filter.decision), opt('filtered', 'filtered (no policy)', filter.decision), opt('bypassed', 'bypassed (service)', filter.decision), opt('no-rls', 'RLS off', filter.decision));
  const text = h('input', { id: 'f-text', type: 'search', value: filter.text ?? '', placeholder: 'path contains…' });
  const apply = () => {
    saveState({ filter: { ...(caller.value ? { caller: caller.value as RequestFilter['caller'] } : {}), ...(status.value ? { statusClass: Number(status.value) } : {}), ...(decision.value ? { decision: decision.value as RequestFilter['decision'] } : {}), ...(text.value ? { text: text.value } : {}) } });
    void load();
  };
  [caller, status, decision].forEach((s) => s.addEventListener('change', apply));
  text.addEventListener('input', apply);
  list = h('div', { class: 'requests', role: 'list', 'aria-label': 'Requests, newest first' });
  detail = h('div', { class: 'detail', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Select a request to see the policy that decided it.'));
  root.replaceChildren(
    h('div', { class: 'toolbar filters' }, field('Caller', caller), field('Status', status), field('RLS decision', decision), field('Search', text), button('Clear log', 'clear-all', () => void rpc.request({ type: 'clearRequests' }).then(load))),
    h('div', { class: 'split' }, list, detail),
  );
  await load();
}

async function load(): Promise<void> {
  if (!list) return;
  const entries = await rpc.request<RequestEntry[]>({ type: 'requests', filter: page.state.filter ?? {} });
  list.replaceChildren(...entries.reverse().map(entryRow));
  if (!entries.length) list.append(h('p', { class: 'muted' }, 'No requests yet. Call the BaaS with supabase-js, curl or a function: every call appears here.'));
}

/** Adds a live entry at the top when it passes the filter (the host does the filtering on load; here a simple check). */
export function addEntry(entry: RequestEntry): void {
  if (!list) return;
  const f = page.state.filter ?? {};
  if ((f.caller && entry.caller.kind !== f.caller) || (f.statusClass && Math.floor(entry.status / 100) !== f.statusClass) || (f.decision && entry.decision !== f.decision)) return;
  if (f.text && !`${entry.method} ${entry.path}?${entry.query}`.toLowerCase().includes(f.text.toLowerCase())) return;
  list.querySelector('p.muted')?.remove();
  list.prepend(entryRow(entry));
}

function who(entry: RequestEntry): string {
  return entry.caller.kind === 'user' ? (entry.caller.email ?? entry.caller.sub ?? 'user') : entry.caller.kind;
}

function entryRow(entry: RequestEntry): HTMLElement {
  const row = h(
    'button',
    { type: 'button', role: 'listitem', class: `entry status-${Math.floor(entry.status / 100)}${entry.id === selected ? ' selected' : ''}`, 'data-id': String(entry.id), 'aria-label': `${entry.method} ${entry.path} by ${who(entry)}: ${entry.status}${entry.decision ? `, ${entry.decision}` : ''}` },
    h('span', { class: 'method' }, entry.method),
    h('span', { class: 'path' }, `${entry.path}${entry.query ? `?${decodeURIComponent(entry.query)}` : ''}`),
    h('span', { class: 'who' }, who(entry)),
    h('span', { class: 'status' }, String(entry.status)),
    entry.decision ? h('span', { class: `decision ${entry.decision}` }, entry.decision) : h('span', {}),
    h('span', { class: 'ms' }, `${entry.durationMs.toFixed(1)} ms`),
  );
  row.addEventListener('click', () => {
    selected = entry.id;
    list?.querySelectorAll('.entry.selected').forEach((e) => e.classList.remove('selected'));
    row.classList.add('selected');
    showDetail(entry);
  });
  return row;
}

function showDetail(entry: RequestEntry): void {
  if (!detail) return;
  const rls = entry.rls;
  const out = h('div', {});
  let replayAs = page.status?.actingAs ?? { kind: 'anon' as const };
  detail.replaceChildren(h('div', {},
    h('h3', {}, `${entry.method} ${entry.path}`),
    h('p', {}, `${new Date(entry.time).toLocaleTimeString()} · ${who(entry)} · status ${entry.status} · ${entry.durationMs.toFixed(1)} ms`),
    entry.explanation ? h('p', { class: `explanation ${entry.decision ?? ''}` }, entry.explanation) : undefined,
    rls ? h('div', {}, h('h4', {}, `Row-level security on ${rls.table}: ${rls.rlsEnabled ? 'on' : 'off'} · ${rls.command} as ${rls.role}`), rls.denied ? h('p', { class: 'error' }, `Denied: ${rls.denied}`) : undefined, ...(rls.policies.length ? rls.policies.map((p) => h('div', { class: 'policy' }, h('strong', {}, `${p.name}${p.permissive ? '' : ' (restrictive)'}`), ` to ${p.roles.join(', ')}`, p.using ? h('pre', {}, `USING (${p.using})`) : undefined, p.check ? h('pre', {}, `WITH CHECK (${p.check})`) : undefined)) : [h('p', { class: 'muted' }, `No ${rls.command} policy applies to ${rls.role}.`)])) : undefined,
    entry.claims ? h('details', {}, h('summary', {}, 'Claims (request.jwt.claims)'), h('pre', {}, JSON.stringify(entry.claims, null, 2))) : undefined,
    entry.sql ? h('details', {}, h('summary', {}, 'SQL'), h('pre', {}, entry.sql)) : undefined,
    h('div', { class: 'toolbar' }, h('label', { for: 'replay-as' }, 'Replay as '), actorSelect('replay-as', replayAs, (a) => (replayAs = a)), button('Replay', 'debug-rerun', () => {
      rpc.request<RequestEntry | undefined>({ type: 'replay', id: entry.id, actor: replayAs }).then((next) => next && showDetail(next), (err: Error) => showError(out, err));
    })),
    out,
  ));
}
