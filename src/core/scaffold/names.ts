// Function-name validation: one name becomes a folder, a functions.json key, a SAM logical id and,
// for some providers, a code identifier, so it must be safe in all of them.
import type { LanguageId } from './manifest';

// ECMAScript reserved words plus strict-mode ones (TypeScript adds none that matter for identifiers).
const jsReserved = new Set(('break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval').split(' '));
// CommonJS module-scope names: TypeScript reserves them at the top level of a module (TS2441), and in
// JavaScript a function of that name would hide the module's own require/exports.
const commonJsReserved = new Set(['require', 'exports', 'module', '__filename', '__dirname']);
// Python keywords (keyword.kwlist, 3.12) and soft keywords.
const pyReserved = new Set(('False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case type _').split(' '));
// Windows device names cannot be folder names, even with an extension.
const windowsReserved = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/** camelCase form of a name (`process-order` -> `processOrder`), used for JS/TS identifiers. */
export function camelName(name: string): string {
  return name.replace(/[-_]+([A-Za-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** snake_case form (`processOrder` -> `process_order`), used for Python identifiers and modules. */
export function snakeName(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_').toLowerCase();
}

/** PascalCase form, used as the CloudFormation logical id (alphanumeric only). */
export function pascalName(name: string): string {
  const c = camelName(name).replace(/[^A-Za-z0-9]/g, '');
  return c.charAt(0).toUpperCase() + c.slice(1);
}

/**
 * Returns why `name` cannot be used for a function in `language`, or undefined when it is fine.
 * Rules: Lambda's function-name characters (letters, digits, '-', '_'; at most 64), starting with a
 * letter so it is also a valid identifier and logical id, and not a reserved word in that language.
 */
export function validateFunctionName(name: string, language: LanguageId, existing: readonly string[] = []): string | undefined {
  if (name.trim() === '') return 'Enter a function name, e.g. processOrder';
  if (name.length > 64) return `"${name}" is ${name.length} characters long; Lambda allows at most 64`;
  if (!/^[A-Za-z]/.test(name)) return `"${name}" must start with a letter`;
  const bad = name.match(/[^A-Za-z0-9_-]/);
  if (bad) return `"${bad[0]}" is not allowed: use letters, digits, "-" or "_" (e.g. ${name.replace(/[^A-Za-z0-9_-]+/g, '-')})`;
  if (/[-_]$/.test(name)) return `"${name}" must not end with "-" or "_"`;
  if (windowsReserved.test(name)) return `"${name}" is a reserved device name on Windows; choose another`;
  if (language === 'python' && (pyReserved.has(name) || pyReserved.has(snakeName(name)))) return `"${name}" is a Python keyword; choose another, e.g. ${name}Fn`;
  if (language !== 'python' && (jsReserved.has(name) || jsReserved.has(camelName(name)))) return `"${name}" is a reserved word in JavaScript; choose another, e.g. ${name}Fn`;
  if (language !== 'python' && commonJsReserved.has(camelName(name))) return `"${name}" is a CommonJS module name (require, exports, module); choose another, e.g. ${name}Fn`;
  if (existing.some((e) => e.toLowerCase() === name.toLowerCase())) return `A function named "${name}" already exists in .serverless-lab/functions.json`;
  return undefined;
}
