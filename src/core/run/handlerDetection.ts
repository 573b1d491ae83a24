// Finds Lambda-style handlers in JS/TS and Python source, for CodeLens and "Invoke Function…".
// JS/TS: exported functions that look like handlers (named *handler*, or taking an event-like
// first parameter) and default exports. Python: top-level `def name(event, context)`.
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

const EVENT_PARAM = /^\s*(?:async\s*)?(?:function\b[^(]*)?\(?\s*(?:_?event|_?evt|_?ev|_?e|_?input|_?payload|_?request|_?req|_?message|_?records?)\b/;

/** Picks the language family from a file name or VS Code language id, or undefined if unsupported. */
export function languageOf(fileNameOrLanguageId: string): HandlerLanguage | undefined {
  const s = fileNameOrLanguageId.toLowerCase();
  if (/(^|\.)(js|mjs|cjs|ts|mts|cts|jsx|tsx)$/.test(s) || /^(javascript|typescript|javascriptreact|typescriptreact)$/.test(s)) return 'javascript';
  if (/(^|\.)py$/.test(s) || s === 'python') return 'python';
  return undefined;
}

/** Detects handlers in `text`; `language` from {@link languageOf}. Results are sorted by line. */
export function detectHandlers(text: string, language: HandlerLanguage): DetectedHandler[] {
  return language === 'python' ? detectPython(text) : detectJs(text);
}

/** True when the text after a name looks like a handler-shaped function value (event-like first parameter). */
function looksLikeEventFunction(after: string): boolean {
  return EVENT_PARAM.test(after);
}

/** A plain literal value (number, string, array, boolean) can never be a handler. */
function isLiteral(value: string): boolean {
  return /^\s*(?:[-\d"'`[]|true\b|false\b|null\b)/.test(value);
}

function isHandlerName(name: string): boolean {
  return /handler$/i.test(name) || /^handle[A-Z_]/.test(name);
}

function detectJs(text: string): DetectedHandler[] {
  const masked = maskJs(text);
  const found = new Map<string, DetectedHandler>();
  const add = (name: string, offset: number, kind: string): void => {
    if (found.has(name)) return;
    const pos = offsetToPosition(text, offset);
    found.set(name, { handlerName: name, line: pos.line, character: pos.character, language: 'javascript', kind });
  };
  // Names of local functions with an event-like first parameter, for `export { x }` / `module.exports = { x }`.
  const localFns = new Map<string, boolean>();
  for (const m of masked.matchAll(/\b(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*(?:<[^>(]*>)?\s*\(([^)]*)/g)) {
    localFns.set(m[1], looksLikeEventFunction(`(${m[2]}`) || isHandlerName(m[1]));
  }
  for (const m of masked.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*([^\n;]*)/g)) {
    if (!localFns.has(m[1])) localFns.set(m[1], looksLikeEventFunction(m[2]) || isHandlerName(m[1]));
  }
  const handlerish = (name: string): boolean => isHandlerName(name) || localFns.get(name) === true;

  let m: RegExpExecArray | null;
  // export [async] function name(...)
  const exportFn = /\bexport\s+(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*(?:<[^>(]*>)?\s*(\([^)]*)/g;
  while ((m = exportFn.exec(masked))) {
    if (isHandlerName(m[1]) || looksLikeEventFunction(m[2])) add(m[1], m.index + m[0].indexOf(m[1], 6), 'export function');
  }
  // export const name = ...
  const exportConst = /\bexport\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=\n]+)?=\s*([^\n;]*)/g;
  while ((m = exportConst.exec(masked))) {
    if ((isHandlerName(m[1]) && !isLiteral(m[2])) || looksLikeEventFunction(m[2])) add(m[1], m.index + m[0].indexOf(m[1], 7), 'export const');
  }
  // export { a, b as handler }
  const exportList = /\bexport\s*\{([^}]*)\}/g;
  while ((m = exportList.exec(masked))) {
    const listStart = m.index + m[0].indexOf('{') + 1;
    for (const part of m[1].split(',')) {
      const pm = /^\s*([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?/.exec(part);
      if (!pm) continue;
      const exported = pm[2] ?? pm[1];
      if (exported === 'default') add('default', m.index, 'export default');
      else if (handlerish(exported) || handlerish(pm[1])) add(exported, listStart + m[1].indexOf(part) + part.indexOf(exported), 'export { }');
    }
  }
  // export default ...
  const exportDefault = /\bexport\s+default\b/g;
  while ((m = exportDefault.exec(masked))) add('default', m.index, 'export default');
  // exports.name = / module.exports.name =
  const cjsProp = /\b(?:module\s*\.\s*)?exports\s*\.\s*([A-Za-z_$][\w$]*)\s*=(?!=)\s*([^\n;]*)/g;
  while ((m = cjsProp.exec(masked))) {
    if (isHandlerName(m[1]) || looksLikeEventFunction(m[2]) || localFns.get(m[2].trim()) === true) add(m[1], m.index + m[0].lastIndexOf(m[1], m[0].indexOf('=')), 'exports.' + m[1]);
  }
  // module.exports = { handler, other: fn } | module.exports = fn
  const cjsObject = /\bmodule\s*\.\s*exports\s*=(?!=)\s*/g;
  while ((m = cjsObject.exec(masked))) {
    const valueStart = m.index + m[0].length;
    if (masked[valueStart] === '{') {
      const close = matchBrace(masked, valueStart);
      const body = masked.slice(valueStart + 1, close);
      for (const pm of body.matchAll(/(?:^|,)\s*(?:async\s+)?([A-Za-z_$][\w$]*)\s*(:\s*([A-Za-z_$][\w$]*)|\(|(?=,|$))/g)) {
        const name = pm[1];
        const target = pm[3] ?? name;
        if (isHandlerName(name) || handlerish(target) || pm[2] === '(') {
          if (pm[2] === '(' && !isHandlerName(name) && !looksLikeEventFunction(body.slice((pm.index ?? 0) + pm[0].length - 1))) continue;
          add(name, valueStart + 1 + (pm.index ?? 0) + pm[0].indexOf(name), 'module.exports');
        }
      }
    } else {
      add('default', m.index, 'module.exports =');
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

function detectPython(text: string): DetectedHandler[] {
  const masked = maskPython(text);
  const result: DetectedHandler[] = [];
  // Top-level (column 0) defs only: nested functions and methods cannot be a Lambda handler.
  const def = /^(async\s+)?def\s+([A-Za-z_]\w*)\s*\(([^)]*)\)/gm;
  let m: RegExpExecArray | null;
  while ((m = def.exec(masked))) {
    const params = splitParams(m[3]);
    const positional = params.filter((p) => !p.startsWith('*') && p !== '/');
    if (positional.length < 2) continue;
    const required = positional.filter((p) => !p.includes('='));
    if (required.length > 2) continue;
    const first = paramName(positional[0]);
    const second = paramName(positional[1]);
    const eventLike = /^_?(event|evt|e|ev|payload|input)$/.test(first);
    const contextLike = /^_?(context|ctx|c|lambda_context)$/.test(second);
    if (!eventLike && !contextLike) continue;
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

function paramName(param: string): string {
  return param.split(/[:=]/)[0].trim();
}
