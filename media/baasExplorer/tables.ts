// Tables tab: table picker, structure (columns, indexes, foreign keys, RLS), and a keyset-paged grid with inline
// edit, insert and confirmed delete, all run by the host as the acting-as caller.
import type { RowPage, TableDetails, TableSummary } from '../../src/shared/baasExplorerProtocol';
import { h } from '../shared/dom';
import { button, cell, page, rpc, saveState, showError } from './ctx';

const PAGE_SIZE = 100;
let cursors: (unknown[] | undefined)[] = [undefined];
let details: TableDetails | undefined;

/** Renders the tab into `root`. */
export async function renderTables(root: HTMLElement): Promise<void> {
  const tables = await rpc.request<TableSummary[]>({ type: 'tables' });
  if (!tables.length) {
    root.replaceChildren(h('p', { class: 'muted' }, 'No tables in the public schema yet. Create one in the SQL console, e.g. create table todos (id bigint generated always as identity primary key, user_id uuid default auth.uid(), task text);'));
    return;
  }
  const current = tables.find((t) => t.name === page.state.table) ?? tables[0];
  const picker = h('select', { id: 'table-picker', 'aria-label': 'Table' }, ...tables.map((t) => h('option', { value: t.name, ...(t.name === current.name ? { selected: '' } : {}) }, `${t.name}${t.rlsEnabled ? '' : ' (RLS off)'}`)));
  const structure = h('details', { class: 'structure' });
  const grid = h('div', { id: 'grid', 'aria-live': 'polite' });
  picker.addEventListener('change', () => {
    saveState({ table: picker.value });
    void renderTables(root);
  });
  root.replaceChildren(h('div', { class: 'toolbar' }, h('label', { for: 'table-picker' }, 'Table '), picker), structure, grid);
  if (page.state.table !== current.name) saveState({ table: current.name });
  cursors = [undefined];
  try {
    details = await rpc.request<TableDetails>({ type: 'describe', table: current.name });
    renderStructure(structure, details);
    await renderPage(grid, current, 0);
  } catch (err) {
    showError(grid, err);
  }
}

function renderStructure(box: HTMLElement, d: TableDetails): void {
  const list = (items: string[]) => (items.length ? h('ul', {}, ...items.map((i) => h('li', {}, h('code', {}, i)))) : h('p', { class: 'muted' }, 'none'));
  box.replaceChildren(
    h('summary', {}, `Structure: ${d.columns.length} columns · RLS ${d.rlsEnabled ? 'on' : 'off'} · ${d.policies.length} polic${d.policies.length === 1 ? 'y' : 'ies'}`),
    h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, ...['Column', 'Type', 'Nullable', 'Default'].map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, ...d.columns.map((c) => h('tr', {}, h('th', { scope: 'row' }, `${c.name}${d.primaryKey.includes(c.name) ? ' 🔑' : ''}`), h('td', {}, c.type), h('td', {}, c.nullable ? 'yes' : 'no'), h('td', {}, c.defaultValue ?? ''))))),
    h('h3', {}, 'Indexes'),
    list(d.indexes.map((i) => i.definition)),
    h('h3', {}, 'Foreign keys'),
    list(d.foreignKeys.map((f) => `${f.constraint}: (${f.columns.join(', ')}) → ${f.target}(${f.targetColumns.join(', ')})`)),
  );
}

