// Cost panel DOM pieces, built with the shared h() (text nodes only, never innerHTML).
import { h } from '../shared/dom';

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
