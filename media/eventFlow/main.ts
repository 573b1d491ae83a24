// Event Flow page: the live diagram (or its table), controls, fault switches, recent activity and the
// inspector (an event's hops, a rule's why/why-not, a queue's messages). The host owns the engine.
import { parseMessage, RequestClient } from '../../src/shared/webviewMessaging';
import { EVENT_FLOW_HOST_SCHEMA, EVENT_FLOW_STATE_VERSION, migrateEventFlowState, type EventFlowHostMessage, type EventFlowRequest, type EventFlowWebviewMessage, type EventFlowWebviewState, type FlowAction, type FlowNode, type FlowState, type FlowTraceEvent, type InspectResult, type InspectTarget } from '../../src/shared/eventFlowProtocol';
import { h } from '../shared/dom';
import { vscodeApi } from '../shared/vscodeApi';
import { countsText, Diagram } from './diagram';
import { renderInspection } from './inspector';

const vscode = vscodeApi<EventFlowWebviewMessage, EventFlowWebviewState>();
const saved = migrateEventFlowState(vscode.getState());
let view: 'diagram' | 'table' = saved?.view ?? 'diagram';
let inspected: InspectTarget | undefined = saved?.inspected;
let state: FlowState | undefined;
const activity: FlowTraceEvent[] = [];
const requests = new RequestClient<EventFlowRequest>((m) => vscode.postMessage(m));
const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
const app = document.getElementById('app') as HTMLElement;
const diagram = new Diagram((n) => inspectNode(n));

const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Event flow controls' });
const problems = h('div', { class: 'problems', role: 'alert' });
const stage = h('section', { class: 'stage', 'aria-label': 'Architecture' });
const faults = h('details', { class: 'faults' });
const activityList = h('ol', { class: 'activity', 'aria-label': 'Recent hops, newest first' });
const details = h('section', { class: 'details', 'aria-live': 'polite', 'aria-label': 'Details' });
const status = h('p', { class: 'status', role: 'status' });
app.replaceChildren(toolbar, problems, h('div', { class: 'layout' }, h('div', { class: 'main' }, stage, faults), h('aside', {}, h('h2', {}, 'Activity'), activityList)), status, details);
app.removeAttribute('aria-busy');

function save(): void {
  vscode.setState({ version: EVENT_FLOW_STATE_VERSION, view, ...(inspected ? { inspected } : {}) });
}

