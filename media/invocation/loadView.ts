// The "Load run" tab: latency over time with cold starts marked, sandboxes alive over time,
// a latency histogram with p50/p90/p99, the cold-start percentage, and CSV/JSON export.
import type { LoadRunView } from '../../src/shared/invocationProtocol';
import { makeChart, palette } from './charts';
import { h } from '../shared/dom';
import { button, card, dataTable, ms } from './dom';

/** Callbacks from the load view. */
export interface LoadViewActions {
  exportLoad(format: 'csv' | 'json'): void;
  openCost(): void;
}

function chartBox(id: string, title: string, description: string): { section: HTMLElement; canvas: HTMLCanvasElement } {
  const section = h('section', { class: 'chart-section', id, 'aria-label': title });
  section.append(h('h3', {}, title));
  const wrap = h('div', { class: 'chart-wrap' });
  const canvas = h('canvas', { role: 'img', 'aria-label': `${description} See the data table below.` });
  wrap.append(canvas);
  section.append(wrap);
  return { section, canvas };
}

/** Renders a load run (or an empty state). */
export function renderLoad(root: HTMLElement, load: LoadRunView | undefined, actions: LoadViewActions): void {
  root.replaceChildren();
  const container = h('div', { id: 'load-results' });
  root.append(container);
  if (!load) {
    container.append(h('p', { class: 'empty' }, 'No load run yet. Run "Serverless Lab: Run Load…" (or "Run load…" on an invocation) to put load on a function.'));
    return;
  }
  const s = load.summary;
  const p = palette();
  const planText = load.plan.pattern === 'burst' ? 'burst (all at once)' : `${load.plan.pattern}, ${load.plan.ratePerSec}/s`;
  container.append(
    h('h2', {}, `Load run: ${load.functionName}`),
    h('p', { class: 'meta' }, `${load.plan.count} invocations · ${planText} · concurrency limit ${load.plan.concurrency} · ${new Date(load.at).toLocaleString()}${load.cancelled ? ' · cancelled early' : ''} · measured locally`),
  );
  const cards = h('div', { class: 'cards', role: 'list', 'aria-label': 'Load run summary' });
  for (const [label, value] of [
    ['Cold starts', `${s.coldPct.toFixed(1)} % (${s.coldStarts} of ${s.count - s.throttled})`],
    ['p50 latency', ms(s.p50)], ['p90 latency', ms(s.p90)], ['p99 latency', ms(s.p99)],
    ['Max sandboxes alive', String(s.maxAlive)], ['Errors / throttled', `${s.errors} / ${s.throttled}`], ['Wall time', ms(s.wallMs)],
  ] as [string, string][]) {
    const c = card(label, value, 'summary-card');
    c.setAttribute('role', 'listitem');
    cards.append(c);
  }
  const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Load run actions' });
  toolbar.append(
    button('Export CSV', 'export', () => actions.exportLoad('csv')),
    button('Export JSON', 'json', () => actions.exportLoad('json')),
    button('What would this cost?', 'credit-card', () => actions.openCost()),
  );
  container.append(cards, toolbar);

  const served = load.samples.filter((x) => !x.throttled);
  const latency = chartBox('load-latency', 'Latency over time', 'Scatter of client latency against send time; cold starts are drawn as red triangles, warm as blue circles.');
  container.append(latency.section);
  makeChart(latency.canvas, {
    type: 'scatter',
    data: {
      datasets: [
        { label: 'Warm', data: served.filter((x) => !x.cold).map((x) => ({ x: x.startMs / 1000, y: x.latencyMs })), backgroundColor: p.blue, pointStyle: 'circle', pointRadius: 3 },
        { label: 'Cold start', data: served.filter((x) => x.cold).map((x) => ({ x: x.startMs / 1000, y: x.latencyMs })), backgroundColor: p.red, borderColor: p.red, pointStyle: 'triangle', pointRadius: 6 },
      ],
    },
    options: { maintainAspectRatio: false, scales: { x: { title: { display: true, text: 'seconds since start' } }, y: { title: { display: true, text: 'latency (ms)' }, beginAtZero: true } } },
  });
  latency.section.append(dataTable('latency per invocation', ['#', 'Sent (ms)', 'Latency (ms)', 'Cold', 'Duration (ms)', 'Init (ms)', 'Sandbox', 'Error'],
    load.samples.map((x) => [x.index + 1, x.startMs.toFixed(1), x.latencyMs.toFixed(2), x.cold ? 'cold' : 'warm', x.durationMs.toFixed(2), x.initMs?.toFixed(2) ?? '', x.sandboxId ?? '', x.error ?? ''])));

  const alive = chartBox('load-alive', 'Sandboxes alive over time', 'Step line of the number of live sandboxes during the run.');
  container.append(alive.section);
  makeChart(alive.canvas, {
    type: 'line',
    data: { datasets: [{ label: 'Sandboxes alive', data: load.alive.map((a) => ({ x: a.tMs / 1000, y: a.alive })), stepped: true, borderColor: p.green, backgroundColor: p.green, pointRadius: 0 }] },
    options: { maintainAspectRatio: false, scales: { x: { type: 'linear', title: { display: true, text: 'seconds since start' } }, y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'sandboxes' } } } },
  });
  alive.section.append(dataTable('sandboxes alive', ['Time (s)', 'Alive'], load.alive.map((a) => [(a.tMs / 1000).toFixed(3), a.alive])));

  const hist = chartBox('load-histogram', 'Latency histogram', 'Bar chart of how many invocations fell in each latency range; the bins holding p50, p90 and p99 are highlighted.');
  container.append(hist.section);
  const inBin = (v: number, b: { fromMs: number; toMs: number }): boolean => v >= b.fromMs && v < b.toMs;
  const marker = (b: { fromMs: number; toMs: number }): string => [['p50', s.p50], ['p90', s.p90], ['p99', s.p99]].filter(([, v]) => inBin(Number(v), b)).map(([n]) => n).join(' ');
  makeChart(hist.canvas, {
    type: 'bar',
    data: {
      labels: s.histogram.map((b) => `${Math.round(b.fromMs)}–${Math.round(b.toMs)}${marker(b) ? ` (${marker(b)})` : ''}`),
      datasets: [{ label: 'Invocations', data: s.histogram.map((b) => b.count), backgroundColor: s.histogram.map((b) => (marker(b) ? p.orange : p.blue)) }],
    },
    options: { maintainAspectRatio: false, scales: { x: { title: { display: true, text: 'latency (ms)' } }, y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  hist.section.append(h('p', { class: 'note' }, `p50 ${ms(s.p50)} · p90 ${ms(s.p90)} · p99 ${ms(s.p99)} (nearest-rank percentiles of client latency, cold starts included).`));
  hist.section.append(dataTable('latency histogram', ['From (ms)', 'To (ms)', 'Count', 'Percentiles'], s.histogram.map((b) => [b.fromMs.toFixed(1), b.toMs.toFixed(1), b.count, marker(b)])));
}
