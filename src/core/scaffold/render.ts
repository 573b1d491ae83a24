// Renders one template into the files to create. Pure: template text comes through a reader callback,
// so the extension, the CLI and the tests can each supply files their own way.
import { posix } from 'node:path';
import { generateEvent } from '../sampleEvents';
import type { FunctionEntry } from './functionsFile';
import type { LanguageId, ProviderId, TemplateManifest, TriggerSpec } from './manifest';
import { camelName, snakeName } from './names';

/** What the learner chose in the wizard. */
export interface ScaffoldRequest {
  provider: ProviderId;
  language: LanguageId;
  trigger: string;
  name: string;
}

/** One file to create, relative to the target folder (forward slashes). */
export interface RenderedFile {
  path: string;
  content: string;
  role: 'handler' | 'test' | 'event' | 'shim';
}

/** Everything a scaffold produces: files, the functions.json entry and where to put the cursor. */
export interface RenderedFunction {
  files: RenderedFile[];
  entry: FunctionEntry;
  /** Zero-based position in the handler file, inside the function body. */
  cursor: { path: string; line: number; character: number };
  /** The command (argv) that runs the generated test, from the function folder. */
  testCommand: string[];
  functionDir: string;
  /** npm packages the editor needs to type-check the files (TypeScript only; empty otherwise). */
  typePackages: string[];
}

/** Thrown for an unknown choice or a broken template; the message says which. */
export class RenderError extends Error {}

const placeholder = /\{\{(\w+)\}\}/g;

/** Replaces `{{key}}` placeholders; an unknown key is a template bug, reported with the file name. */
export function fill(text: string, vars: Record<string, string>, file: string): string {
  return text.replace(placeholder, (m, key: string) => {
    if (key === 'cursor') return m; // resolved after rendering, in the handler only
    if (!Object.hasOwn(vars, key)) throw new RenderError(`${file}: unknown placeholder ${m}`);
    return vars[key];
  });
}

/** Finds the trigger spec for a request, or throws with what is available. */
export function findTrigger(manifest: TemplateManifest, req: ScaffoldRequest): TriggerSpec {
  if (!Object.hasOwn(manifest.providers, req.provider)) throw new RenderError(`Unknown provider "${req.provider}". Providers: ${Object.keys(manifest.providers).join(', ')}`);
  if (!Object.hasOwn(manifest.languages, req.language)) throw new RenderError(`Unknown language "${req.language}". Languages: ${Object.keys(manifest.languages).join(', ')}`);
  const t = manifest.triggers.find((x) => x.id === req.trigger && x.provider === req.provider);
  if (!t) throw new RenderError(`No "${req.trigger}" template for ${req.provider}. Available: ${manifest.triggers.filter((x) => x.provider === req.provider).map((x) => x.id).join(', ')}`);
  if (!t.languages.includes(req.language)) throw new RenderError(`The "${req.trigger}" template has no ${req.language} version (available: ${t.languages.join(', ')})`);
  return t;
}

/** Renders the handler, test, sample events and (for Azure/Google) the Lambda-style shim. */
export function renderFunction(manifest: TemplateManifest, readTemplate: (relPath: string) => string, req: ScaffoldRequest): RenderedFunction {
  const trigger = findTrigger(manifest, req);
  const lang = manifest.languages[req.language];
  const base = { name: req.name, camelName: camelName(req.name), snakeName: snakeName(req.name) };
  const functionDir = fill(manifest.layout.functionDir, base, 'layout.functionDir');
  const eventsDir = fill(manifest.layout.eventsDir, base, 'layout.eventsDir');
  const events: RenderedFile[] = trigger.events.map((e) => ({
    path: posix.join(eventsDir, `${e.file}.json`),
    content: `${JSON.stringify(generateEvent(e.sample, e.set ?? []), null, 2)}\n`,
    role: 'event',
  }));
  const cases = trigger.events.map((e, i) => ({ file: posix.relative(functionDir, events[i].path), expect: e.expect }));
  // Python files use snake_case (lambdaShim -> lambda_shim.py).
  const shimBase = trigger.shim && (req.language === 'python' ? snakeName(trigger.shim) : trigger.shim);
  const shimFile = shimBase ? `${shimBase}.${lang.ext}` : undefined;
  const vars: Record<string, string> = {
    ...base,
    functionDir,
    testFile: lang.test,
    handlerBase: shimFile ?? lang.handler,
    // What the generated test imports: the handler itself, or the Lambda-style shim in front of it.
    entryModule: (shimFile ?? lang.handler).replace(/\.[^.]+$/, ''),
    handlerName: lang.handlerName,
    moduleName: `${snakeName(req.name)}_handler`,
    casesJson: JSON.stringify(cases, null, 2),
    casesJsonString: JSON.stringify(JSON.stringify(cases)),
  };
  const source = `${req.provider}/${req.language}/${trigger.source ?? trigger.id}.${lang.ext}`;
  const handlerPath = posix.join(functionDir, lang.handler);
  const rendered = fill(readTemplate(source), vars, source);
  const mark = rendered.indexOf('{{cursor}}');
  if (mark < 0) throw new RenderError(`${source}: missing the {{cursor}} marker for the function body`);
  const before = rendered.slice(0, mark).split('\n');
  const files: RenderedFile[] = [{ path: handlerPath, content: rendered.replace('{{cursor}}', ''), role: 'handler' }];
  if (shimFile) {
    const shimSource = `${req.provider}/${req.language}/${shimFile}`;
    files.push({ path: posix.join(functionDir, shimFile), content: fill(readTemplate(shimSource), vars, shimSource), role: 'shim' });
  }
  const testSource = `common/${req.language}/test.${lang.ext}`;
  files.push({ path: posix.join(functionDir, lang.test), content: fill(readTemplate(testSource), vars, testSource), role: 'test' }, ...events);
  const entry: FunctionEntry = {
    handler: shimFile ? posix.join(functionDir, shimFile) : handlerPath,
    handlerName: lang.handlerName,
    runtime: lang.runtime,
    memoryMb: trigger.config.memoryMb,
    timeoutSec: trigger.config.timeoutSec,
    env: Object.fromEntries(Object.entries(trigger.config.env).map(([k, v]) => [k, fill(v, vars, 'config.env')])),
    trigger: trigger.id,
  };
  if (trigger.rules) entry.events = structuredClone(trigger.rules);
  if (req.provider !== 'aws') Object.assign(entry, { provider: req.provider, source: handlerPath });
  return {
    files,
    entry,
    cursor: { path: handlerPath, line: before.length - 1, character: before[before.length - 1].length },
    testCommand: lang.testCommand.map((a) => fill(a, vars, 'testCommand')),
    functionDir,
    typePackages: req.language === 'typescript' ? manifest.providers[req.provider].typePackages ?? [] : [],
  };
}
