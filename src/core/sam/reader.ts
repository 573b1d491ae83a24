// Reads AWS SAM templates: AWS::Serverless::Function resources become function configurations, with
// diagnostics on exact lines. Pure (no fs, no vscode): the editor integration and the CLI both use it.
// Spec: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html
//       https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { intrinsicTags } from './cfnTags';
import { eventTypeToTrigger, requiredEventProperties } from './triggers';

/** A zero-based position. */
export interface SamPosition { line: number; character: number }

/** A problem found in a template, with its zero-based range. */
export interface SamDiagnostic {
  severity: 'error' | 'warning' | 'info';
  message: string;
  file: string;
  start: SamPosition;
  end: SamPosition;
}

/** One AWS::Serverless::Function, resolved with Globals and parameter defaults. */
export interface SamFunction {
  logicalId: string;
  /** The scaffold name when the exporter wrote it (Metadata.ServerlessLab.name), else the logical id. */
  name: string;
  /** Raw Handler, e.g. `app.lambdaHandler`. */
  handler: string;
  /** Module path relative to the template folder, without extension (CodeUri + handler module), e.g. `hello_world/app`. */
  handlerModule: string;
  /** Exported function name, e.g. `lambdaHandler`. */
  handlerName: string;
  /** Files that may hold the handler, most likely first (the caller checks which exists). */
  handlerFileCandidates: string[];
  /** Raw Runtime, e.g. `nodejs22.x`. */
  runtime: string;
  runtimeKind: 'nodejs' | 'python' | 'provided' | 'unsupported';
  codeUri: string;
  memoryMb: number;
  timeoutSec: number;
  env: Record<string, string>;
  architecture: 'x86_64' | 'arm64';
  /** Scaffold trigger id inferred from the first event, e.g. `sqs`. */
  trigger?: string;
  events: { name: string; type: string }[];
  /** Range of the resource's logical id (for CodeLens and diagnostics). */
  range: { start: SamPosition; end: SamPosition };
}