function button(label: string, title: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', title, ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

async function act(a: FlowAction): Promise<void> {
  try {
    const text = await requests.request<string>({ type: 'act', act: a });
    if (text) status.textContent = text;
  } catch (err) {
    status.textContent = (err as Error).message;
  }
}

function renderToolbar(s: FlowState): void {
  const compressed = s.compression !== 1 ? h('span', { class: 'badge model', title: 'Retries, visibility timeouts and schedules run faster than real time (setting serverlessLab.events.timeCompression)' }, `time compressed ×${s.compression}`) : h('span', { class: 'badge' }, 'real time');
  toolbar.replaceChildren(
    button('Put Event…', 'Put an event on a bus', () => void act({ action: 'putEvent' })),
    button('Put 100…', 'Put 100 copies of an event, to watch a flood (and a DLQ fill)', () => void act({ action: 'putEvent', count: 100 })),
    button(s.schedulesPaused ? 'Resume schedules' : 'Pause schedules', 'Schedule rules stop or start firing; everything else keeps running', () => void act({ action: s.schedulesPaused ? 'resumeSchedules' : 'pauseSchedules' }), { 'aria-pressed': String(s.schedulesPaused) }),
    button('Clear history', 'Forget traces and recent events (queues keep their messages)', () => {
      activity.length = 0;
      renderActivity();
      void act({ action: 'clearHistory' });
    }),
    button(view === 'diagram' ? 'Show as table' : 'Show as diagram', 'The table lists the same nodes and routes, for screen readers', () => {
      view = view === 'diagram' ? 'table' : 'diagram';
      save();
      render();
    }),
    button('Invocations', 'Open the invocation panel', () => void act({ action: 'openInvocations' })),
    compressed,
    h('span', { class: s.dlqMessages ? 'badge dlq' : 'badge' }, `${s.dlqMessages} in DLQs`),
    h('span', { class: 'badge' }, s.schedulesPaused ? 'schedules paused' : 'schedules running'),
  );
}

function renderTable(s: FlowState): HTMLElement {
  const label = (id: string) => s.nodes.find((n) => n.id === id)?.label ?? id;
  const nodeRows = s.nodes.map((n) => {
    const open = h('button', { type: 'button', class: 'link' }, n.label);
    open.addEventListener('click', () => inspectNode(n));
    return h('tr', {}, h('th', { scope: 'row' }, open), h('td', {}, n.kind), h('td', {}, countsText(n)), h('td', {}, n.fault ?? ''));
  });
  const edgeRows = s.edges.map((e) => h('tr', {}, h('td', {}, label(e.from)), h('td', {}, e.kind + (e.label ? ` (${e.label})` : '')), h('td', {}, label(e.to))));
  return h('div', {},
    h('table', {}, h('caption', {}, 'Resources'), h('thead', {}, h('tr', {}, ...['Name', 'Kind', 'State', 'Injected fault'].map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, ...nodeRows)),
    h('table', {}, h('caption', {}, 'Routes'), h('thead', {}, h('tr', {}, ...['From', 'How', 'To'].map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, ...edgeRows)));
}

const RATES = [0, 0.1, 0.3, 0.5, 1];
function faultSelect(target: 'function' | 'queue', name: string, field: 'failureRate' | 'throttleRate' | 'duplicateRate', current: number | undefined, label: string): HTMLElement {
  const id = `fault-${target}-${name}-${field}`;
  const select = h('select', { id });
  for (const r of RATES) select.append(h('option', { value: String(r), ...(Math.abs((current ?? 0) - r) < 1e-9 ? { selected: '' } : {}) }, r ? `${r * 100}%` : 'off'));
  select.addEventListener('change', () => void act({ action: 'setFault', target, name, field, value: Number(select.value) }));
  return h('span', { class: 'fault-control' }, h('label', { for: id }, label), select);
}

function renderFaults(s: FlowState): void {
  const open = faults.open;
  const fns = s.nodes.filter((n) => n.kind === 'function').map((n) => n.label);
  const queues = s.nodes.filter((n) => n.kind === 'queue').map((n) => n.label);
  const active = Object.keys(s.faults.functions).length + Object.keys(s.faults.queues).length;
  faults.replaceChildren(
    h('summary', {}, `Fault injection (${active ? `${active} active` : 'off'}): injected faults are marked ⚡ and never look like real bugs`),
    ...fns.map((f) => h('div', { class: 'fault-row' }, h('strong', {}, `λ ${f}`), faultSelect('function', f, 'failureRate', s.faults.functions[f]?.failureRate, 'failures'), faultSelect('function', f, 'throttleRate', s.faults.functions[f]?.throttleRate, 'throttles'))),
    ...queues.map((q) => h('div', { class: 'fault-row' }, h('strong', {}, `☰ ${q}`), faultSelect('queue', q, 'duplicateRate', s.faults.queues[q]?.duplicateRate, 'duplicates'))),
  );
  faults.open = open;
}

function render(): void {
  if (!state) return;
  renderToolbar(state);
  problems.replaceChildren(...state.problems.map((p) => h('p', { class: 'error' }, p)));
  if (!state.nodes.length) stage.replaceChildren(h('p', { class: 'muted' }, state.templates.length ? 'The template declares no buses, rules, queues or topics yet.' : 'No template.yaml in this workspace: add one (Serverless Lab: New Function…) to see its event flow.'));
  else if (view === 'table') stage.replaceChildren(renderTable(state));
  else {
    diagram.update(state);
    if (stage.firstChild !== diagram.element) stage.replaceChildren(diagram.element);
  }
  renderFaults(state);
}

function renderActivity(): void {
  activityList.replaceChildren(...activity.slice(-40).reverse().map((e) => {
    const b = h('button', { type: 'button', class: `link hop ${e.fault ? 'injected' : /failed|retry|redriven|dlq|error|throttled/.test(e.kind) ? 'failed' : ''}`, title: 'Show this event hop by hop' }, `${e.kind} ${e.resource.replace(/^\w+:/, '')}${e.fault ? ` ⚡${e.fault}` : ''}${e.summary ? `: ${e.summary}` : ''}`);
    b.addEventListener('click', () => void inspect({ kind: 'event', traceId: e.traceId }));
    return h('li', {}, b);
  }));
}

function inspectNode(n: FlowNode): void {
  if (n.kind === 'rule' || n.kind === 'schedule') {
    const [bus, ...rule] = n.id.replace(/^rule:/, '').split('/');
    void inspect({ kind: 'rule', bus, rule: rule.join('/') });
  } else if (n.kind === 'queue' || n.kind === 'dlq') void inspect({ kind: 'queue', name: n.label });
  else status.textContent = `${n.kind} ${n.label}: ${countsText(n)}`;
}

async function inspect(target: InspectTarget): Promise<void> {
  inspected = target;
  save();
  try {
    const result = await requests.request<InspectResult>({ type: 'inspect', target });
    details.replaceChildren(renderInspection(result, { inspect: (t) => void inspect(t), act: (a) => act(a).then(() => inspect(target)), compression: state?.compression ?? 1 }));
    details.scrollIntoView({ block: 'nearest' });
  } catch (err) {
    details.replaceChildren(h('p', { class: 'error' }, (err as Error).message));
  }
}

window.addEventListener('message', (ev: MessageEvent) => {
  if (requests.settle(ev.data)) return;
  const m = parseMessage<EventFlowHostMessage>(ev.data, EVENT_FLOW_HOST_SCHEMA);
  if (!m) return;
  switch (m.type) {
    case 'state':
      state = m.state;
      render();
      document.body.dataset.nodes = String(m.state.nodes.length);
      return;
    case 'traces':
      activity.push(...m.events);
      if (activity.length > 400) activity.splice(0, activity.length - 400);
      if (view === 'diagram') diagram.animate(m.events, reducedMotion);
      renderActivity();
      return;
    case 'inspect':
      void inspect(m.target);
      return;
    case 'reply':
      return;
  }
});

vscode.postMessage({ type: 'ready' });
if (inspected) void inspect(inspected);
