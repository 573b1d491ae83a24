/** Parses PostgREST query strings (select, filters, logic trees, order, limit, offset). */
import { parseError } from './errors';
import { Condition, FilterOperator, filterOperators, OrderTerm, ParsedQuery, SelectItem } from './queryAst';

const reserved = new Set(['select', 'order', 'limit', 'offset', 'on_conflict', 'columns']);
const isKeywords = new Set(['null', 'not_null', 'true', 'false', 'unknown']);

/** Splits on commas that are outside parentheses and double quotes. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '\\' && i + 1 < text.length) { current += ch + text[++i]; continue; }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') {
      if (--depth < 0) throw parseError(`Unbalanced parentheses in "${text}"`);
    } else if (!quoted && depth === 0 && ch === ',') { parts.push(current); current = ''; continue; }
    current += ch;
  }
  if (depth !== 0 || quoted) throw parseError(`Unbalanced parentheses or quotes in "${text}"`);
  parts.push(current);
  return parts;
}

/** Removes surrounding double quotes and unescapes `\"` and `\\`. */
function unquote(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/\\(.)/g, '$1');
  return t;
}

function identifier(text: string, context: string): string {
  const name = unquote(text);
  if (name === '' || /[\0]/.test(name)) throw parseError(`Empty or invalid column name in ${context}`);
  return name;
}

/** Parses `select=`; an empty or missing value means `*`. */
export function parseSelect(text: string | undefined): SelectItem[] {
  if (text === undefined || text.trim() === '') return [{ kind: 'star' }];
  return splitTopLevel(text).map((part) => parseSelectItem(part.trim(), text));
}

