// The "Keep-alive what-if" tab: a simulation (clearly labelled) of cold-start percentage against
// idle sandbox time for fixed keep-alive, provisioned concurrency and the hybrid histogram policy.
import type { TrafficPattern, WhatIfRequest, WhatIfResult } from '../../src/shared/invocationProtocol';
import { makeChart, palette } from './charts';
import { h } from '../shared/dom';
import { button, dataTable, ms } from './dom';

/** Renders the form and, when present, the result. */
export function renderWhatIf(root: HTMLElement, result: WhatIfResult | undefined, busy: boolean, error: string | undefined, run: (request: WhatIfRequest) => void): void {
  root.replaceChildren();
  const container = h('div', { id: 'what-if' });
  root.append(container);
  container.append(
    h('h2', {}, 'Keep-alive what-if'),
    h('p', { class: 'simulation-label', role: 'note' }, 'SIMULATION (a model, not a measurement): a discrete-event simulation over one synthetic day of traffic, calibrated with cold-start and duration figures measured locally.'),
  );
  const form = h('form', { class: 'what-if-form', 'aria-label': 'Simulation inputs' });
  const patternLabel = h('label', { for: 'whatif-pattern' }, 'Traffic pattern ');
  const pattern = h('select', { id: 'whatif-pattern' });
  for (const [value, text] of [['periodic', 'Periodic (timer)'], ['bursty', 'Bursty (clusters, long gaps)'], ['poisson', 'Poisson (steady random)']]) pattern.append(h('option', { value }, text));
  // Periodic by default: timer-driven apps are where the hybrid policy's pre-warming shows most clearly.
  pattern.value = result?.request.pattern ?? 'periodic';
  const rateLabel = h('label', { for: 'whatif-rate' }, ' Invocations per hour ');
  const rate = h('input', { id: 'whatif-rate', type: 'number', min: '0.1', max: '3600', step: 'any', value: String(result?.request.perHour ?? 4) });
  const go = button(busy ? 'Simulating…' : 'Simulate a day', 'graph-line', () => {
    const perHour = Number(rate.value);
    if (!(perHour > 0 && perHour <= 3600)) {
      rate.setAttribute('aria-invalid', 'true');
      rate.focus();
      return;
    }
    run({ pattern: pattern.value as TrafficPattern, perHour });
  }, { class: 'primary', id: 'whatif-run' });
  go.disabled = busy;
  form.append(patternLabel, pattern, rateLabel, rate, go);
  form.addEventListener('submit', (e) => e.preventDefault());
  container.append(form);
  if (error) container.append(h('p', { class: 'error-message', role: 'alert' }, error));
  if (!result) return;

  const inputs = h('ul', { class: 'inputs', 'aria-label': 'Simulation inputs' });
  const source = result.measured ? `measured locally${result.functionName ? ` from ${result.functionName}'s invocations (median)` : ''}` : 'NOT measured yet: fallback figure (lambda-perf nodejs22.x p50 init, a 5 ms handler); invoke the function cold and warm to calibrate';
  inputs.append(
    h('li', {}, `Cold-start overhead: ${ms(result.initMs)} (${source})`),
    h('li', {}, `Handler duration: ${ms(result.durationMs)} (${result.measured ? 'measured locally' : 'fallback'})`),
    h('li', {}, `Traffic: ${result.invocations} invocations in 24 h, ${result.request.pattern}, ${result.request.perHour}/h (synthetic, seeded)`),
    h('li', {}, 'Hybrid policy: Shahrad et al., "Serverless in the Wild", USENIX ATC 2020: 4-hour range, 1-minute bins, pre-warm at the 5th percentile − 10 %, keep alive until the 99th percentile + 10 %; fallback to a 4-hour keep-alive when the histogram is not representative (CV < 2). The paper\'s ARIMA path for idle times beyond 4 hours is not modelled.'),
  );
  container.append(inputs);
  const p = palette();
  const colour = { fixed: p.blue, provisioned: p.purple, hybrid: p.orange };
  const section = h('section', { class: 'chart-section', id: 'whatif-chart', 'aria-label': 'Cold starts against idle sandbox time' });
  section.append(h('h3', {}, 'Cold starts vs idle sandbox time (simulated)'));
  const wrap = h('div', { class: 'chart-wrap' });
  const canvas = h('canvas', { role: 'img', 'aria-label': 'Scatter: each policy is a point, idle sandbox-hours across, cold-start percentage up. See the data table below.' });
  wrap.append(canvas);
  section.append(wrap);
  container.append(section);
  makeChart(canvas, {
    type: 'scatter',
    data: {
      datasets: (['fixed', 'provisioned', 'hybrid'] as const).map((kind) => ({
        label: kind === 'fixed' ? 'Fixed keep-alive' : kind === 'provisioned' ? 'Provisioned concurrency' : 'Hybrid histogram',
        data: result.rows.filter((r) => r.kind === kind).map((r) => ({ x: r.idleSandboxHours, y: r.coldPct, label: r.label })),
        backgroundColor: colour[kind],
        borderColor: colour[kind],
        pointStyle: kind === 'hybrid' ? 'triangle' : kind === 'provisioned' ? 'rectRot' : 'circle',
        pointRadius: kind === 'hybrid' ? 10 : 6,
        pointBorderWidth: 2,
        showLine: kind === 'fixed',
      })),
    },
    options: {
      maintainAspectRatio: false,
      scales: { x: { title: { display: true, text: 'idle sandbox-hours per day (memory kept warm)' }, beginAtZero: true }, y: { title: { display: true, text: 'cold starts (%)' }, beginAtZero: true } },
      plugins: { tooltip: { callbacks: { label: (ctx) => { const d = ctx.raw as { x: number; y: number; label: string }; return `${d.label}: ${d.y.toFixed(1)} % cold, ${d.x.toFixed(2)} idle sandbox-h`; } } } },
    },
  });
  section.append(dataTable('simulated policies', ['Policy', 'Cold starts (%)', 'Idle sandbox-hours/day'], result.rows.map((r) => [r.label, r.coldPct.toFixed(1), r.idleSandboxHours.toFixed(2)]), true));
}
