// The one function registry: every feature that reads functions (editor, CLI, runtime service,
// event engine, BaaS, exercise checks) asks it. It reads each workspace folder's functions.json,
// the SAM templates and the single-file convention through a small host (file reads, existence,
// template discovery), and keeps parses until the host says a file changed: the extension feeds it
// file-watcher events, the Node host compares modification stamps. Nothing is parsed per invocation.
import * as path from 'node:path';
import { readSamTemplate, type SamDiagnostic, type SamPosition } from '../sam';
import { FUNCTIONS_FILE, parseFunctionsFile, type FunctionEntry } from './functionsFile';
import type { PositionedProblem } from './jsonc';
import { resolveEntry, resolveFunction, resolveSam, type ResolvedFunction, type SamFunctionLike } from './resolve';

/** What the registry needs from its surroundings (Node fs for the CLI, vscode.workspace.fs in the editor). */
export interface RegistryHost {
  /** File text, or undefined when the file does not exist or cannot be read. */
  readFile(file: string): Promise<string | undefined>;
  exists(file: string): Promise<boolean>;
  /** Absolute paths of the SAM templates under a workspace folder (dependencies skipped). */
  findTemplates(root: string): Promise<string[]>;
  /** A change stamp (e.g. mtime and size). When given, cached parses are re-checked against it; otherwise the owner calls invalidate() on file events. */
  stamp?(file: string): string | undefined;
}

/** A workspace folder's functions.json: its entries and problems (no file: no entries, no problems). */
export interface FunctionsFileResult {
  root: string;
  file: string;
  exists: boolean;
  entries: FunctionEntry[];
  problems: PositionedProblem[];
}

/** A SAM function whose handler file was found, with where it is declared. */
export interface LocatedSamFunction extends SamFunctionLike {
  logicalId: string;
  template: string;
  range: { start: SamPosition; end: SamPosition };
}

/** One template's functions and diagnostics. */
export interface TemplateResult {
  file: string;
  functions: LocatedSamFunction[];
  diagnostics: SamDiagnostic[];
}

interface Cached<T> {
  stamp: string | undefined;
  value: Promise<T>;
}

const TEMPLATE_NAME = /^template\.ya?ml$/;

/** Reads a template's functions, keeping those whose handler file exists (a warning names the files looked for otherwise). */
export async function locateSamFunctions(text: string, template: string, exists: (file: string) => Promise<boolean>): Promise<TemplateResult> {
  const result = readSamTemplate(text, template);
  const functions: LocatedSamFunction[] = [];
  const diagnostics = [...result.diagnostics];
  for (const fn of result.functions) {
    if (fn.runtimeKind === 'unsupported') continue;
    let handlerFile: string | undefined;
    for (const candidate of fn.handlerFileCandidates) {
      const file = path.resolve(path.dirname(template), candidate);
      if (await exists(file)) {
        handlerFile = file;
        break;
      }
    }
    if (!handlerFile) {
      diagnostics.push({ severity: 'warning', message: `${fn.logicalId}: handler file not found (looked for ${fn.handlerFileCandidates.join(', ')}), so it cannot be invoked locally`, file: template, start: fn.range.start, end: fn.range.end });
      continue;
    }
    functions.push({
      name: fn.name, logicalId: fn.logicalId, template, range: fn.range, handlerFile, handlerName: fn.handlerName, runtime: fn.runtimeKind,
      memoryMb: fn.memoryMb, timeoutSec: fn.timeoutSec, env: fn.env, architecture: fn.architecture, ...(fn.trigger ? { trigger: fn.trigger } : {}),
    });
  }
  return { file: template, functions, diagnostics };
}

/** Does `file` sit inside `root` (or is it root)? */
/** How long a searched list of templates is trusted without a watcher event. */
const TEMPLATE_LIST_TTL_MS = 2000;

function inside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The function registry over one or more workspace folders. */
export class FunctionRegistry {
  private roots: string[];
  private readonly jsonCache = new Map<string, Cached<FunctionsFileResult>>();
  private templateList: Promise<string[]> | undefined;
  /** When the template list was searched: it is searched again after TEMPLATE_LIST_TTL_MS (see templateResults). */
  private templateListAt = 0;
  private readonly templates = new Map<string, Cached<TemplateResult>>();
  private readonly resolvedFiles = new Map<string, Promise<ResolvedFunction>>();
  private readonly lastResults = new Map<string, { inputs: readonly object[]; value: ResolvedFunction }>();
  private readonly listeners = new Set<() => void>();

