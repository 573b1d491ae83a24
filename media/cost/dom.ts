// Tiny DOM helpers: every text goes through textContent, never innerHTML, so model strings are inert.

/** Creates an element with optional attributes and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | undefined> = {}, ...children: (Node | string | undefined)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  for (const c of children) if (c !== undefined) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

/** A number that expands to the formula behind it (native <details>: keyboard accessible). */
export function expandable(summary: Node | string, formula: string, extra?: Node): HTMLDetailsElement {
  return h('details', { class: 'formula' }, h('summary', {}, summary), h('code', {}, formula), extra);
}

/** A plain data table (the accessible alternative to each chart). */
export function table(caption: string, head: string[], rows: (string | Node)[][]): HTMLTableElement {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c)))))),
  );
}
