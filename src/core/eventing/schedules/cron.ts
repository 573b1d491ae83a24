// AWS's six-field cron (minutes hours day-of-month month day-of-week year), validated field by
// field against the EventBridge documentation so that errors point at the exact character, then
// translated for croner (which does the calendar arithmetic: L, W, #, years, time zones).
// Source: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
// (read 2026-11-27): values and wildcards per field are in `fields` below.

/** A problem at a 0-based position inside the text between the parentheses. */
export class CronFieldError extends Error {
  constructor(readonly position: number, reason: string) {
    super(reason);
  }
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  /** Wildcards AWS allows in this field besides values. */
  wildcards: string;
  names?: string[];
}

const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const days = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const fields: FieldSpec[] = [
  { name: 'minutes', min: 0, max: 59, wildcards: ',-*/' },
  { name: 'hours', min: 0, max: 23, wildcards: ',-*/' },
  { name: 'day-of-month', min: 1, max: 31, wildcards: ',-*?/LW' },
  { name: 'month', min: 1, max: 12, wildcards: ',-*/', names: months },
  { name: 'day-of-week', min: 1, max: 7, wildcards: ',-*?L#', names: days },
  { name: 'year', min: 1970, max: 2199, wildcards: ',-*/' },
];

interface Token {
  text: string;
  at: number;
}

function value(spec: FieldSpec, text: string, at: number): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + 1;
  if (!/^\d+$/.test(text)) {
    const hint = spec.names ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : '';
    throw new CronFieldError(at, `${spec.name}: "${text}" is not a value (use ${spec.min}-${spec.max}${hint})`);
  }
  const n = Number(text);
  if (n < spec.min || n > spec.max) throw new CronFieldError(at, `${spec.name}: ${n} is out of range ${spec.min}-${spec.max}`);
  return n;
}

function allowed(spec: FieldSpec, wildcard: string, at: number): void {
  if (!spec.wildcards.includes(wildcard)) {
    throw new CronFieldError(at, `${spec.name}: "${wildcard}" is not allowed here (this field takes values and ${[...spec.wildcards].join(' ')})`);
  }
}

/** Validates one list item (`5`, `1-5`, `*`, `*\/15`, `1/10`, `L`, `15W`, `6L`, `3#2`); returns croner's form. */
function item(spec: FieldSpec, tok: Token, dow: (n: number) => number): string {
  const { text, at } = tok;
  if (text === '') throw new CronFieldError(at, `${spec.name}: empty list item (remove the extra ",")`);
  if (text === '*') return '*';
  const slash = text.indexOf('/');
  if (slash >= 0) {
    allowed(spec, '/', at + slash);
    const step = text.slice(slash + 1);
    if (!/^\d+$/.test(step) || Number(step) < 1) throw new CronFieldError(at + slash + 1, `${spec.name}: the increment after "/" must be a positive whole number`);
    const base = text.slice(0, slash);
    const range = base === '*' ? `${spec.min}-${spec.max}` : base.includes('-') ? rangeOf(spec, base, at, dow) : `${value(spec, base, at)}-${spec.max}`;
    return `${range}/${step}`;
  }
  if (spec.name === 'day-of-month') {
    if (text === 'L' || text === 'LW') return text;
    if (/^\d+W$/.test(text)) {
      allowed(spec, 'W', at + text.length - 1);
      return `${value(spec, text.slice(0, -1), at)}W`;
    }
  }
  if (spec.name === 'day-of-week') {
    if (text === 'L') return String(dow(7));
    if (/^\w+L$/i.test(text) && text.toUpperCase() !== 'L') return `${dow(value(spec, text.slice(0, -1), at))}L`;
    const hash = text.indexOf('#');
    if (hash >= 0) {
      const nth = text.slice(hash + 1);
      if (!/^[1-5]$/.test(nth)) throw new CronFieldError(at + hash + 1, `${spec.name}: the occurrence after "#" must be 1-5`);
      return `${dow(value(spec, text.slice(0, hash), at))}#${nth}`;
    }
  }
  for (const w of ['L', 'W', '#', '?']) {
    const i = text.indexOf(w);
    if (i >= 0) {
      allowed(spec, w, at + i);
      throw new CronFieldError(at + i, `${spec.name}: "${w}" cannot be used in "${text}"`);
    }
  }
  return text.includes('-') ? rangeOf(spec, text, at, dow) : String(dow(value(spec, text, at)));
}

function rangeOf(spec: FieldSpec, text: string, at: number, dow: (n: number) => number): string {
  const dash = text.indexOf('-');
  const low = value(spec, text.slice(0, dash), at);
  const high = value(spec, text.slice(dash + 1), at + dash + 1);
  if (low > high) throw new CronFieldError(at, `${spec.name}: the range ${text} starts after it ends`);
  return `${dow(low)}-${dow(high)}`;
}

function splitTokens(text: string, at: number, sep: RegExp): Token[] {
  const out: Token[] = [];
  let start = 0;
  for (const m of text.matchAll(sep)) {
    out.push({ text: text.slice(start, m.index), at: at + start });
    start = (m.index ?? 0) + m[0].length;
  }
  out.push({ text: text.slice(start), at: at + start });
  return out;
}

/** Validates the six AWS fields and returns croner's seven-part pattern (seconds first, Sunday = 0). */
export function awsCronToCroner(body: string): string {
  const trimmed = body.trimStart();
  const parts = splitTokens(trimmed.trimEnd(), body.length - trimmed.length, /\s+/g);
  if (parts.length !== 6) {
    throw new CronFieldError(0, `cron needs 6 fields (minutes hours day-of-month month day-of-week year), found ${parts.length}; e.g. cron(0 10 * * ? *)`);
  }
  const [, , dom, , dowField] = parts as [Token, Token, Token, Token, Token, Token];
  if ((dom.text === '?') === (dowField.text === '?')) {
    throw new CronFieldError(dom.at, 'use "?" in exactly one of day-of-month and day-of-week (e.g. cron(0 8 1 * ? *) or cron(0 8 ? * MON *))');
  }
  const out = parts.map((part, i) => {
    const spec = fields[i] as FieldSpec;
    if (part.text === '?') {
      allowed(spec, '?', part.at);
      return '*';
    }
    const dow = spec.name === 'day-of-week' ? (n: number): number => n - 1 : (n: number): number => n;
    const items = splitTokens(part.text, part.at, /,/g);
    if (spec.name === 'day-of-week' && items.length > 1 && part.text.includes('#')) {
      throw new CronFieldError(part.at + part.text.indexOf('#'), 'day-of-week: with "#", the field takes a single expression (e.g. 3#2, not 3#1,6#3)');
    }
    return items.map((t) => item(spec, t, dow)).join(',');
  });
  return `0 ${out.join(' ')}`;
}
