// Cost panel page: inputs (sliders with live updates) and the host-computed model, rendered with
// charts plus a data table for each. The host does all arithmetic; the page only renders it.
import type { Chart } from 'chart.js';
import { fmtNum } from '../../src/shared/display';
import { parseMessage, RequestClient } from '../../src/shared/webviewMessaging';
import { COST_HOST_SCHEMA, COST_STATE_VERSION, type CostRequest, type CostModel, type CostScenario, type CostHostMessage, type CostWebviewMessage, type CostWebviewState } from '../../src/shared/costProtocol';
import { costChart, sweepChart } from './charts';
import { h } from '../shared/dom';
import { vscodeApi } from '../shared/vscodeApi';
import { costTable, renderGranularity, renderProvisioned, renderTotals, renderUnconfirmed, sweepTable } from './render';

const vscode = vscodeApi<CostWebviewMessage, CostWebviewState>();

let scenario: CostScenario | undefined;
let model: CostModel | undefined;
let lastSent = 0;
const requests = new RequestClient<CostRequest>((m) => vscode.postMessage(m));
let timer: ReturnType<typeof setTimeout> | undefined;
const charts: { cost?: Chart; sweep?: Chart } = {};
const app = document.getElementById('app') as HTMLElement;

/** Sends the edited scenario shortly after the last input (live, but not one message per pixel). */
function changed(): void {
  if (!scenario) return;
  vscode.setState({ version: COST_STATE_VERSION, scenario });
  clearTimeout(timer);
  timer = setTimeout(() => {
    if (!scenario) return;
    const sent = ++lastSent;
    requests.request<CostModel>({ type: 'update', scenario }).then(
      (priced) => {
        if (sent < lastSent) return; // a newer edit is on its way
        model = priced;
        renderResults(priced);
      },
      (err: Error) => document.getElementById('measured')?.append(h('p', { class: 'error', role: 'alert' }, err.message)),
    );
  }, 40);
}

function slider(id: string, label: string, min: number, max: number, step: number, get: () => number, set: (v: number) => void, show: (v: number) => string): HTMLElement {
  const input = h('input', { id, type: 'range', min: String(min), max: String(max), step: String(step), value: String(get()) });
  const out = h('output', { for: id }, show(get()));
  input.addEventListener('input', () => {
    set(Number(input.value));
    out.textContent = show(Number(input.value));
    changed();
  });
  return h('div', { class: 'control' }, h('label', { for: id }, label), input, out);
}

