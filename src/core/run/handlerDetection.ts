// Finds Lambda-style handlers in JS/TS and Python source, for CodeLens, "Invoke Function…" and
// `serverless-lab handlers`. Precise on purpose: an export counts only under a conventional name
// (`handler`, `lambda_handler`), a configured extra name, or a name that functions.json / a SAM
// template lists, and only when its value can be called as (event, context). React components
// (`handleSubmit`, default exports) and ordinary library code get no lenses.
import { maskJs, maskPython, offsetToPosition } from './sourceMask';

/** Language family of a handler file. */
export type HandlerLanguage = 'javascript' | 'python';

/** One handler found in a source file. */
export interface DetectedHandler {
  /** Export / function name the runtime resolves (`default` for a default export). */
  handlerName: string;
  /** Zero-based line of the declaration. */
  line: number;
  /** Zero-based column of the name (or of the `export`/`module.exports` keyword for defaults). */
  character: number;
  language: HandlerLanguage;
  /** How it is exported, for display ("export const", "exports.x", "def", ...). */
  kind: string;
}

/** Exported names treated as handlers without configuration: the names the scaffolds and AWS docs use. */
export const CONVENTIONAL_HANDLER_NAMES: Readonly<Record<HandlerLanguage, readonly string[]>> = {
  javascript: ['handler'],
  python: ['lambda_handler', 'handler'],
};

/** What widens detection beyond the conventional names. */
export interface DetectionOptions {
  /** Extra exported names to treat as handlers (the `serverlessLab.handlers.extraNames` setting, `--name`). */
  extraNames?: readonly string[];
  /**
   * Names that `.serverless-lab/functions.json` or a SAM template lists for this file. They are handlers
   * whatever their name (a default export too), as long as the value can be a function.
   */
  listedNames?: readonly string[];
}

/** Picks the language family from a file name or VS Code language id, or undefined if unsupported. */
export function languageOf(fileNameOrLanguageId: string): HandlerLanguage | undefined {
  const s = fileNameOrLanguageId.toLowerCase();
  if (/(^|\.)(js|mjs|cjs|ts|mts|cts|jsx|tsx)$/.test(s) || /^(javascript|typescript|javascriptreact|typescriptreact)$/.test(s)) return 'javascript';
  if (/(^|\.)py$/.test(s) || s === 'python') return 'python';
  return undefined;
}

/**
 * Detects handlers in `text`; `language` from {@link languageOf}. A handler is an export with a
 * conventional (or configured, or listed) name whose value can be called as `(event, context[, callback])`.
 * Results are sorted by line.
 */
export function detectHandlers(text: string, language: HandlerLanguage, options: DetectionOptions = {}): DetectedHandler[] {
  const wanted = new Set([...CONVENTIONAL_HANDLER_NAMES[language], ...(options.extraNames ?? []), ...(options.listedNames ?? [])]);
  return language === 'python' ? detectPython(text, wanted) : detectJs(text, wanted);
}

/** What an exported value is, as far as a scanner can tell. */
type ValueShape = { kind: 'function'; params: number } | { kind: 'call' } | { kind: 'reference'; name: string } | { kind: 'other' };

/** Lambda passes (event, context) and, for Node callbacks, a third argument; more required params cannot be a handler. */
const MAX_JS_PARAMS = 3;

/** Counts parameters in the list that starts just after `(` at `open` (top-level commas only). */
function countParams(masked: string, open: number): number {
  let depth = 0;
  let count = 0;
  let seen = false;
  for (let i = open; i < masked.length; i++) {
    const ch = masked[i];
    if (ch === '>' && masked[i - 1] === '=') continue; // an arrow in a default value, not a generic's end
    if ('([{<'.includes(ch)) depth++;
    else if (')]}>'.includes(ch)) {
      if (depth === 0) return seen ? count + 1 : 0;
      depth--;
    } else if (ch === ',' && depth === 0) {
      count++;
      seen = false;
      continue;
    }
    if (!/\s/.test(ch)) seen = true;
  }
  return count;
}

