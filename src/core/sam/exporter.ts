// Exports .serverless-lab/functions.json entries as an AWS SAM template (AWS::Serverless::Function
// with Handler, Runtime, MemorySize, Timeout, Environment, concurrency, Events, and its own
// least-privilege role). Merges into an existing template.yaml without touching what is already there.
// Spec: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html (read 2026-11-27).
import { posix } from 'node:path';
import { parse as parseYaml, parseDocument } from 'yaml';
import type { EventArchitecture } from '../eventing/definitions';
import type { FunctionEntry } from '../scaffold/functionsFile';
import { pascalName } from '../scaffold/names';
import { esbuildManifest } from './buildManifest';
import { intrinsicTags, preservingTags } from './cfnTags';
import { exportEventArchitecture, type ExportedFunctionRef } from './eventResources';
import { executionRole, roleIds } from './roles';
import { mergeText, newTemplate, SamExportError } from './templateText';
import { exportTrigger } from './triggers';

export { SamExportError } from './templateText';

/** Lambda runtime identifiers the export uses per runtime family (supported runtimes, docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html). */
export const samRuntimes = { nodejs: 'nodejs22.x', python: 'python3.13' } as const;

/** The alias SAM publishes (AutoPublishAlias) when a function has provisioned concurrency, which needs a version. */
export const provisionedAlias = 'live';

/** A file `sam build` needs next to a function (created only when missing; never overwritten). */
export interface SamBuildFile {
  path: string;
  content: string;
  /** Why the file is needed, for the message shown when it is created or found wanting. */
  purpose: string;
  /** Returns why an existing file does not do the job, or undefined when it does. */
  check(existing: string): string | undefined;
}

/** The result of an export: the new text and what happened to each function. */
export interface SamExportResult {
  text: string;
  /** Logical ids added. */
  added: string[];
  /** Functions left out, with the reason (existing resource, non-AWS provider, unsupported runtime). */
  skipped: { name: string; reason: string }[];
  /** Files the added functions need for `sam build` (the caller creates the missing ones). */
  files: SamBuildFile[];
  /** Logical ids of the event resources added (queues, rules, policies, …). */
  eventResources: string[];
  /** Event resources left out, and why (an existing resource, a target the template does not have). */
  eventNotes: string[];
}

/** Options of an export. */
export interface SamExportOptions {
  /** Event resources to write too (from the running engine's snapshot), with least-privilege permissions per hop. */
  architecture?: EventArchitecture;
}

/** Functions already in the template: name (FunctionName or logical id) -> logical id and role. */
function existingFunctions(existingText: string | undefined): Record<string, ExportedFunctionRef> {
  if (!existingText?.trim()) return {};
  const root = parseYaml(existingText, { customTags: intrinsicTags }) as { Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown> }> } | null;
  const out: Record<string, ExportedFunctionRef> = {};
  for (const [id, r] of Object.entries(root?.Resources ?? {})) {
    if (r?.Type !== 'AWS::Serverless::Function' && r?.Type !== 'AWS::Lambda::Function') continue;
    const p = r.Properties ?? {};
    const role = p.Role as { 'Fn::GetAtt'?: unknown } | string | undefined;
    const getAtt = typeof role === 'object' && role !== null ? role['Fn::GetAtt'] : undefined;
    // No Role: SAM creates <Id>Role. A GetAtt names the role resource. A literal ARN cannot be extended.
    const roleId = role === undefined ? (r.Type === 'AWS::Serverless::Function' ? `${id}Role` : undefined) : Array.isArray(getAtt) ? String(getAtt[0]) : typeof getAtt === 'string' ? getAtt.split('.')[0] : undefined;
    const entry = { id, ...(roleId ? { role: roleId } : {}) };
    out[id] = entry;
    if (typeof p.FunctionName === 'string') out[p.FunctionName] = entry;
  }
  return out;
}

type Resource = Record<string, unknown>;

/** What one function contributes to the template. */
export interface FunctionExport {
  resource: Resource;
  extra: Record<string, Resource>;
  parameters: Record<string, Resource>;
  files: SamBuildFile[];
}

