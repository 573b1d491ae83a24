// Invocation panel page: history list, tabs (invocation, load run, keep-alive what-if), messaging
// with the host and versioned state so the panel comes back as it was after a reload.
import { INVOCATION_HOST_SCHEMA, migrateInvocationState, type HistoryEntry, type InvocationHostMessage, type InvocationPanelState, type InvocationRequest, type InvocationWebviewMessage, type LoadRunView, type PanelView, type WhatIfResult } from '../../src/shared/invocationProtocol';
import { parseMessage, RequestClient } from '../../src/shared/webviewMessaging';
import { h } from '../shared/dom';
import { vscodeApi } from '../shared/vscodeApi';
import { destroyCharts, onThemeChange } from './charts';
import { renderInvocation } from './invocationView';
import { renderLoad } from './loadView';
import { renderWhatIf } from './whatIfView';

const vscode = vscodeApi<InvocationWebviewMessage, InvocationPanelState>();
const requests = new RequestClient<InvocationRequest>((m) => vscode.postMessage(m));
const app = document.getElementById('app') as HTMLElement;

let state = migrateInvocationState(vscode.getState());
let history: HistoryEntry[] = [];
let load: LoadRunView | undefined;
let whatIfBusy = false;
let whatIfError: string | undefined;
/** Sends a request whose outcome the host already shows (errors as notifications); the reply only ends the wait. */
const fire = (message: Parameters<typeof requests.request>[0]): void => void requests.request(message).catch(() => undefined);
const save = (): void => vscode.setState(state);

const TABS: { id: PanelView; label: string }[] = [
  { id: 'invocation', label: 'Invocation' },
  { id: 'load', label: 'Load run' },
  { id: 'whatIf', label: 'Keep-alive what-if' },
];

function selected(): HistoryEntry | undefined {
  return history.find((e) => e.record.requestId === state.selectedRequestId) ?? history[0];
}

function historyList(): HTMLElement {
  const nav = h('nav', { class: 'history', 'aria-label': 'Recent invocations' });
  nav.append(h('h2', { id: 'history-title' }, 'Recent'));
  const list = h('ul', { role: 'listbox', 'aria-labelledby': 'history-title', tabindex: '0', id: 'history-list' });
  const current = selected();
  history.forEach((e, i) => {
    const li = h('li', { role: 'option', id: `h-${i}`, 'aria-selected': String(e === current), 'data-request-id': e.record.requestId });
    li.append(
      h('span', { class: `dot ${e.record.error ? 'error' : e.record.cold ? 'cold' : 'warm'}`, 'aria-hidden': 'true' }),
      h('span', { class: 'fn' }, e.record.functionName),
      h('span', { class: 'sub' }, `${e.record.cold ? 'cold' : 'warm'} · ${e.record.report.billedDurationMs} ms${e.record.error ? ' · error' : ''}`),
    );
    li.addEventListener('click', () => select(e.record.requestId, true));
    list.append(li);
  });
  if (current) list.setAttribute('aria-activedescendant', `h-${history.indexOf(current)}`);
  list.addEventListener('keydown', (ev) => {
    const i = history.indexOf(selected()!);
    const to = ev.key === 'ArrowDown' ? i + 1 : ev.key === 'ArrowUp' ? i - 1 : ev.key === 'Home' ? 0 : ev.key === 'End' ? history.length - 1 : -2;
    if (to === -2 || to < 0 || to >= history.length) return;
    ev.preventDefault();
    select(history[to].record.requestId, true);
  });
  if (history.length) {
    const clear = h('button', { type: 'button', class: 'link', id: 'clear-history' }, 'Clear history');
    clear.addEventListener('click', () => vscode.postMessage({ type: 'clearHistory' }));
    nav.append(list, clear);
  } else nav.append(h('p', { class: 'empty' }, 'None yet.'));
  return nav;
}

function select(requestId: string, focusList: boolean): void {
  state = { ...state, selectedRequestId: requestId, view: 'invocation' };
  save();
  render();
  if (focusList) (document.getElementById('history-list') as HTMLElement | null)?.focus();
}

