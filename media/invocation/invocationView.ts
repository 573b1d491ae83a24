// The "Invocation" tab: REPORT cards, cold-start timeline, predict-then-run, response, logs and
// errors with clickable stack frames, for the selected history entry.
import { BILLED_BANDS, type BilledBandId, type Prediction } from '../../src/shared/display';
import { initDurationLabel } from '../../src/shared/initDurationLabel';
import { parseFrame, stackLines } from '../../src/shared/stackFrames';
import { PHASE_LABELS, initBarsMs, timelineSegments, type Phase } from '../../src/shared/timeline';
import type { HistoryEntry } from '../../src/shared/invocationProtocol';
import { makeChart, palette } from './charts';
import { h } from '../shared/dom';
import { button, card, dataTable, ms } from './dom';

/** Callbacks from the view to the page controller. */
export interface InvocationViewActions {
  openLocation(file: string, line: number, column: number): void;
  invokeAgain(cold: boolean, prediction?: Prediction): void;
  runLoad(): void;
  openCost(): void;
  saveTestEvent(): void;
}

/** Page options that change what the view shows. */
export interface InvocationViewOptions {
  predictMode: boolean;
  cloudOverlay: boolean;
}

// lambda-perf (github.com/maxday/lambda-perf), daily hello-world benchmark, ZIP, 128 MB, x86_64,
// Init Duration p50 / p90 over Oct–Dec 2025, as recorded in /work/shared/reference/serverless-facts.md (2026-11-26).
const CLOUD_INIT: [string, number, number][] = [
  ['nodejs22.x', 141, 166],
  ['nodejs20.x', 144, 171],
  ['python3.12', 91, 109],
  ['python3.13', 103, 127],
];

function reportCards(entry: HistoryEntry): HTMLElement {
  const r = entry.record.report;
  const cards = h('div', { id: 'report-cards', class: 'cards', role: 'list', 'aria-label': 'REPORT metrics' });
  // Two decimals, exactly as the REPORT line prints them (Billed Duration and memory are integers).
  const exact = (v: number): string => `${v.toFixed(2)} ms`;
  const items: [string, string][] = [
    ['Duration', exact(r.durationMs)],
    ['Billed Duration', `${r.billedDurationMs} ms`],
    ['Memory Size', `${r.memorySizeMb} MB`],
    ['Max Memory Used', `${r.maxMemoryUsedMb} MB`],
    // A figure measured while cold starts outnumbered the cores says more about this machine than about Lambda.
    ['Init Duration', initDurationLabel(entry.record)],
  ];
  for (const [label, value] of items) {
    const c = card(label, value);
    c.setAttribute('role', 'listitem');
    cards.append(c);
  }
  return cards;
}

const PHASES: Phase[] = ['spawn', 'runtimeInit', 'functionInit', 'invoke'];

