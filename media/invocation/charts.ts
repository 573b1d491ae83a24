// Chart.js, registered once with only the pieces we use, themed from --vscode-* variables and
// re-themed when VS Code switches between light, dark and high-contrast themes.
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement,
  PointElement, ScatterController, Tooltip, type ChartConfiguration,
} from 'chart.js';
import { cssVar } from '../shared/dom';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, ScatterController, Tooltip, Legend);

/** The chart palette, from VS Code's chart colour tokens. */
export function palette(): { fg: string; grid: string; blue: string; orange: string; red: string; green: string; purple: string; yellow: string } {
  return {
    fg: cssVar('--vscode-charts-foreground', '--vscode-foreground'),
    grid: cssVar('--vscode-charts-lines', '--vscode-widget-border'),
    blue: cssVar('--vscode-charts-blue'),
    orange: cssVar('--vscode-charts-orange'),
    red: cssVar('--vscode-charts-red'),
    green: cssVar('--vscode-charts-green'),
    purple: cssVar('--vscode-charts-purple'),
    yellow: cssVar('--vscode-charts-yellow'),
  };
}

const live = new Set<Chart>();

/** Creates a chart in `canvas` with theme defaults applied; destroyed by {@link destroyCharts}. */
export function makeChart(canvas: HTMLCanvasElement, config: ChartConfiguration): Chart {
  const p = palette();
  Chart.defaults.color = p.fg;
  Chart.defaults.borderColor = p.grid;
  Chart.defaults.font.family = cssVar('--vscode-font-family');
  Chart.defaults.animation = false;
  const chart = new Chart(canvas, config);
  live.add(chart);
  return chart;
}

/** Destroys every chart (before re-rendering a view). */
export function destroyCharts(): void {
  for (const c of live) c.destroy();
  live.clear();
}

/** Calls `rerender` when the VS Code theme class on <body> changes. */
export function onThemeChange(rerender: () => void): void {
  new MutationObserver(() => rerender()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