function tabs(): HTMLElement {
  const bar = h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Views' });
  for (const t of TABS) {
    const tab = h('button', { role: 'tab', type: 'button', id: `tab-${t.id}`, 'aria-selected': String(state.view === t.id), 'aria-controls': 'view', tabindex: state.view === t.id ? '0' : '-1' }, t.label);
    tab.addEventListener('click', () => showView(t.id));
    tab.addEventListener('keydown', (ev) => {
      const i = TABS.findIndex((x) => x.id === state.view);
      const to = ev.key === 'ArrowRight' ? (i + 1) % TABS.length : ev.key === 'ArrowLeft' ? (i + TABS.length - 1) % TABS.length : -1;
      if (to < 0) return;
      ev.preventDefault();
      showView(TABS[to].id);
      document.getElementById(`tab-${TABS[to].id}`)?.focus();
    });
    bar.append(tab);
  }
  const options = h('div', { class: 'options' });
  const toggle = (id: string, label: string, checked: boolean, onChange: (v: boolean) => void): void => {
    const input = h('input', { type: 'checkbox', id });
    input.checked = checked;
    input.addEventListener('change', () => onChange(input.checked));
    options.append(input, h('label', { for: id }, label));
  };
  toggle('predict-mode', 'Predict, then run', state.predictMode, (v) => { state = { ...state, predictMode: v }; save(); render(); });
  toggle('cloud-overlay', 'Cloud reference', state.cloudOverlay, (v) => { state = { ...state, cloudOverlay: v }; save(); render(); });
  bar.append(options);
  return bar;
}

function showView(view: PanelView): void {
  state = { ...state, view };
  save();
  render();
}

function render(): void {
  destroyCharts();
  app.replaceChildren();
  const main = h('main', { id: 'view', role: 'tabpanel', 'aria-labelledby': `tab-${state.view}` });
  app.append(tabs(), h('div', { class: 'layout' }));
  const layout = app.querySelector('.layout') as HTMLElement;
  if (state.view === 'invocation') layout.append(historyList());
  layout.append(main);
  const entry = selected();
  if (state.view === 'invocation') {
    renderInvocation(main, entry, history.filter((e) => e.record.functionName === entry?.record.functionName), state, {
      openLocation: (file, line, column) => vscode.postMessage({ type: 'openLocation', file, line, column }),
      invokeAgain: (cold, prediction) => entry && fire({ type: 'invokeAgain', entryId: entry.record.requestId, cold, prediction }),
      runLoad: () => entry && fire({ type: 'runLoad', entryId: entry.record.requestId }),
      saveTestEvent: () => entry && fire({ type: 'saveTestEvent', entryId: entry.record.requestId }),
      openCost: () => entry && fire({ type: 'openCost', source: 'invocation', entryId: entry.record.requestId }),
    });
  } else if (state.view === 'load') {
    renderLoad(main, load, {
      exportLoad: (format) => fire({ type: 'exportLoad', format }),
      openCost: () => fire({ type: 'openCost', source: 'load' }),
    });
  } else {
    renderWhatIf(main, state.whatIf, whatIfBusy, whatIfError, (request) => {
      whatIfBusy = true;
      whatIfError = undefined;
      requests.request<WhatIfResult>({ type: 'runWhatIf', request }).then(
        (result) => { state = { ...state, whatIf: result }; },
        (err: Error) => { whatIfError = err.message; },
      ).finally(() => {
        whatIfBusy = false;
        save();
        render();
      });
      render();
    });
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (requests.settle(event.data)) return;
  const message = parseMessage<InvocationHostMessage>(event.data, INVOCATION_HOST_SCHEMA);
  if (!message) return; // not ours, or malformed: never acted on
  switch (message.type) {
    case 'init':
      history = message.history;
      load = message.load ?? load;
      if (!history.some((e) => e.record.requestId === state.selectedRequestId)) state = { ...state, selectedRequestId: message.selectRequestId };
      break;
    case 'invocation':
      history = [message.entry, ...history.filter((e) => e.record.requestId !== message.entry.record.requestId)];
      state = { ...state, selectedRequestId: message.entry.record.requestId, view: 'invocation' };
      break;
    case 'loadResult':
      load = message.load;
      state = { ...state, view: 'load' };
      break;
    case 'reply':
      return; // settled above
    case 'showView':
      state = { ...state, view: message.view };
      break;
    default: {
      const unknown: never = message;
      void unknown;
      return;
    }
  }
  save();
  render();
});

onThemeChange(render);
render();
vscode.postMessage({ type: 'ready' });