function timeline(entry: HistoryEntry, recent: HistoryEntry[]): HTMLElement {
  const section = h('section', { id: 'timeline', 'aria-label': 'Cold-start timeline' });
  section.append(h('h3', {}, 'Timeline: where the milliseconds went'));
  const rows = recent.slice(0, 8).reverse();
  const label = (e: HistoryEntry): string => `${e === entry ? '▶ ' : ''}${e.record.cold ? 'cold' : 'warm'} ${new Date(e.at).toLocaleTimeString([], { hour12: false })}`;
  const p = palette();
  const colors: Record<Phase, string> = { spawn: p.purple, runtimeInit: p.orange, functionInit: p.yellow, invoke: p.blue };
  const wrap = h('div', { class: 'chart-wrap timeline-chart' });
  wrap.style.height = `${rows.length * 36 + 120}px`;
  const canvas = h('canvas', { role: 'img', 'aria-label': 'Stacked bars per invocation: sandbox spawn, runtime init, function init and invoke, in milliseconds. See the data table below.' });
  wrap.append(canvas);
  section.append(wrap);
  makeChart(canvas, {
    type: 'bar',
    data: {
      labels: rows.map(label),
      datasets: PHASES.map((phase) => ({
        label: PHASE_LABELS[phase],
        data: rows.map((e) => timelineSegments(e.record).find((s) => s.phase === phase)?.durationMs ?? 0),
        backgroundColor: colors[phase],
        borderColor: rows.map((e) => (e === entry ? p.fg : colors[phase])),
        borderWidth: rows.map((e) => (e === entry ? 2 : 0)),
      })),
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      scales: { x: { stacked: true, title: { display: true, text: 'milliseconds' } }, y: { stacked: true, ticks: { autoSkip: false } } },
      plugins: { tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${ms(Number(ctx.raw))}` } } },
    },
  });
  const init = initBarsMs(entry.record);
  const note = h('p', { class: 'note' });
  note.textContent = entry.record.cold
    ? `Cold start: REPORT Init Duration ${entry.record.report.initDurationMs?.toFixed(2)} ms = spawn + runtime init + function init bars (${init?.toFixed(2)} ms). Locally, "spawn" is starting the sandbox process; on Lambda the micro-VM is started before Init. The invoke bar is the REPORT Duration.`
    : 'Warm start: no init phases; the invoke bar is the REPORT Duration.';
  section.append(note);
  section.append(dataTable('timeline phases (ms)', ['Invocation', ...PHASES.map((ph) => PHASE_LABELS[ph]), 'REPORT Init Duration', 'REPORT Duration'],
    rows.map((e) => [label(e), ...PHASES.map((ph) => { const s = timelineSegments(e.record).find((x) => x.phase === ph); return s ? s.durationMs.toFixed(2) : '–'; }), e.record.report.initDurationMs?.toFixed(2) ?? '–', e.record.report.durationMs.toFixed(2)])));
  return section;
}

function cloudOverlay(entry: HistoryEntry): HTMLElement {
  const section = h('section', { class: 'cloud-overlay', 'aria-label': 'Cloud reference figures' });
  section.append(h('h3', {}, 'Cloud reference (not measured here)'));
  const local = entry.record.report.initDurationMs;
  const inflated = entry.record.hostContended ? ' — inflated by the local machine: more cold starts ran at once than it has cores' : '';
  section.append(h('p', { class: 'note' }, `Local Init Duration (measured on this machine${inflated}): ${local !== undefined ? ms(local) : 'warm invocation, none'}. Typical AWS Lambda Init Duration from the lambda-perf daily benchmark (hello world, ZIP, 128 MB, x86_64, Oct–Dec 2025; source: github.com/maxday/lambda-perf):`));
  section.append(dataTable('typical cloud Init Duration', ['Runtime', 'p50', 'p90'], CLOUD_INIT.filter(([rt]) => rt.startsWith(entry.runtime === 'python' ? 'python' : 'nodejs')).map(([rt, p50, p90]) => [rt, `${p50} ms`, `${p90} ms`]), true));
  return section;
}

function predictForm(actions: InvocationViewActions): HTMLElement {
  const form = h('form', { class: 'predict', 'aria-label': 'Predict, then run' });
  form.append(h('h3', {}, 'Predict, then run'));
  const coldSet = h('fieldset');
  coldSet.append(h('legend', {}, 'Will the next invocation be…'));
  for (const [value, text] of [['warm', 'warm (a sandbox is reused)'], ['cold', 'cold (a new sandbox starts)']]) {
    const id = `predict-${value}`;
    const radio = h('input', { type: 'radio', name: 'predict-cold', id, value });
    if (value === 'warm') radio.checked = true;
    coldSet.append(radio, h('label', { for: id }, text));
  }
  const bandLabel = h('label', { for: 'predict-band' }, 'Billed duration: ');
  const select = h('select', { id: 'predict-band' });
  for (const b of BILLED_BANDS) select.append(h('option', { value: b.id }, b.label));
  form.append(coldSet, bandLabel, select, h('br'));
  form.append(button('Run and grade my prediction', 'play', () => {
    const cold = (form.querySelector('input[name="predict-cold"]:checked') as HTMLInputElement | null)?.value === 'cold';
    actions.invokeAgain(false, { cold, band: select.value as BilledBandId });
  }, { id: 'predict-run', class: 'primary' }));
  form.addEventListener('submit', (e) => e.preventDefault());
  return form;
}

function grade(entry: HistoryEntry): HTMLElement | undefined {
  if (!entry.prediction) return undefined;
  const g = entry.prediction.grade;
  const box = h('section', { class: `grade score-${g.score}`, role: 'status', 'aria-label': 'Prediction grade' });
  const band = BILLED_BANDS.find((b) => b.id === g.actualBand)?.label ?? g.actualBand;
  box.append(
    h('h3', {}, `Your prediction: ${g.score}/2`),
    h('p', {}, `${g.coldCorrect ? '✓' : '✗'} You said ${entry.prediction.prediction.cold ? 'cold' : 'warm'}; it was ${entry.record.cold ? 'cold' : 'warm'}.`),
    h('p', {}, `${g.bandCorrect ? '✓' : '✗'} Billed ${entry.record.report.billedDurationMs} ms is in the band "${band}".`),
  );
  return box;
}

function responseView(entry: HistoryEntry, actions: InvocationViewActions): HTMLElement {
  const section = h('section', { id: 'response', 'aria-label': entry.record.error ? 'Error' : 'Response' });
  const { record } = entry;
  if (record.error) {
    section.classList.add('is-error');
    section.append(h('h3', {}, `${record.throttled ? 'Throttled' : 'Error'}: ${record.error.errorType}`), h('p', { class: 'error-message' }, record.error.errorMessage));
    const list = h('ol', { class: 'stack', 'aria-label': 'Stack trace' });
    // Python names the frames stackTrace; Node's runtime names its stack trace (first line `Type: message`).
    for (const line of stackLines(record.error.stackTrace ?? record.error.trace?.slice(1))) {
      const li = h('li');
      const frame = parseFrame(line);
      if (frame) {
        li.append(document.createTextNode(line.slice(0, frame.start)));
        const link = h('a', { href: '#', title: `Open ${frame.file}:${frame.line}` }, line.slice(frame.start, frame.start + frame.length));
        link.addEventListener('click', (e) => { e.preventDefault(); actions.openLocation(frame.file, frame.line, frame.column); });
        li.append(link, document.createTextNode(line.slice(frame.start + frame.length)));
      } else li.textContent = line;
      list.append(li);
    }
    section.append(list);
    // Local explanations, e.g. an error raised by work an earlier invocation left running.
    for (const note of record.notes ?? []) section.append(h('p', { class: 'note' }, note));
    return section;
  }
  section.append(h('h3', {}, 'Response'));
  const value = record.response as { statusCode?: unknown; body?: unknown; headers?: unknown } | undefined;
  if (value && typeof value === 'object' && typeof value.statusCode === 'number') {
    const status = h('p', { class: `http-status ${value.statusCode < 400 ? 'ok' : 'bad'}` }, `HTTP ${value.statusCode}`);
    section.append(status);
    let body = value.body;
    if (typeof body === 'string') {
      try { body = JSON.parse(body); } catch { /* a plain-text body is shown as is */ }
    }
    section.append(h('h4', {}, 'Body'), h('pre', { class: 'json', tabindex: '0' }, typeof body === 'string' ? body : JSON.stringify(body, null, 2)));
    if (value.headers) section.append(h('h4', {}, 'Headers'), h('pre', { class: 'json', tabindex: '0' }, JSON.stringify(value.headers, null, 2)));
    const raw = h('details');
    raw.append(h('summary', {}, 'Raw response'), h('pre', { class: 'json' }, JSON.stringify(value, null, 2)));
    section.append(raw);
  } else {
    section.append(h('pre', { class: 'json', tabindex: '0' }, record.response === undefined ? '(no response)' : JSON.stringify(record.response, null, 2)));
  }
  return section;
}

/** Renders the selected entry (with the function's recent entries for the timeline). */
export function renderInvocation(root: HTMLElement, entry: HistoryEntry | undefined, recent: HistoryEntry[], options: InvocationViewOptions, actions: InvocationViewActions): void {
  root.replaceChildren();
  if (!entry) {
    root.append(h('p', { class: 'empty' }, 'No invocations yet. Click "▶ Invoke" above a handler, or run "Serverless Lab: Invoke Function…".'));
    return;
  }
  const { record } = entry;
  const header = h('header', { class: 'entry-header' });
  header.append(
    h('h2', {}, record.functionName),
    h('span', { class: `badge ${record.cold ? 'cold' : 'warm'}` }, record.cold ? 'Cold start' : 'Warm'),
    h('span', { class: 'meta' }, `${new Date(entry.at).toLocaleString()} · event: ${entry.eventLabel} · sandbox ${record.sandboxId ?? '–'} · ${entry.runtime}, ${entry.memoryMb} MB`),
  );
  root.append(header);
  const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Invocation actions' });
  toolbar.append(
    button('Invoke again', 'play', () => actions.invokeAgain(false)),
    button('Invoke cold', 'debug-restart', () => actions.invokeAgain(true)),
    button('Run load…', 'pulse', () => actions.runLoad()),
    button('Save as test event', 'save', () => actions.saveTestEvent()),
    button('What would this cost?', 'credit-card', () => actions.openCost(), { id: 'open-cost' }),
  );
  root.append(toolbar);
  const graded = grade(entry);
  if (graded) root.append(graded);
  root.append(h('p', { class: 'explanation' }, entry.explanation));
  if (options.predictMode) root.append(predictForm(actions));
  root.append(reportCards(entry));
  // What this OS could not simulate (e.g. no memory limit on Windows): said, never a silent zero.
  const limits = record.platformLimits;
  if (limits) root.append(h('ul', { id: 'platform-limits', class: 'note', 'aria-label': `Not simulated on ${limits.os}` }, ...limits.notes.map((n) => h('li', {}, n))));
  root.append(timeline(entry, recent));
  if (options.cloudOverlay) root.append(cloudOverlay(entry));
  root.append(responseView(entry, actions));
  const logs = h('section', { 'aria-label': 'Logs' });
  logs.append(h('h3', {}, 'Logs'), h('pre', { id: 'logs', tabindex: '0' }, record.logs.join('\n')));
  root.append(logs);
}
