// Which identifiers a template's code uses, so a function name that would become one of them (and
// shadow or redeclare it: `def json(request)` over `import json`) is refused before anything is written.
// A small tokenizer, not a parser: it skips comments and string literals (keeping the code inside
// `${…}` and f-string `{…}`), so it can only over-report, which refuses a name, never breaks code.
import type { LanguageId, TemplateManifest } from './manifest';
import { camelName, snakeName } from './names';
import { findTrigger, type ScaffoldRequest } from './render';

/** Stands for the function name where a template uses it as code (`{{camelName}}`, `{{snakeName}}`). */
const nameSentinel = 'SERVERLESS_LAB_NAME';

/** Identifiers in JavaScript/TypeScript code, outside comments and strings. */
function jsIdentifiers(text: string, out: Set<string>): void {
  // Brace depth inside each open `${`, innermost last; at depth 0 a `}` resumes the template literal.
  const templateDepth: number[] = [];
  let i = 0;
  const skipTemplate = () => {
    while (i < text.length) {
      if (text[i] === '\\') i += 2;
      else if (text[i] === '`') return void i++;
      else if (text[i] === '$' && text[i + 1] === '{') {
        templateDepth.push(0);
        return void (i += 2);
      } else i++;
    }
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (c === '/' && text[i + 1] === '*') i = text.indexOf('*/', i + 2) < 0 ? text.length : text.indexOf('*/', i + 2) + 2;
    else if (c === '"' || c === "'") {
      i++;
      while (i < text.length && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '`') {
      i++;
      skipTemplate();
    } else if (c === '{' && templateDepth.length) {
      templateDepth[templateDepth.length - 1]++;
      i++;
    } else if (c === '}' && templateDepth.length) {
      i++;
      if (templateDepth[templateDepth.length - 1]-- === 0) {
        templateDepth.pop();
        skipTemplate();
      }
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[\w$]+/.exec(text.slice(i, i + 200))!;
      out.add(m[0]);
      i += m[0].length;
    } else if (/\d/.test(c)) i += /^[\w.]+/.exec(text.slice(i, i + 100))![0].length;
    else i++;
  }
}

/** Identifiers in Python code, outside comments and strings (f-string replacement fields count as code). */
function pyIdentifiers(text: string, out: Set<string>): void {
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const prefix = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(text.slice(i, i + 5));
    if (c === '#') i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (prefix && (i === 0 || !/\w/.test(text[i - 1]))) {
      const quote = prefix[2];
      const isF = /f/i.test(prefix[1]);
      i += prefix[0].length;
      let code = '';
      while (i < text.length && !text.startsWith(quote, i)) {
        if (text[i] === '\\') i += 2;
        else if (isF && text[i] === '{' && text[i + 1] !== '{') {
          const end = text.indexOf('}', i);
          code += ` ${text.slice(i + 1, end < 0 ? text.length : end)}`;
          i = end < 0 ? text.length : end + 1;
        } else i += isF && text[i] === '{' ? 2 : 1;
      }
      i += quote.length;
      if (code) pyIdentifiers(code, out);
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^\w+/.exec(text.slice(i, i + 200))!;
      out.add(m[0]);
      i += m[0].length;
    } else i++;
  }
}

/** Identifiers used as code in one template file; `{{camelName}}`/`{{snakeName}}` show up as the sentinel. */
export function templateCodeIdentifiers(templateText: string, language: LanguageId): Set<string> {
  const text = templateText.replace(/\{\{(camelName|snakeName)\}\}/g, nameSentinel).replace(/\{\{\w+\}\}/g, '0');
  const out = new Set<string>();
  (language === 'python' ? pyIdentifiers : jsIdentifiers)(text, out);
  return out;
}

/** Template files (handler, shim, test) a request renders, as `<provider>/<language>/<file>` paths. */
export function templateFiles(manifest: TemplateManifest, req: Omit<ScaffoldRequest, 'name'>): string[] {
  const trigger = findTrigger(manifest, { ...req, name: 'x' });
  const lang = manifest.languages[req.language];
  const shim = trigger.shim && (req.language === 'python' ? snakeName(trigger.shim) : trigger.shim);
  return [`${req.provider}/${req.language}/${trigger.source ?? trigger.id}.${lang.ext}`, ...(shim ? [`${req.provider}/${req.language}/${shim}.${lang.ext}`] : []), `common/${req.language}/test.${lang.ext}`];
}

/**
 * Returns why `req.name` would clash with an identifier of the code it is rendered into, or undefined.
 * Only files that use the name as code are checked: where it lands only in strings, any name is safe.
 */
export function templateNameClash(manifest: TemplateManifest, read: (relPath: string) => string, req: ScaffoldRequest): string | undefined {
  const identifier = req.language === 'python' ? snakeName(req.name) : camelName(req.name);
  for (const file of templateFiles(manifest, req)) {
    const used = templateCodeIdentifiers(read(file), req.language);
    if (used.has(nameSentinel) && used.has(identifier)) {
      return `"${req.name}" would become the ${manifest.languages[req.language].label} identifier "${identifier}", which the ${req.trigger} template already uses (${file}); choose another name, e.g. ${req.name}Fn`;
    }
  }
  return undefined;
}