async function renderPage(grid: HTMLElement, table: TableSummary, index: number): Promise<void> {
  grid.setAttribute('aria-busy', 'true');
  const rows = await rpc.request<RowPage>({ type: 'page', table: table.name, limit: PAGE_SIZE, after: cursors[index], offset: index * PAGE_SIZE });
  cursors[index + 1] = rows.nextCursor ?? (table.primaryKey.length ? undefined : []);
  const hasNext = !!rows.nextCursor || (!table.primaryKey.length && rows.rows.length === PAGE_SIZE);
  const status = h('span', { class: 'muted' }, `Rows ${index * PAGE_SIZE + 1}–${index * PAGE_SIZE + rows.rows.length} as ${page.status?.actingLabel ?? ''}`);
  const nav = h(
    'div',
    { class: 'toolbar' },
    button('Previous page', 'arrow-left', () => void renderPage(grid, table, index - 1), index === 0 ? { disabled: '' } : {}),
    button('Next page', 'arrow-right', () => void renderPage(grid, table, index + 1), hasNext ? {} : { disabled: '' }),
    button('Insert row', 'add', () => insertForm(grid, table, rows.columns, index)),
    status,
  );
  const head = h('tr', {}, ...rows.columns.map((c) => h('th', { scope: 'col' }, c)), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions')));
  const body = h('tbody', {}, ...rows.rows.map((r) => rowElement(grid, table, rows.columns, r, index)));
  grid.replaceChildren(nav, rows.rows.length ? h('table', { class: 'grid', 'aria-label': `Rows of ${table.name}` }, h('thead', {}, head), body) : h('p', { class: 'muted' }, index === 0 ? `No rows visible to ${page.status?.actingLabel ?? 'this caller'}. With RLS on, a caller sees only rows a policy allows.` : 'No more rows.'), h('details', { class: 'sql' }, h('summary', {}, 'SQL'), h('code', {}, rows.sql)));
  grid.removeAttribute('aria-busy');
}

function rowElement(grid: HTMLElement, table: TableSummary, columns: string[], row: Record<string, unknown>, index: number): HTMLTableRowElement {
  const key = table.primaryKey.map((k) => row[k]);
  const tr = h('tr', {});
  for (const c of columns) {
    const td = h('td', { tabindex: '0', title: table.primaryKey.length ? 'Double-click or Enter to edit' : 'No primary key: edit in the SQL console' }, cell(row[c]));
    if (row[c] === null) td.classList.add('null');
    const edit = () => table.primaryKey.length && editCell(td, grid, table, key, c, row[c], index);
    td.addEventListener('dblclick', edit);
    td.addEventListener('keydown', (e) => e.key === 'Enter' && edit());
    tr.append(td);
  }
  const actions = h('td', { class: 'actions' });
  const del = button('Delete row', 'trash', () => {
    actions.replaceChildren(
      h('span', { role: 'alert' }, 'Delete this row? '),
      button('Yes, delete', 'check', () => {
        rpc.request<number>({ type: 'delete', table: table.name, key }).then(
          (n) => (n ? renderPage(grid, table, index) : showError(actions, new Error('No row was deleted: RLS hid it from this caller, or it is gone.'))),
          (err: Error) => showError(actions, err),
        );
      }),
      button('Cancel', 'close', () => actions.replaceChildren(del)),
    );
    (actions.querySelector('button') as HTMLButtonElement | null)?.focus();
  }, { compact: 'true' });
  if (table.primaryKey.length) actions.append(del);
  tr.append(actions);
  return tr;
}

function editCell(td: HTMLElement, grid: HTMLElement, table: TableSummary, key: unknown[], column: string, value: unknown, index: number): void {
  const input = h('input', { type: 'text', value: value === null ? '' : cell(value), 'aria-label': `New value of ${column} (empty with Shift+Enter sets NULL)` });
  td.replaceChildren(input);
  input.focus();
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') void renderPage(grid, table, index);
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const next = e.shiftKey && input.value === '' ? null : input.value;
    rpc.request({ type: 'update', table: table.name, key, changes: { [column]: next } }).then(
      (row) => (row ? renderPage(grid, table, index) : showError(td, new Error('No row changed: RLS let this caller see it but not update it.'))),
      (err: Error) => showError(td, err),
    );
  });
}

function insertForm(grid: HTMLElement, table: TableSummary, columns: string[], index: number): void {
  const defaults = new Map(details?.columns.map((c) => [c.name, c.defaultValue]) ?? []);
  const inputs = columns.map((c) => h('input', { type: 'text', id: `new-${c}`, placeholder: defaults.get(c) ? `default: ${defaults.get(c)}` : '' }));
  const out = h('div', {});
  const form = h('form', { class: 'insert', 'aria-label': `Insert into ${table.name}` }, ...columns.map((c, i) => h('div', { class: 'control' }, h('label', { for: `new-${c}` }, c), inputs[i])), h('button', { type: 'submit' }, 'Insert'), out);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const values: Record<string, string> = {};
    columns.forEach((c, i) => inputs[i].value !== '' && (values[c] = inputs[i].value));
    rpc.request({ type: 'insert', table: table.name, values }).then(() => renderPage(grid, table, index), (err: Error) => showError(out, err));
  });
  grid.prepend(form);
  inputs[0]?.focus();
}
