// Chart.js charts of the Cost panel, themed from VS Code's --vscode-* variables (re-read on theme change).
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import type { CostItemId, CostModel, Provider } from '../../src/shared/costProtocol';
import { cssVar } from '../shared/dom';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip, LineController, LineElement, PointElement);

/** A theme colour, falling back to the editor foreground. */
const themeColor = (name: string): string => cssVar(name, '--vscode-foreground');

const ITEM_COLORS: Record<CostItemId, string> = {
  requests: '--vscode-charts-blue',
  compute: '--vscode-charts-orange',
  init: '--vscode-charts-red',
  provisioned: '--vscode-charts-purple',
  storage: '--vscode-charts-yellow',
  freeTier: '--vscode-charts-green',
};
export const ITEM_LABELS: Record<CostItemId, string> = { requests: 'Requests', compute: 'Compute', init: 'Init', provisioned: 'Provisioned', storage: 'Storage', freeTier: 'Free tier (credit)' };
export const PROVIDERS: Provider[] = ['aws', 'azure', 'gcp'];
export const PROVIDER_LABELS: Record<Provider, string> = { aws: 'AWS Lambda', azure: 'Azure Functions', gcp: 'Google Cloud Run functions' };

function baseOptions() {
  const fg = themeColor('--vscode-charts-foreground');
  const grid = themeColor('--vscode-charts-lines');
  return { fg, grid, font: { family: getComputedStyle(document.body).fontFamily } };
}

/** Stacked bars of each provider's items; the free-tier credit stacks below zero. */
export function costChart(canvas: HTMLCanvasElement, model: CostModel): Chart {
  const { fg, grid, font } = baseOptions();
  const ids = Object.keys(ITEM_LABELS) as CostItemId[];
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: PROVIDERS.map((p) => PROVIDER_LABELS[p]),
      datasets: ids.map((id) => ({ label: ITEM_LABELS[id], data: PROVIDERS.map((p) => model.providers[p].items[id]), backgroundColor: themeColor(ITEM_COLORS[id]), borderColor: fg, borderWidth: 0 })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { labels: { color: fg, font } }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: $${Number(c.raw).toFixed(4)}` } } },
      scales: {
        x: { stacked: true, ticks: { color: fg, font }, grid: { color: grid } },
        y: { stacked: true, ticks: { color: fg, font, callback: (v) => `$${v}` }, grid: { color: grid }, title: { display: true, text: 'USD per month', color: fg } },
      },
    },
  });
}

/** Duration (left axis) and cost (right axis) against memory; projected segments dashed, picks named on the axis. */
export function sweepChart(canvas: HTMLCanvasElement, model: CostModel): Chart {
  const { fg, grid, font } = baseOptions();
  const { points, cheapestMb, fastestMb, balancedMb } = model.sweep;
  const picks = (mb: number) => [mb === cheapestMb ? 'cheapest' : '', mb === fastestMb ? 'fastest' : '', mb === balancedMb ? 'balanced' : ''].filter(Boolean);
  const labels = points.map((p) => [`${p.memoryMb} MB`, p.source, ...picks(p.memoryMb)]);
  const projected = (i: number) => points[i]?.source === 'projected';
  const style = (i: number) => (picks(points[i].memoryMb).length ? 7 : 4);
  const dash = (ctx: { p0DataIndex: number; p1DataIndex: number }) => (projected(ctx.p0DataIndex) || projected(ctx.p1DataIndex) ? [5, 4] : undefined);
  const durColor = themeColor('--vscode-charts-blue');
  const costColor = themeColor('--vscode-charts-orange');
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels,
      datasets: [
        { label: 'Duration (ms)', data: points.map((p) => p.durationMs), yAxisID: 'y', borderColor: durColor, backgroundColor: durColor, pointRadius: points.map((_, i) => style(i)), pointStyle: points.map((p) => (p.source === 'measured' ? 'circle' : 'rectRot')), segment: { borderDash: dash } },
        { label: 'Cost per 1M invocations (USD)', data: points.map((p) => p.costUsd), yAxisID: 'y1', borderColor: costColor, backgroundColor: costColor, pointRadius: points.map((_, i) => style(i)), pointStyle: points.map((p) => (p.source === 'measured' ? 'circle' : 'rectRot')), segment: { borderDash: dash } },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { labels: { color: fg, font } } },
      scales: {
        x: { ticks: { color: fg, font, autoSkip: false, maxRotation: 0 }, grid: { color: grid } },
        y: { position: 'left', ticks: { color: fg, font }, grid: { color: grid }, title: { display: true, text: 'Duration (ms)', color: fg } },
        y1: { position: 'right', ticks: { color: fg, font, callback: (v) => `$${v}` }, grid: { drawOnChartArea: false }, title: { display: true, text: 'USD per 1M invocations', color: fg } },
      },
    },
  });
}
