// Devices tab: the simulated devices registered through /push/v1 and the notifications each received. A model of
// FCM/APNs (see docs/baas.md), so the tab says so; it refreshes live when a push request is answered.
import type { DeviceSummary } from '../../src/shared/baasExplorerProtocol';
import { h } from '../shared/dom';
import { button, page, rpc, showError } from './ctx';

const MODEL_NOTE = 'Simulation (model): /push/v1 stands in for FCM and APNs, shaped after FCM\'s HTTP v1 API. Nothing reaches a real phone; topics, TTL, priorities and offline delivery are not modelled.';

/** Renders the tab into `root`; `refresh` re-renders it after an action. */
export async function renderDevices(root: HTMLElement, refresh: () => void): Promise<void> {
  const devices = await rpc.request<DeviceSummary[]>({ type: 'devices' });
  const out = h('div', { 'aria-live': 'polite' });
  const name = h('input', { id: 'device-name', type: 'text', placeholder: 'Pixel 9 (simulated)' });
  const platform = h('select', { id: 'device-platform' }, h('option', { value: 'fcm' }, 'Android (FCM token)'), h('option', { value: 'apns' }, 'iOS (APNs token)'));
  const form = h('form', { class: 'toolbar', 'aria-label': 'Register a simulated device' }, h('label', { for: 'device-name' }, 'Device'), name, h('label', { for: 'device-platform' }, 'Platform'), platform, h('button', { type: 'submit' }, `Register as ${page.status?.actingLabel ?? 'the acting caller'}`));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    rpc.request<string>({ type: 'registerDevice', platform: platform.value as 'fcm' | 'apns', name: name.value.trim() || 'Simulated device' }).then(refresh, (err: Error) => showError(out, err));
  });
  const note = h('p', { class: 'model' }, MODEL_NOTE);
  if (!devices.length) {
    root.replaceChildren(
      note,
      form,
      out,
      h('p', { class: 'muted' }, 'No devices yet: register one here, or from an app: POST /push/v1/devices {"platform":"fcm","name":"Pixel"} with the anon key or a user\'s token. A function then sends with POST /push/v1/send and the service-role key.'),
    );
    return;
  }
  root.replaceChildren(note, form, out, ...devices.map((d) => deviceCard(d, refresh)));
}

function deviceCard(d: DeviceSummary, refresh: () => void): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const send = button('Send test notification', 'bell', () => {
    rpc.request<string>({ type: 'sendTestPush', token: d.token, title: 'Hello from the BaaS Explorer', body: `A test for ${d.name}` }).then(refresh, (err: Error) => showError(out, err));
  });
  const owner = d.userEmail ?? (d.userId ? `user ${d.userId} (deleted)` : 'no user (registered with a key only)');
  const list = d.notifications.length
    ? h('ol', { class: 'notifications', 'aria-label': `Notifications received by ${d.name}, newest first` }, ...d.notifications.map((n) => h('li', {}, h('strong', {}, n.title ?? '(no title)'), ` · ${n.sentAt}`, n.body ? h('div', {}, n.body) : undefined, Object.keys(n.data).length ? h('code', {}, JSON.stringify(n.data)) : undefined)))
    : h('p', { class: 'muted' }, 'Nothing received yet.');
  return h(
    'article',
    { class: 'card device' },
    h('h3', {}, `${d.name} `, h('span', { class: 'badge' }, d.platform === 'apns' ? 'APNs' : 'FCM')),
    h('p', { class: 'muted' }, `${owner} · registered ${d.createdAt} · received ${d.received}${d.received > d.notifications.length ? ` (latest ${d.notifications.length} shown)` : ''}`),
    h('p', {}, 'Token ', h('code', { title: d.token }, d.token.length > 48 ? `${d.token.slice(0, 44)}…` : d.token)),
    h('div', { class: 'toolbar' }, send, h('span', { class: 'muted' }, 'sent with the service-role key, as a server sends')),
    out,
    list,
  );
}
