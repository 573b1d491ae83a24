/** The parsed form of a PostgREST query string, independent of SQL. */

/** Filter operators supported, with their SQL operator (`in` and `is` are special-cased). */
export const filterOperators = {
  eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=', like: 'like', ilike: 'ilike', in: 'in', is: 'is',
} as const;

/** A PostgREST filter operator name. */
export type FilterOperator = keyof typeof filterOperators;

/** One entry of `select=`. */
export type SelectItem =
  | { kind: 'star' }
  | { kind: 'column'; name: string; alias?: string; cast?: string }
  | { kind: 'embed'; relation: string; alias?: string; hint?: string; inner: boolean; select: SelectItem[] };

/** `column=op.value`, possibly negated with `not.`. */
export interface FilterCondition {
  kind: 'filter';
  column: string;
  negate: boolean;
  op: FilterOperator;
  /** A string for scalar ops, a list for `in`, a keyword for `is`. */
  value: string | string[];
}

/** `or=(…)` / `and=(…)`, nestable. */
export interface LogicCondition {
  kind: 'and' | 'or';
  negate: boolean;
  children: Condition[];
}

/** A WHERE condition. */
export type Condition = FilterCondition | LogicCondition;

/** One term of `order=`. */
export interface OrderTerm {
  column: string;
  direction: 'asc' | 'desc';
  nulls?: 'first' | 'last';
}

/** Everything a request's query string says. */
export interface ParsedQuery {
  select: SelectItem[];
  where: Condition[];
  order: OrderTerm[];
  limit?: number;
  offset?: number;
  onConflict?: string[];
  columns?: string[];
  /** `author.name=eq.Ada`: filters on embedded rows, by the embed's alias (or relation) path. */
  embedFilters?: { path: string[]; condition: Condition }[];
  /** Non-reserved parameters, kept raw: for `rpc/` GET they are the function's arguments. */
  raw: [string, string][];
}