/** Why the concurrency settings cannot deploy, or undefined. */
function concurrencyProblem(fn: FunctionEntry): string | undefined {
  const { reservedConcurrency: reserved, provisionedConcurrency: provisioned } = fn;
  if (reserved !== undefined && (!Number.isInteger(reserved) || reserved < 0)) return `reservedConcurrency must be a whole number ≥ 0 (got ${reserved})`;
  if (provisioned !== undefined && (!Number.isInteger(provisioned) || provisioned < 0)) return `provisionedConcurrency must be a whole number ≥ 0 (got ${provisioned})`;
  // Lambda refuses more provisioned than reserved concurrency (docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html).
  if (reserved !== undefined && provisioned && provisioned > reserved) return `provisionedConcurrency (${provisioned}) cannot exceed reservedConcurrency (${reserved}); Lambda rejects it`;
  return undefined;
}

/** Builds the AWS::Serverless::Function resource for one entry, plus its role and what its trigger needs. */
export function functionResource(name: string, fn: FunctionEntry): FunctionExport | string {
  if (fn.provider && fn.provider !== 'aws') return `${fn.provider} function: SAM deploys Lambda handlers (its Lambda-style shim is for local runs only)`;
  if (fn.runtime !== 'nodejs' && fn.runtime !== 'python') return `runtime "${fn.runtime}" is not exported`;
  // Lambda's rule for variable names (the API rejects others at deploy time).
  const badEnv = Object.keys(fn.env ?? {}).filter((k) => !/^[a-zA-Z][a-zA-Z0-9_]+$/.test(k));
  if (badEnv.length) return `environment variable name ${badEnv.map((k) => `"${k}"`).join(', ')} is invalid in Lambda (letters, digits, '_', at least 2 characters, starting with a letter)`;
  const concurrency = concurrencyProblem(fn);
  if (concurrency) return concurrency;
  const id = pascalName(name);
  const dir = posix.dirname(fn.handler);
  const file = posix.basename(fn.handler);
  const moduleName = file.replace(/\.[^.]+$/, '');
  const properties: Resource = {
    CodeUri: dir === '.' ? './' : `${dir}/`,
    Handler: `${moduleName}.${fn.handlerName}`,
    Runtime: samRuntimes[fn.runtime],
    MemorySize: fn.memoryMb,
    Timeout: fn.timeoutSec,
  };
  if (fn.architecture === 'arm64') properties.Architectures = ['arm64'];
  if (Object.keys(fn.env ?? {}).length) properties.Environment = { Variables: { ...fn.env } };
  if (fn.reservedConcurrency !== undefined) properties.ReservedConcurrentExecutions = fn.reservedConcurrency;
  if (fn.provisionedConcurrency) {
    properties.AutoPublishAlias = provisionedAlias;
    properties.ProvisionedConcurrencyConfig = { ProvisionedConcurrentExecutions: fn.provisionedConcurrency };
  }
  const trig = fn.trigger ? exportTrigger(fn.trigger, name, fn.timeoutSec) : undefined;
  const role = executionRole(id, trig?.statements ?? []);
  Object.assign(properties, role.functionProperties);
  const events: Record<string, unknown> = { ...(trig?.events ?? {}) };
  // functions.json rules (the BaaS triggers write them) become SAM EventBridgeRule events with the same pattern.
  for (const [eventName, rule] of Object.entries(fn.events ?? {})) {
    events[eventName] = { Type: 'EventBridgeRule', Properties: { Pattern: rule.pattern, ...(rule.bus && rule.bus !== 'default' ? { EventBusName: rule.bus } : {}) } };
  }
  if (Object.keys(events).length) properties.Events = events;
  const metadata: Resource = { ServerlessLab: { name, ...(fn.trigger ? { trigger: fn.trigger } : {}) } };
  const files: SamBuildFile[] = [];
  // TypeScript needs a build step: sam build bundles it with esbuild, which it finds through a package.json in CodeUri.
  if (/\.(ts|mts|cts)$/.test(file)) {
    Object.assign(metadata, { BuildMethod: 'esbuild', BuildProperties: { EntryPoints: [file], Target: 'es2022', Sourcemap: true } });
    files.push(esbuildManifest(posix.join(dir, 'package.json'), name));
  }
  return {
    resource: { Type: 'AWS::Serverless::Function', Properties: properties, Metadata: metadata },
    extra: { ...role.resources, ...(trig?.resources ?? {}) },
    parameters: trig?.parameters ?? {},
    files,
  };
}