/** What `readSamTemplate` returns. */
export interface SamReadResult {
  functions: SamFunction[];
  diagnostics: SamDiagnostic[];
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a SAM template's functions; never throws (syntax errors come back as diagnostics). */
export function readSamTemplate(text: string, file: string): SamReadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { customTags: intrinsicTags, lineCounter, prettyErrors: false, uniqueKeys: true });
  const diagnostics: SamDiagnostic[] = [];
  const pos = (offset: number): SamPosition => {
    const p = lineCounter.linePos(offset);
    return { line: p.line - 1, character: p.col - 1 };
  };
  const add = (severity: SamDiagnostic['severity'], message: string, range: [number, number] | undefined) => {
    const [a, b] = range ?? [0, 0];
    diagnostics.push({ severity, message, file, start: pos(a), end: pos(b) });
  };
  for (const e of doc.errors) add('error', `YAML: ${e.message.split('\n')[0]}`, [e.pos[0], e.pos[1]]);
  if (doc.errors.length) return { functions: [], diagnostics };
  const root = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (!isObj(root) || !isObj(root.Resources)) {
    add('error', 'Not a SAM template: the top level needs a "Resources" map', [0, 0]);
    return { functions: [], diagnostics };
  }
  if (root.Transform !== 'AWS::Serverless-2016-10-31' && !(Array.isArray(root.Transform) && root.Transform.includes('AWS::Serverless-2016-10-31'))) {
    add('warning', 'SAM templates need "Transform: AWS::Serverless-2016-10-31" to deploy', keyRange(doc, ['Transform']) ?? [0, 0]);
  }
  const params = isObj(root.Parameters) ? root.Parameters : {};
  const globals = isObj(root.Globals) && isObj(root.Globals.Function) ? root.Globals.Function : {};
  const functions: SamFunction[] = [];
  for (const [logicalId, resource] of Object.entries(root.Resources)) {
    if (!isObj(resource) || resource.Type !== 'AWS::Serverless::Function') continue;
    const props = isObj(resource.Properties) ? resource.Properties : {};
    const at = (...path: string[]) => keyRange(doc, ['Resources', logicalId, 'Properties', ...path]) ?? keyRange(doc, ['Resources', logicalId]);
    const local = (v: unknown, what: string, path: string[]): unknown => {
      const r = resolveLocal(v, params);
      if (r === undefined) add('warning', `${logicalId}: ${what} is resolved only at deploy time; set a local value in .serverless-lab/functions.json`, at(...path));
      return r;
    };
    const get = (key: string): unknown => (props[key] !== undefined ? props[key] : globals[key]);
    if (props.PackageType === 'Image') {
      add('info', `${logicalId}: container-image functions are not run locally`, at('PackageType'));
      continue;
    }
    const handler = local(get('Handler'), 'Handler', ['Handler']);
    const runtime = local(get('Runtime'), 'Runtime', ['Runtime']);
    const codeUriRaw = get('CodeUri');
    if (handler === undefined && get('Handler') === undefined) add('error', `${logicalId}: "Handler" is required for Zip functions (e.g. app.handler)`, at());
    if (runtime === undefined && get('Runtime') === undefined) add('error', `${logicalId}: "Runtime" is required for Zip functions (e.g. nodejs22.x, python3.13)`, at());
    if (codeUriRaw === undefined && props.InlineCode === undefined) add('error', `${logicalId}: one of "CodeUri" or "InlineCode" is required`, at());
    const memory = numberProp(local(get('MemorySize') ?? 128, 'MemorySize', ['MemorySize']), 128);
    const timeout = numberProp(local(get('Timeout') ?? 3, 'Timeout', ['Timeout']), 3);
    if (!Number.isInteger(memory) || memory < 128 || memory > 10240) add('error', `${logicalId}: MemorySize must be a whole number of MB from 128 to 10240 (got ${memory})`, at('MemorySize'));
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > 900) add('error', `${logicalId}: Timeout must be 1–900 seconds (got ${timeout})`, at('Timeout'));
    const env: Record<string, string> = {};
    const globalVars = isObj(globals.Environment) && isObj(globals.Environment.Variables) ? globals.Environment.Variables : {};
    const ownVars = isObj(props.Environment) && isObj(props.Environment.Variables) ? props.Environment.Variables : {};
    // Globals' variables merge with the function's; the function wins on a clash (SAM Globals rules).
    for (const [k, v] of Object.entries({ ...globalVars, ...ownVars })) {
      const r = local(v, `Environment variable ${k}`, ['Environment', 'Variables', k]);
      env[k] = r === undefined ? '' : String(r);
    }
    const events = isObj(props.Events) ? Object.entries(props.Events).map(([name, e]) => ({ name, type: isObj(e) ? String(e.Type) : '' })) : [];
    for (const [name, e] of Object.entries(isObj(props.Events) ? props.Events : {})) {
      const eventProps = isObj(e) && isObj(e.Properties) ? e.Properties : {};
      const missing = (requiredEventProperties[isObj(e) ? String(e.Type) : ''] ?? []).filter((k) => eventProps[k] === undefined);
      if (missing.length) add('error', `${logicalId}: event ${name} (${String(isObj(e) ? e.Type : '')}) needs ${missing.join(' and ')}`, at('Events', name));
    }
    for (const e of events) if (!eventTypeToTrigger[e.type]) add('info', `${logicalId}: event ${e.name} (${e.type}) has no sample event; pick one when invoking`, at('Events', e.name));
    const codeUri = typeof codeUriRaw === 'string' ? codeUriRaw.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/$/, '') : '';
    const rt = typeof runtime === 'string' ? runtime : '';
    const kind: SamFunction['runtimeKind'] = rt.startsWith('nodejs') ? 'nodejs' : rt.startsWith('python') ? 'python' : rt.startsWith('provided') ? 'provided' : 'unsupported';
    if (rt && kind === 'unsupported') add('warning', `${logicalId}: runtime ${rt} cannot run locally here (nodejs, python and provided can)`, at('Runtime'));
    const h = typeof handler === 'string' ? handler : '';
    const dot = h.lastIndexOf('.');
    const moduleRel = dot > 0 ? (kind === 'python' ? h.slice(0, dot).replace(/\./g, '/') : h.slice(0, dot)) : h;
    const handlerModule = [codeUri, moduleRel].filter(Boolean).join('/');
    const entryPoints = isObj(resource.Metadata) && isObj(resource.Metadata.BuildProperties) && Array.isArray(resource.Metadata.BuildProperties.EntryPoints) ? resource.Metadata.BuildProperties.EntryPoints.map(String) : [];
    const candidates = kind === 'python' ? [`${handlerModule}.py`]
      : kind === 'provided' ? [[codeUri, 'bootstrap'].filter(Boolean).join('/')]
      : [...entryPoints.map((e) => [codeUri, e.replace(/^\.\//, '')].filter(Boolean).join('/')), ...['.js', '.mjs', '.cjs', '.ts'].map((x) => `${handlerModule}${x}`)];
    const arch = Array.isArray(get('Architectures')) && (get('Architectures') as unknown[])[0] === 'arm64' ? 'arm64' : 'x86_64';
    const meta = isObj(resource.Metadata) && isObj(resource.Metadata.ServerlessLab) ? resource.Metadata.ServerlessLab : {};
    const idRange = keyRange(doc, ['Resources', logicalId]) ?? [0, 0];
    functions.push({
      logicalId,
      name: typeof meta.name === 'string' ? meta.name : logicalId,
      handler: h,
      handlerModule,
      handlerName: dot > 0 ? h.slice(dot + 1) : h,
      handlerFileCandidates: [...new Set(candidates)],
      runtime: rt,
      runtimeKind: kind,
      codeUri,
      memoryMb: memory,
      timeoutSec: timeout,
      env,
      architecture: arch,
      trigger: typeof meta.trigger === 'string' ? meta.trigger : events.map((e) => eventTypeToTrigger[e.type]).find(Boolean),
      events,
      range: { start: pos(idRange[0]), end: pos(idRange[1]) },
    });
  }
  return { functions, diagnostics };
}

function numberProp(v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isNaN(n) ? fallback : n;
}

/** Resolves values that are knowable locally: plain scalars, !Ref to a parameter's Default, and a few pseudo parameters. */
function resolveLocal(v: unknown, params: Json): unknown {
  if (!isObj(v)) return v;
  if (typeof v.Ref === 'string' && Object.keys(v).length === 1) {
    const p = params[v.Ref];
    if (isObj(p) && p.Default !== undefined) return p.Default;
    const pseudo: Record<string, string> = { 'AWS::Region': 'us-east-1', 'AWS::AccountId': '123456789012', 'AWS::Partition': 'aws', 'AWS::StackName': 'local' };
    return pseudo[v.Ref];
  }
  return undefined;
}

/** Offset range of the key at `path` (for diagnostics and CodeLens), or undefined when absent. */
export function keyRange(doc: Document, path: (string | number)[]): [number, number] | undefined {
  let node: Node | null | undefined = doc.contents as Node | null;
  let range: [number, number] | undefined;
  for (const key of path) {
    if (isSeq(node) && typeof key === 'number') {
      // A list item (e.g. Targets[0]): its first key when it is a map, else the item itself.
      const item = node.items[key] as Node | undefined;
      const first = isMap(item) && isPair(item.items[0]) && isScalar(item.items[0].key) ? item.items[0].key : item;
      if (!first?.range) return undefined;
      range = [first.range[0], first.range[1]];
      node = item;
      continue;
    }
    if (!isMap(node)) return undefined;
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
    if (!pair || !isScalar(pair.key) || !pair.key.range) return undefined;
    range = [pair.key.range[0], pair.key.range[1]];
    node = pair.value as Node | null;
  }
  return range;
}