/** Classifies the value text that starts at `at` in the masked source. */
function shapeAt(masked: string, at: number): ValueShape {
  const rest = masked.slice(at, at + 400);
  const fn = /^\s*(?:async\s+)?function\s*\*?\s*[\w$]*\s*(?:<[^>(]*>)?\s*\(/.exec(rest);
  if (fn) return { kind: 'function', params: countParams(masked, at + fn[0].length) };
  const arrowParen = /^\s*(?:async\s*)?(?:<[^>(]*>)?\s*\(/.exec(rest);
  if (arrowParen) {
    const close = matchParen(masked, at + arrowParen[0].length - 1);
    if (/^\s*(?::[^=;{]+)?=>/.test(masked.slice(close + 1, close + 200))) return { kind: 'function', params: countParams(masked, at + arrowParen[0].length) };
  }
  if (/^\s*(?:async\s+)?[A-Za-z_$][\w$]*\s*=>/.test(rest)) return { kind: 'function', params: 1 };
  const ref = /^\s*([A-Za-z_$][\w$]*)\s*(?:[;,}\n]|$)/.exec(rest);
  if (ref && !/^(?:true|false|null|undefined|new|class)$/.test(ref[1])) return { kind: 'reference', name: ref[1] };
  // A wrapper call (middy(fn), Sentry.wrapHandler(fn)) returns a function we cannot see: trust the name.
  if (/^\s*[A-Za-z_$][\w$.]*\s*(?:<[^>(]*>)?\s*\(/.test(rest) && !/^\s*(?:new|class)\b/.test(rest)) return { kind: 'call' };
  return { kind: 'other' };
}

/** Offset of the `)` matching the `(` at `open`. */
function matchParen(masked: string, open: number): number {
  let depth = 0;
  for (let i = open; i < masked.length; i++) {
    if (masked[i] === '(') depth++;
    else if (masked[i] === ')' && --depth === 0) return i;
  }
  return masked.length;
}

function detectJs(text: string, wanted: ReadonlySet<string>): DetectedHandler[] {
  const masked = maskJs(text);
  // Local declarations, so `exports.handler = run` and `export { run as handler }` can be checked.
  const locals = new Map<string, ValueShape>();
  for (const m of masked.matchAll(/\b(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*(?:<[^>(]*>)?\s*\(/g)) {
    locals.set(m[1], { kind: 'function', params: countParams(masked, (m.index ?? 0) + m[0].length) });
  }
  for (const m of masked.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=\n]+)?=(?!=)/g)) {
    if (!locals.has(m[1])) locals.set(m[1], shapeAt(masked, (m.index ?? 0) + m[0].length));
  }
  for (const m of masked.matchAll(/\bclass\s+([A-Za-z_$][\w$]*)/g)) locals.set(m[1], { kind: 'other' });
  const callable = (shape: ValueShape, depth = 0): boolean => {
    switch (shape.kind) {
      case 'function': return shape.params <= MAX_JS_PARAMS;
      case 'call': return true;
      // An imported or unknown binding (re-exported handler) is trusted; a known local must itself be callable.
      case 'reference': { const local = locals.get(shape.name); return !local || (depth < 5 && callable(local, depth + 1)); }
      default: return false;
    }
  };
  const found = new Map<string, DetectedHandler>();
  const add = (name: string, offset: number, kind: string, shape: ValueShape): void => {
    if (found.has(name) || !wanted.has(name) || !callable(shape)) return;
    const pos = offsetToPosition(text, offset);
    found.set(name, { handlerName: name, line: pos.line, character: pos.character, language: 'javascript', kind });
  };

  let m: RegExpExecArray | null;
  const exportFn = /\bexport\s+(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*(?:<[^>(]*>)?\s*\(/g;
  while ((m = exportFn.exec(masked))) add(m[1], m.index + m[0].indexOf(m[1], 6), 'export function', { kind: 'function', params: countParams(masked, m.index + m[0].length) });
  const exportConst = /\bexport\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=\n]+)?=(?!=)/g;
  while ((m = exportConst.exec(masked))) add(m[1], m.index + m[0].indexOf(m[1], 7), 'export const', shapeAt(masked, m.index + m[0].length));
  const exportList = /\bexport\s*\{([^}]*)\}/g;
  while ((m = exportList.exec(masked))) {
    const listStart = m.index + m[0].indexOf('{') + 1;
    for (const part of m[1].split(',')) {
      const pm = /^\s*([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?/.exec(part);
      if (!pm) continue;
      const exported = pm[2] ?? pm[1];
      add(exported, exported === 'default' ? m.index : listStart + m[1].indexOf(part) + part.indexOf(exported), 'export { }', { kind: 'reference', name: pm[1] });
    }
  }
  const exportDefault = /\bexport\s+default\b/g;
  while ((m = exportDefault.exec(masked))) add('default', m.index, 'export default', shapeAt(masked, m.index + m[0].length));
  const cjsProp = /\b(?:module\s*\.\s*)?exports\s*\.\s*([A-Za-z_$][\w$]*)\s*=(?!=)/g;
  while ((m = cjsProp.exec(masked))) add(m[1], m.index + m[0].lastIndexOf(m[1]), 'exports.' + m[1], shapeAt(masked, m.index + m[0].length));
  const cjsObject = /\bmodule\s*\.\s*exports\s*=(?!=)\s*/g;
  while ((m = cjsObject.exec(masked))) {
    const valueStart = m.index + m[0].length;
    if (masked[valueStart] !== '{') {
      add('default', m.index, 'module.exports =', shapeAt(masked, valueStart));
      continue;
    }
    const close = matchBrace(masked, valueStart);
    const body = masked.slice(valueStart + 1, close);
    for (const pm of body.matchAll(/(?:^|,)\s*(?:async\s+)?([A-Za-z_$][\w$]*)\s*(:\s*|\(|(?=,|$))/g)) {
      const name = pm[1];
      const at = valueStart + 1 + (pm.index ?? 0) + pm[0].length;
      const shape: ValueShape = pm[2] === '(' ? { kind: 'function', params: countParams(masked, at) } : pm[2].startsWith(':') ? shapeAt(masked, at) : { kind: 'reference', name };
      add(name, valueStart + 1 + (pm.index ?? 0) + pm[0].indexOf(name), 'module.exports', shape);
    }
  }
  return [...found.values()].sort((a, b) => a.line - b.line || a.character - b.character);
}

/** Offset of the brace matching the one at `open` (masked text, so strings cannot confuse it). */
function matchBrace(masked: string, open: number): number {
  let depth = 0;
  for (let i = open; i < masked.length; i++) {
    if (masked[i] === '{') depth++;
    else if (masked[i] === '}' && --depth === 0) return i;
  }
  return masked.length;
}

function detectPython(text: string, wanted: ReadonlySet<string>): DetectedHandler[] {
  const masked = maskPython(text);
  const result: DetectedHandler[] = [];
  // Top-level (column 0) defs only: nested functions and methods cannot be a Lambda handler.
  const def = /^(async\s+)?def\s+([A-Za-z_]\w*)\s*\(([^)]*)\)/gm;
  let m: RegExpExecArray | null;
  while ((m = def.exec(masked))) {
    if (!wanted.has(m[2])) continue;
    const params = splitParams(m[3]);
    const positional = params.filter((p) => !p.startsWith('*') && p !== '/');
    if (positional.length < 2) continue;
    const required = positional.filter((p) => !p.includes('='));
    // Lambda calls handler(event, context): two positional parameters must be accepted, no more required.
    if (required.length > 2) continue;
    const pos = offsetToPosition(text, m.index + m[0].indexOf(m[2], 3));
    result.push({ handlerName: m[2], line: pos.line, character: pos.character, language: 'python', kind: m[1] ? 'async def' : 'def' });
  }
  return result;
}

/** Splits a parameter list at top-level commas (annotations may contain brackets). */
function splitParams(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of list) {
    if ('[({'.includes(ch)) depth++;
    else if ('])}'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur.trim());
  return parts.filter((p) => p.length > 0);
}
