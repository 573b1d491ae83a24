// Invocation panel DOM pieces, built with the shared h() (no framework: the page is small and static).
import { h } from '../shared/dom';

/** Formats milliseconds with two decimals below 100 ms and none above (like Lambda's REPORT). */
export function ms(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  return `${value < 100 ? value.toFixed(2) : Math.round(value).toLocaleString('en-US')} ms`;
}

/** A button with a codicon and a label. */
export function button(label: string, icon: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs });
  b.append(h('span', { class: `codicon codicon-${icon}`, 'aria-hidden': 'true' }), document.createTextNode(` ${label}`));
  b.addEventListener('click', onClick);
  return b;
}

/** A data table (the accessible alternative to a chart), inside a collapsible <details>. */
export function dataTable(caption: string, headers: string[], rows: (string | number)[][], open = false): HTMLDetailsElement {
  const details = h('details', { class: 'data-table' });
  if (open) details.open = true;
  details.append(h('summary', {}, `Data table: ${caption}`));
  const table = h('table');
  table.append(h('caption', { class: 'visually-hidden' }, caption));
  const head = h('tr');
  for (const label of headers) head.append(h('th', { scope: 'col' }, label));
  const thead = h('thead');
  thead.append(head);
  table.append(thead);
  const body = h('tbody');
  for (const r of rows) {
    const tr = h('tr');
    for (const c of r) tr.append(h('td', {}, String(c)));
    body.append(tr);
  }
  table.append(body);
  details.append(table);
  return details;
}

/** A labelled figure card (REPORT metric, summary value). */
export function card(label: string, value: string, className = 'report-card'): HTMLElement {
  const c = h('div', { class: className, role: 'group', 'aria-label': `${label}: ${value}` });
  c.append(h('div', { class: 'card-label' }, label), h('div', { class: 'card-value' }, value));
  return c;
}
