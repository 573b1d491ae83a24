// Shared page context of the BaaS Explorer: the request client, the status and small helpers.
import { RequestClient } from '../../src/shared/webviewMessaging';
import type { ActingAs, BaasExplorerRequest, BaasExplorerState, BaasExplorerWebviewMessage, ExplorerStatus, UserSummary } from '../../src/shared/baasExplorerProtocol';
import { BAAS_EXPLORER_STATE_VERSION } from '../../src/shared/baasExplorerProtocol';
import { h } from '../shared/dom';
import { vscodeApi } from '../shared/vscodeApi';

/** The VS Code API, acquired once. */
export const vscode = vscodeApi<BaasExplorerWebviewMessage, BaasExplorerState>();

/** Requests to the host; replies settle them. */
export const rpc = new RequestClient<BaasExplorerRequest>((m) => vscode.postMessage(m));

/** What the page knows about the host. */
export const page: { status?: ExplorerStatus; state: BaasExplorerState; users: UserSummary[] } = {
  state: { version: BAAS_EXPLORER_STATE_VERSION, tab: 'tables' },
  users: [],
};

/** Saves the page state (for the serializer) and tells the host. */
export function saveState(patch: Partial<BaasExplorerState>): void {
  page.state = { ...page.state, ...patch };
  vscode.setState(page.state);
  vscode.postMessage({ type: 'state', state: page.state });
}

/** A button with a codicon and an accessible label. */
export function button(label: string, icon: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', title: label, 'aria-label': label, ...attrs }, h('span', { class: `codicon codicon-${icon}`, 'aria-hidden': 'true' }), attrs.compact ? undefined : ` ${label}`);
  b.addEventListener('click', onClick);
  return b;
}

/** Shows an error inside `box` (role=alert, so screen readers announce it). */
export function showError(box: HTMLElement, err: unknown): void {
  box.replaceChildren(h('p', { class: 'error', role: 'alert' }, err instanceof Error ? err.message : String(err)));
}

/** The callers the page can pick: service role, anon, and each user. */
export function actorOptions(): { value: string; label: string; actor: ActingAs }[] {
  return [
    { value: 'service', label: 'service role (bypasses RLS)', actor: { kind: 'service' } },
    { value: 'anon', label: 'anon', actor: { kind: 'anon' } },
    ...page.users.map((u) => ({ value: `user:${u.id}`, label: u.email, actor: { kind: 'user' as const, id: u.id, email: u.email } })),
  ];
}

/** A <select> of callers. */
export function actorSelect(id: string, current: ActingAs | undefined, onPick: (actor: ActingAs) => void): HTMLSelectElement {
  const value = !current ? '' : current.kind === 'user' ? `user:${current.id}` : current.kind;
  const select = h('select', { id }, ...actorOptions().map((o) => h('option', { value: o.value, ...(o.value === value ? { selected: '' } : {}) }, o.label)));
  select.addEventListener('change', () => {
    const o = actorOptions().find((x) => x.value === select.value);
    if (o) onPick(o.actor);
  });
  return select;
}

/** Text for a cell value. */
export function cell(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