function parseSelectItem(part: string, whole: string): SelectItem {
  if (part === '*') return { kind: 'star' };
  if (part === '') throw parseError(`Empty item in select=${whole}`);
  let alias: string | undefined;
  let rest = part;
  const colon = part.match(/^([^:(!"]+|"[^"]*"):(?!:)/);
  if (colon) { alias = unquote(colon[1]); rest = part.slice(colon[0].length); }
  const open = rest.indexOf('(');
  if (open >= 0) {
    if (!rest.endsWith(')')) throw parseError(`Expected ")" at the end of "${part}" in select`);
    const [relation, ...modifiers] = rest.slice(0, open).split('!');
    const inner = modifiers.includes('inner');
    const hint = modifiers.find((m) => m !== 'inner' && m !== 'left');
    return {
      kind: 'embed', relation: identifier(relation, 'select'), alias, hint, inner,
      select: parseSelect(rest.slice(open + 1, -1)),
    };
  }
  const [name, cast, extra] = rest.split('::');
  if (extra !== undefined) throw parseError(`Unexpected "::" in "${part}"`);
  if (cast !== undefined && !/^[A-Za-z_][A-Za-z0-9_ ]*(\[\])?$/.test(cast)) throw parseError(`Invalid cast "${cast}" in select`);
  return { kind: 'column', name: identifier(name, 'select'), alias, cast };
}

/** Parses `op.value` or `not.op.value` for `column`. */
export function parseFilter(column: string, text: string): Condition {
  let negate = false;
  let rest = text;
  if (rest.startsWith('not.')) { negate = true; rest = rest.slice(4); }
  const dot = rest.indexOf('.');
  const op = (dot < 0 ? rest : rest.slice(0, dot)) as FilterOperator;
  if (dot < 0 || !Object.prototype.hasOwnProperty.call(filterOperators, op)) {
    throw parseError(`"failed to parse filter (${text})"`, `unknown or missing operator in ${column}=${text}`);
  }
  const raw = rest.slice(dot + 1);
  if (op === 'in') {
    if (!raw.startsWith('(') || !raw.endsWith(')')) throw parseError(`"in" needs a list in parentheses: ${column}=${text}`);
    const inner = raw.slice(1, -1);
    return { kind: 'filter', column, negate, op, value: inner === '' ? [] : splitTopLevel(inner).map(unquote) };
  }
  if (op === 'is' && !isKeywords.has(raw.toLowerCase())) {
    throw parseError(`"is" accepts null, not_null, true, false or unknown, not "${raw}"`);
  }
  const value = op === 'like' || op === 'ilike' ? raw.replace(/\*/g, '%') : raw;
  return { kind: 'filter', column, negate, op, value: op === 'is' ? value.toLowerCase() : value };
}

/** Parses the value of `or=`/`and=` (a parenthesised list) into a logic condition. */
export function parseLogic(kind: 'and' | 'or', negate: boolean, text: string): Condition {
  if (!text.startsWith('(') || !text.endsWith(')')) throw parseError(`${kind}= needs a list in parentheses, got "${text}"`);
  const children = splitTopLevel(text.slice(1, -1)).map((item) => parseLogicItem(item.trim()));
  if (children.length === 0) throw parseError(`Empty ${kind}= list`);
  return { kind, negate, children };
}

function parseLogicItem(item: string): Condition {
  const nested = item.match(/^(not\.)?(and|or)(\(.*\))$/s);
  if (nested) return parseLogic(nested[2] as 'and' | 'or', nested[1] !== undefined, nested[3]);
  const dot = item.indexOf('.');
  if (dot <= 0) throw parseError(`"failed to parse logic tree (${item})"`);
  return parseFilter(identifier(item.slice(0, dot), 'logic tree'), unquoteScalar(item.slice(dot + 1)));
}

/** Inside logic trees, a scalar value may be double-quoted to protect commas and parentheses. */
function unquoteScalar(text: string): string {
  const m = text.match(/^((?:not\.)?(?:eq|neq|gt|gte|lt|lte|like|ilike|is)\.)(".*")$/s);
  return m ? m[1] + unquote(m[2]) : text;
}

/** Parses `order=a.desc.nullslast,b`. */
export function parseOrder(text: string): OrderTerm[] {
  return splitTopLevel(text).map((term) => {
    const [column, ...modifiers] = term.trim().split('.');
    const result: OrderTerm = { column: identifier(column, 'order'), direction: 'asc' };
    for (const m of modifiers) {
      if (m === 'asc' || m === 'desc') result.direction = m;
      else if (m === 'nullsfirst') result.nulls = 'first';
      else if (m === 'nullslast') result.nulls = 'last';
      else throw parseError(`"failed to parse order (${text})"`, `unknown modifier "${m}"`);
    }
    return result;
  });
}

function nonNegativeInteger(name: string, text: string): number {
  if (!/^\d{1,15}$/.test(text)) throw parseError(`${name} must be a non-negative integer, got "${text}"`);
  return Number(text);
}

/** Parses a whole query string. Keys that are not reserved become filters (unless `rpc` GET). */
export function parseQuery(queryString: string, options: { argsAreFilters: boolean } = { argsAreFilters: true }): ParsedQuery {
  const params = new URLSearchParams(queryString);
  const parsed: ParsedQuery = { select: [{ kind: 'star' }], where: [], order: [], raw: [] };
  for (const [key, value] of params) {
    if (key === 'select') parsed.select = parseSelect(value);
    else if (key === 'order') parsed.order.push(...parseOrder(value));
    else if (key === 'limit') parsed.limit = nonNegativeInteger('limit', value);
    else if (key === 'offset') parsed.offset = nonNegativeInteger('offset', value);
    else if (key === 'on_conflict') parsed.onConflict = splitTopLevel(value).map((c) => identifier(c, 'on_conflict'));
    else if (key === 'columns') parsed.columns = splitTopLevel(value).map((c) => identifier(c, 'columns'));
    else if (reserved.has(key)) continue;
    else if (key === 'or' || key === 'and') parsed.where.push(parseLogic(key, false, value));
    else if (key === 'not.or' || key === 'not.and') parsed.where.push(parseLogic(key.slice(4) as 'and' | 'or', true, value));
    else if (options.argsAreFilters) {
      if (key.includes('->')) throw parseError(`Filters on JSON paths are not supported yet: "${key}"`);
      if (key.includes('.')) {
        // `author.name=eq.Ada` filters the embedded rows of `author` (PostgREST's embedded filters).
        const parts = key.split('.');
        const column = identifier(parts.pop() as string, 'filter');
        (parsed.embedFilters ??= []).push({ path: parts.map((p) => identifier(p, 'filter')), condition: parseFilter(column, value) });
      } else parsed.where.push(parseFilter(identifier(key, 'filter'), value));
    } else parsed.raw.push([key, value]);
  }
  return parsed;
}