/**
 * Exports `functions` as a SAM template. With `existingText`, merges by inserting text only: every
 * existing byte (comments, short-form tags, layout, line endings) stays as it was, and same-named
 * resources or parameters are never replaced (those functions are reported as skipped).
 */
export function exportSam(functions: Record<string, FunctionEntry>, existingText?: string, options: SamExportOptions = {}): SamExportResult {
  const existing = existingText?.trim() ? parseDocument(existingText, { customTags: preservingTags }) : undefined;
  if (existing?.errors.length) throw new SamExportError(`template.yaml has a YAML error (${existing.errors[0].message.split('\n')[0]}); fix it before exporting`);
  const result: SamExportResult = { text: '', added: [], skipped: [], files: [], eventResources: [], eventNotes: [] };
  const resources: Record<string, Resource> = {};
  const parameters: Record<string, Resource> = {};
  /** Which function of this export added each logical id, so a clash names it. */
  const owner = new Map<string, string>();
  const clash = (section: 'Resources' | 'Parameters', key: string): string | undefined => {
    if (existing?.hasIn([section, key])) return `template.yaml already has ${section === 'Resources' ? 'a resource' : 'a parameter'} "${key}" (left unchanged)`;
    const by = owner.get(`${section}.${key}`);
    return by === undefined ? undefined : `logical id "${key}" is already used by function "${by}" in this export; rename one of them in .serverless-lab/functions.json`;
  };
  for (const [name, fn] of Object.entries(functions)) {
    const built = functionResource(name, fn);
    if (typeof built === 'string') {
      result.skipped.push({ name, reason: built });
      continue;
    }
    const id = pascalName(name);
    const problems = [
      ...[id, ...Object.keys(built.extra)].map((k) => clash('Resources', k)),
      ...Object.keys(built.parameters).map((k) => clash('Parameters', k)),
    ].filter((p): p is string => p !== undefined);
    if (problems.length) {
      result.skipped.push({ name, reason: problems[0] });
      continue;
    }
    for (const k of [id, ...Object.keys(built.extra)]) owner.set(`Resources.${k}`, name);
    for (const k of Object.keys(built.parameters)) owner.set(`Parameters.${k}`, name);
    Object.assign(parameters, built.parameters);
    Object.assign(resources, { [id]: built.resource }, built.extra);
    result.added.push(id);
    result.files.push(...built.files);
    for (const [eventName, rule] of Object.entries(fn.events ?? {})) {
      const sources = (rule.pattern as { source?: unknown }).source;
      if (Array.isArray(sources) && sources.some((src) => typeof src === 'string' && src.startsWith('serverless-lab.'))) {
        result.eventNotes.push(`${id}: event ${eventName} matches ${sources.join(', ')} events, which only the local BaaS puts; on AWS something must put them on the bus (for example a function behind a Supabase database webhook calling PutEvents)`);
      }
    }
  }
  if (options.architecture) {
    // Targets may be functions of this export or functions the template already has.
    const refs: Record<string, ExportedFunctionRef> = { ...existingFunctions(existingText) };
    for (const id of result.added) {
      const name = Object.keys(functions).find((n) => pascalName(n) === id) ?? id;
      refs[name] = { id, role: roleIds(id).role };
    }
    const events = exportEventArchitecture(options.architecture, refs);
    result.eventNotes.push(...events.notes);
    for (const [id, resource] of Object.entries(events.resources)) {
      const problem = clash('Resources', id);
      if (problem) result.eventNotes.push(`${id}: ${problem}`);
      else {
        resources[id] = resource;
        result.eventResources.push(id);
      }
    }
  }
  result.text = existing && existingText ? mergeText(existingText, existing, resources, parameters) : newTemplate(resources, parameters);
  return result;
}