  constructor(roots: readonly string[], private readonly host: RegistryHost) {
    this.roots = roots.map((r) => path.resolve(r));
  }

  /** The workspace folders, first one first. */
  folders(): readonly string[] {
    return this.roots;
  }

  /** Replaces the workspace folders (e.g. folders added or removed in the editor). */
  setFolders(roots: readonly string[]): void {
    this.roots = roots.map((r) => path.resolve(r));
    this.invalidate();
  }

  /** Forgets cached parses of `file` (or everything) and notifies listeners; call it from file watchers. */
  invalidate(file?: string): void {
    if (file === undefined) {
      this.jsonCache.clear();
      this.templates.clear();
      this.templateList = undefined;
    } else {
      const abs = path.resolve(file);
      for (const root of this.jsonCache.keys()) if (path.join(root, FUNCTIONS_FILE) === abs) this.jsonCache.delete(root);
      if (TEMPLATE_NAME.test(path.basename(abs))) {
        this.templates.delete(abs);
        this.templateList = undefined;
      }
    }
    this.resolvedFiles.clear();
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch {
        // a faulty listener must not stop the others
      }
    }
  }

  /** Subscribes to invalidations (configuration may have changed); returns an unsubscribe function. */
  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The workspace folder holding `file` (undefined outside every folder). */
  folderOf(file: string): string | undefined {
    return this.roots.filter((r) => inside(r, file)).sort((a, b) => b.length - a.length)[0];
  }

  /** A folder's functions.json, parsed and validated once per change. */
  functionsFile(root: string): Promise<FunctionsFileResult> {
    const file = path.join(root, FUNCTIONS_FILE);
    return this.cached(this.jsonCache, root, file, async () => {
      const text = await this.host.readFile(file);
      if (text === undefined) return { root, file, exists: false, entries: [], problems: [] };
      return { root, file, exists: true, ...parseFunctionsFile(text) };
    });
  }

  /** Every folder's functions.json. */
  functionsFiles(): Promise<FunctionsFileResult[]> {
    return Promise.all(this.roots.map((r) => this.functionsFile(r)));
  }

  /** Every SAM template's functions and diagnostics, each parsed once per change. */
  async templateResults(): Promise<TemplateResult[]> {
    // File watchers can miss a template created right after a folder was deleted (seen in the extension host),
    // so the list of templates, cheap to search, is also searched again after a short time; parses stay cached.
    if (this.templateList && Date.now() - this.templateListAt > TEMPLATE_LIST_TTL_MS) this.templateList = undefined;
    if (!this.templateList) {
      this.templateListAt = Date.now();
      this.templateList = Promise.all(this.roots.map((r) => this.host.findTemplates(r))).then((lists) => [...new Set(lists.flat().map((f) => path.resolve(f)))].sort());
    }
    const list = this.templateList;
    list.catch(() => {
      if (this.templateList === list) this.templateList = undefined;
    });
    const files = await list;
    return Promise.all(files.map((file) => this.template(file)));
  }

  /** Every named function: functions.json entries first (folder order), then SAM functions; the first of a name wins. */
  async list(): Promise<ResolvedFunction[]> {
    const seen = new Set<string>();
    const out: ResolvedFunction[] = [];
    const add = (fn: ResolvedFunction): void => {
      if (seen.has(fn.config.name)) return;
      seen.add(fn.config.name);
      out.push(fn);
    };
    for (const f of await this.functionsFiles()) for (const e of f.entries) add(resolveEntry(e, f.root, f.file));
    for (const t of await this.templateResults()) for (const fn of t.functions) add(resolveSam(fn, t.file));
    return out;
  }

  /**
   * Handler names that functions.json entries or SAM functions declare for `file` (absolute): handler
   * detection shows lenses on them whatever their name.
   */
  async handlerNamesFor(file: string): Promise<string[]> {
    const abs = path.normalize(path.resolve(file));
    const names: string[] = [];
    for (const f of await this.functionsFiles()) for (const e of f.entries) { const r = resolveEntry(e, f.root, f.file); if (path.normalize(r.config.handlerFile) === abs) names.push(r.config.handlerName); }
    for (const t of await this.templateResults()) for (const fn of t.functions) if (path.normalize(fn.handlerFile) === abs) names.push(fn.handlerName);
    return [...new Set(names)];
  }

  /** Resolves a registered function by name (functions.json, then SAM); undefined when unknown. */
  async byName(name: string): Promise<ResolvedFunction | undefined> {
    const files = await this.functionsFiles();
    for (const f of files) {
      const entry = f.entries.find((e) => e.name === name);
      if (entry) return this.stable(`name:${name}`, [f], () => resolveEntry(entry, f.root, f.file));
    }
    const templates = await this.templateResults();
    for (const t of templates) {
      const fn = t.functions.find((s) => s.name === name);
      if (fn) return this.stable(`name:${name}`, [...files, ...templates], () => resolveSam(fn, t.file));
    }
    return undefined;
  }

  /**
   * The previous result for `key` while its inputs are the same parsed objects (cheap identity check),
   * or while a fresh result is equal: the invoker's warm path recognises an unchanged config by identity.
   */
  private stable(key: string, inputs: readonly object[], compute: () => ResolvedFunction): ResolvedFunction {
    const old = this.lastResults.get(key);
    if (old && old.inputs.length === inputs.length && old.inputs.every((x, i) => x === inputs[i])) return old.value;
    const fresh = compute();
    const value = old && JSON.stringify(old.value) === JSON.stringify(fresh) ? old.value : fresh;
    this.lastResults.set(key, { inputs, value });
    return value;
  }

  /** Resolves the handler `handlerName` (default: the runtime's conventional one) in an absolute file. */
  resolveFile(file: string, handlerName?: string): Promise<ResolvedFunction> {
    const abs = path.resolve(file);
    const key = `${abs}\0${handlerName ?? ''}`;
    let p = this.resolvedFiles.get(key);
    if (!p || this.host.stamp) {
      p = (async () => {
        const root = this.folderOf(abs);
        const json = root ? await this.functionsFile(root) : undefined;
        const templates = await this.templatesAbove(abs, root);
        const sam = (): LocatedSamFunction[] => templates.flatMap((t) => t.functions);
        return this.stable(`file:${key}`, [...(json ? [json] : []), ...templates], () =>
          resolveFunction(abs, handlerName, root, json?.entries ?? [], sam(), { functionsFile: json?.file, templateOf: (fn) => (fn as LocatedSamFunction).template }));
      })();
      this.resolvedFiles.set(key, p);
      p.catch(() => this.resolvedFiles.delete(key));
    }
    return p;
  }

  /** One template's functions, parsed once per change. */
  private template(file: string): Promise<TemplateResult> {
    return this.cached(this.templates, file, file, async () => {
      const text = await this.host.readFile(file);
      return text === undefined ? { file, functions: [], diagnostics: [] } : locateSamFunctions(text, file, (f) => this.host.exists(f));
    });
  }

  /**
   * The templates that can run `abs`: template.yaml/yml beside it or in a folder above it, up to its
   * workspace folder (a SAM CodeUri is relative to its template, and templates sit at or above their code).
   * Resolving one file therefore never walks or parses the rest of the workspace: a cold CLI
   * `invoke <file>` in a repository full of unrelated templates stays a stat per folder level.
   */
  private async templatesAbove(abs: string, root: string | undefined): Promise<TemplateResult[]> {
    const candidates: string[] = [];
    for (let dir = path.dirname(abs); ; dir = path.dirname(dir)) {
      candidates.push(path.join(dir, 'template.yaml'), path.join(dir, 'template.yml'));
      if (!root || !inside(root, dir) || dir === root || path.dirname(dir) === dir) break;
    }
    const found = (await Promise.all(candidates.map(async (f) => ((await this.host.exists(f)) ? f : undefined)))).filter((f): f is string => !!f);
    return Promise.all(found.map((file) => this.template(file)));
  }

  /**
   * Resolves `target`: a registered function name first, else a handler file (absolute, or relative
   * to the first folder). Undefined when it is neither.
   */
  async resolve(target: string, handlerName?: string): Promise<ResolvedFunction | undefined> {
    const looksLikePath = path.isAbsolute(target) || /[\\/]/.test(target) || path.extname(target) !== '';
    if (!looksLikePath) {
      const named = await this.byName(target);
      if (named) return named;
    }
    const file = path.resolve(this.roots[0] ?? process.cwd(), target);
    if (!(await this.host.exists(file))) return undefined;
    return this.resolveFile(file, handlerName);
  }

  private cached<T>(map: Map<string, Cached<T>>, key: string, file: string, load: () => Promise<T>): Promise<T> {
    const stamp = this.host.stamp?.(file);
    const hit = map.get(key);
    if (hit && (!this.host.stamp || hit.stamp === stamp)) return hit.value;
    const value = load();
    const entry = { stamp, value };
    map.set(key, entry);
    value.catch(() => {
      if (map.get(key) === entry) map.delete(key);
    });
    return value;
  }
}