function numberField(id: string, label: string, min: number, max: number, step: number, get: () => number, set: (v: number) => void): HTMLElement {
  const input = h('input', { id, type: 'number', min: String(min), max: String(max), step: String(step), value: String(get()) });
  input.addEventListener('change', () => {
    const v = Number(input.value);
    if (input.value === '' || !Number.isFinite(v) || v < min || v > max) {
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    input.removeAttribute('aria-invalid');
    set(v);
    changed();
  });
  return h('div', { class: 'control' }, h('label', { for: id }, label), input);
}

function select<T extends string>(id: string, label: string, options: [T, string][], get: () => T, set: (v: T) => void): HTMLElement {
  const el = h('select', { id }, ...options.map(([v, text]) => h('option', { value: v, ...(get() === v ? { selected: '' } : {}) }, text)));
  el.addEventListener('change', () => {
    set(el.value as T);
    changed();
  });
  return h('div', { class: 'control' }, h('label', { for: id }, label), el);
}

/** Builds the inputs once per scenario pushed by the host (not on every model, so focus stays put). */
function renderControls(s: CostScenario): HTMLElement {
  const checkbox = h('input', { id: 'free-tier', type: 'checkbox', ...(s.freeTier ? { checked: '' } : {}) });
  checkbox.addEventListener('change', () => {
    s.freeTier = checkbox.checked;
    changed();
  });
  return h(
    'section',
    { id: 'controls', 'aria-label': 'Inputs' },
    slider('invocations', 'Invocations per month', 3, 10, 0.05, () => Math.log10(Math.max(1000, s.invocations)), (v) => (s.invocations = Math.round(10 ** v)), (v) => fmtNum(Math.round(10 ** v), 0)),
    slider('memory', 'Memory (MB)', 128, 10240, 1, () => s.memoryMb, (v) => (s.memoryMb = v), (v) => `${fmtNum(v)} MB${v === s.measuredMemoryMb ? ' (measured)' : ' (projected)'}`),
    select('basis', 'Duration', [['samples', 'every measured run'], ['median', 'median run'], ['p90', 'p90 run']], () => s.durationBasis, (v) => (s.durationBasis = v)),
    select('arch', 'AWS architecture', [['x86_64', 'x86_64'], ['arm64', 'arm64']], () => s.arch, (v) => (s.arch = v)),
    select('azure-plan', 'Azure plan', [['consumption', 'Consumption'], ['flex', 'Flex Consumption']], () => s.azurePlan, (v) => (s.azurePlan = v)),
    numberField('cold-fraction', 'Cold-start fraction (0–1)', 0, 1, 0.01, () => s.coldFraction, (v) => (s.coldFraction = v)),
    numberField('init-ms', 'Init duration (ms)', 0, 600000, 1, () => s.initMs, (v) => (s.initMs = v)),
    slider('cpu-bound', 'CPU-bound share (model assumption)', 0, 1, 0.05, () => s.cpuBoundFraction, (v) => (s.cpuBoundFraction = v), (v) => `${Math.round(v * 100)}%`),
    h('div', { class: 'control' }, h('label', { for: 'free-tier' }, 'Apply free tiers'), checkbox),
  );
}

function replaceChart(key: 'cost' | 'sweep', canvas: HTMLCanvasElement, make: (c: HTMLCanvasElement, m: CostModel) => Chart, m: CostModel): void {
  charts[key]?.destroy();
  charts[key] = make(canvas, m);
}

/** Renders results; charts are rebuilt (cheap at this size) so theme and data always agree. */
function renderResults(m: CostModel): void {
  const fill = (id: string, ...nodes: (Node | undefined)[]) => document.getElementById(id)?.replaceChildren(...nodes.filter((n): n is Node => !!n));
  const st = m.stats;
  const origin = m.scenario.functionName?.startsWith('example') ? 'Example inputs: run your function and use "What would this cost?" to price your own measurements.' : `Prefilled from ${st.count} measured run${st.count === 1 ? '' : 's'}${m.scenario.functionName ? ` of ${m.scenario.functionName}` : ''}`;
  fill('measured', h('p', {}, `${origin}: median ${fmtNum(st.medianMs, 1)} ms, p90 ${fmtNum(st.p90Ms, 1)} ms, peak memory ${fmtNum(m.scenario.maxMemoryUsedMb)} MB, cold starts ${fmtNum(m.scenario.coldFraction * 100, 1)}% (Init ${fmtNum(m.scenario.initMs, 1)} ms), at ${fmtNum(m.scenario.measuredMemoryMb)} MB.`), m.projectionNote ? h('p', { class: 'model' }, m.projectionNote) : undefined);
  fill('totals', renderTotals(m));
  fill('cost-table-box', costTable(m));
  fill('granularity', renderGranularity(m));
  fill('provisioned-result', renderProvisioned(m));
  fill('sweep-picks', h('p', {}, `Cheapest ${fmtNum(m.sweep.cheapestMb)} MB · fastest ${fmtNum(m.sweep.fastestMb)} MB · balanced ${fmtNum(m.sweep.balancedMb)} MB. Circles are measured locally; diamonds and dashed lines are projected by the CPU model.`));
  fill('sweep-table-box', sweepTable(m));
  fill('unconfirmed', renderUnconfirmed(m));
  replaceChart('cost', document.getElementById('cost-chart') as HTMLCanvasElement, costChart, m);
  replaceChart('sweep', document.getElementById('sweep-chart') as HTMLCanvasElement, sweepChart, m);
}

function layout(s: CostScenario): void {
  const pcSlider = slider('provisioned', 'Provisioned environments (all month)', 0, 100, 1, () => s.provisionedConcurrency, (v) => (s.provisionedConcurrency = v), (v) => String(v));
  const tableBox = (id: string) => h('details', { class: 'data-table' }, h('summary', {}, 'Show the data as a table'), h('div', { id }));
  app.replaceChildren(
    h('h1', {}, 'What would this cost?'),
    h('div', { id: 'measured' }),
    renderControls(s),
    h('section', { 'aria-labelledby': 'h-bill' }, h('h2', { id: 'h-bill' }, 'Monthly bill per provider'), h('div', { id: 'totals', 'aria-live': 'polite' }), h('div', { class: 'chart-box' }, h('canvas', { id: 'cost-chart', role: 'img', 'aria-label': 'Stacked bar chart of each provider’s monthly cost by item; the free-tier credit is below zero. The same data is in the table below.' })), tableBox('cost-table-box')),
    h('section', { 'aria-labelledby': 'h-gran' }, h('h2', { id: 'h-gran' }, 'Billing granularity: the same run, billed three ways'), h('div', { id: 'granularity' })),
    h('section', { 'aria-labelledby': 'h-pc' }, h('h2', { id: 'h-pc' }, 'Provisioned concurrency versus cold starts'), pcSlider, h('div', { id: 'provisioned-result' })),
    h('section', { 'aria-labelledby': 'h-sweep' }, h('h2', { id: 'h-sweep' }, 'Memory sweep (AWS Lambda)'), h('div', { id: 'sweep-picks' }), h('div', { class: 'chart-box' }, h('canvas', { id: 'sweep-chart', role: 'img', 'aria-label': 'Line chart of duration (left axis) and cost per million invocations (right axis) against memory. The same data is in the table below.' })), tableBox('sweep-table-box')),
    h('section', { 'aria-labelledby': 'h-src' }, h('h2', { id: 'h-src' }, 'Unconfirmed figures'), h('p', { class: 'muted' }, 'Prices are USD, us-east-1 / East US / Tier 1, read 2026-11-26; each line above cites its source. These could not be confirmed at a primary source:'), h('div', { id: 'unconfirmed' })),
  );
  app.removeAttribute('aria-busy');
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (requests.settle(event.data)) return;
  const msg = parseMessage<CostHostMessage>(event.data, COST_HOST_SCHEMA);
  if (!msg) return; // not ours, or malformed: never acted on
  switch (msg.type) {
    case 'model':
      // The host replaced the inputs: adopt its scenario and lay the page out again.
      model = msg.model;
      scenario = structuredClone(msg.model.scenario);
      vscode.setState({ version: COST_STATE_VERSION, scenario });
      layout(scenario);
      renderResults(model);
      return;
    case 'reply':
      return; // settled above
    default: {
      const never: never = msg;
      void never;
    }
  }
});

// Re-theme the charts when the colour theme changes (VS Code swaps the body class).
new MutationObserver(() => model && renderResults(model)).observe(document.body, { attributes: true, attributeFilter: ['class'] });

vscode.postMessage({ type: 'ready' });
