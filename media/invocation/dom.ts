// Small DOM helpers for the invocation panel (no framework: the page is small and static).

/** Creates an element with attributes and optional text (text is never parsed as HTML). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Formats milliseconds with two decimals below 100 ms and none above (like Lambda's REPORT). */
export function ms(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  return `${value < 100 ? value.toFixed(2) : Math.round(value).toLocaleString('en-US')} ms`;
}

/** A button with a codicon and a label. */
export function button(label: string, icon: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs });
  b.append(el('span', { class: `codicon codicon-${icon}`, 'aria-hidden': 'true' }), document.createTextNode(` ${label}`));
  b.addEventListener('click', onClick);
  return b;
}

/** A data table (the accessible alternative to a chart), inside a collapsible <details>. */
export function dataTable(caption: string, headers: string[], rows: (string | number)[][], open = false): HTMLDetailsElement {
  const details = el('details', { class: 'data-table' });
  if (open) details.open = true;
  details.append(el('summary', {}, `Data table: ${caption}`));
  const table = el('table');
  table.append(el('caption', { class: 'visually-hidden' }, caption));
  const head = el('tr');
  for (const h of headers) head.append(el('th', { scope: 'col' }, h));
  const thead = el('thead');
  thead.append(head);
  table.append(thead);
  const body = el('tbody');
  for (const r of rows) {
    const tr = el('tr');
    for (const c of r) tr.append(el('td', {}, String(c)));
    body.append(tr);
  }
  table.append(body);
  details.append(table);
  return details;
}

/** A labelled figure card (REPORT metric, summary value). */
export function card(label: string, value: string, className = 'report-card'): HTMLElement {
  const c = el('div', { class: className, role: 'group', 'aria-label': `${label}: ${value}` });
  c.append(el('div', { class: 'card-label' }, label), el('div', { class: 'card-value' }, value));
  return c;
}
