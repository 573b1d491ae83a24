// `sam`: reads the learner's SAM template (template.yaml beside the exercise's handler, or the
// check's `template:`) without running or deploying anything, so that Infrastructure-as-Code and
// least-privilege exercises can assert on its functions, settings and IAM permissions. It reuses
// the one SAM reader (src/core/sam) for validation; nothing external (cfn-lint, sam) runs at check time.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { intrinsicTags, readSamTemplate } from '../sam';
import { ObserverFailure, type Observer } from './observerTypes';

/** One IAM statement of a function, normalised: actions and resources always lists of strings. */
export interface ObservedStatement {
  effect: string;
  actions: string[];
  resources: string[];
}

/** What assertions read about one AWS::Serverless::Function (keyed by logical id). */
export interface ObservedSamFunction {
  runtime?: string;
  handler?: string;
  memoryMb?: number;
  timeoutSec?: number;
  /** Names of SAM policy templates (`DynamoDBReadPolicy`) and AWS managed policies (`AmazonS3FullAccess`, or the ARN) in `Policies`. */
  policies: string[];
  /** Each policy template's parameters by template name, e.g. `{ DynamoDBReadPolicy: { TableName: { Ref: 'Orders' } } }`. */
  templates: Record<string, unknown>;
  /** Inline statements of `Policies`, normalised. */
  statements: ObservedStatement[];
  /** Grants broader than the function can need: `action *`, `action s3:*`, `resource *`, managed `...FullAccess` / `AdministratorAccess` / `PowerUserAccess`. Empty when least-privilege. */
  broad: string[];
  /** Event source types, e.g. `SQS`, `Api`. */
  events: string[];
}

/** The whole `sam` observation. */
export interface ObservedSam {
  /** The reader's errors as `line:col message` (empty when the template is valid for SAM). */
  errors: string[];
  /** Every resource's type and properties (intrinsics in long form), by logical id. */
  resources: Record<string, { type: string; properties: Record<string, unknown> }>;
  functions: Record<string, ObservedSamFunction>;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
/** Intrinsics (`{ "Fn::GetAtt": [...] }`) become a readable string, so assertions can match on them. */
const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const BROAD_MANAGED = /(FullAccess|AdministratorAccess|PowerUserAccess)$/;

/** Normalises one inline statement. */
function statement(raw: Json): ObservedStatement {
  return { effect: text(raw.Effect ?? 'Allow'), actions: list(raw.Action).map(text), resources: list(raw.Resource).map(text) };
}

/** The grants in `policies` and `statements` that are wider than a single function should hold. */
export function broadGrants(policies: readonly string[], statements: readonly ObservedStatement[]): string[] {
  const out = policies.filter((p) => BROAD_MANAGED.test(p)).map((p) => `managed ${p}`);
  for (const s of statements.filter((x) => x.effect === 'Allow')) {
    for (const a of s.actions) if (a === '*' || a.endsWith(':*')) out.push(`action ${a}`);
    for (const r of s.resources) if (r === '*') out.push('resource *');
  }
  return [...new Set(out)];
}

/** Reads `Policies` of a function (a string, a list of names, policy templates and statements, or a policy document). */
function policiesOf(raw: unknown): { policies: string[]; templates: Record<string, unknown>; statements: ObservedStatement[] } {
  const policies: string[] = [];
  const templates: Record<string, unknown> = {};
  const statements: ObservedStatement[] = [];
  for (const item of list(raw)) {
    if (typeof item === 'string') policies.push(item);
    else if (isObj(item) && Array.isArray(item.Statement)) statements.push(...item.Statement.filter(isObj).map(statement));
    else if (isObj(item) && (item.Action !== undefined || item.Effect !== undefined)) statements.push(statement(item));
    else if (isObj(item)) {
      // A policy template: { DynamoDBReadPolicy: { TableName: ... } }
      for (const [name, args] of Object.entries(item)) {
        policies.push(name);
        templates[name] = args;
      }
    }
  }
  return { policies, templates, statements };
}

/** Builds the observation from a template's text (pure; `file` names it in errors). */
export function observeSamTemplate(templateText: string, file: string): ObservedSam {
  const read = readSamTemplate(templateText, file);
  const errors = read.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.start.line + 1}:${d.start.character + 1} ${d.message}`);
  const doc = parseDocument(templateText, { customTags: intrinsicTags, prettyErrors: false });
  const root = doc.errors.length ? undefined : (doc.toJS({ maxAliasCount: 100 }) as unknown);
  const resources: ObservedSam['resources'] = {};
  const functions: ObservedSam['functions'] = {};
  if (!isObj(root) || !isObj(root.Resources)) return { errors, resources, functions };
  const globals = isObj(root.Globals) && isObj(root.Globals.Function) ? root.Globals.Function : {};
  const fromReader = new Map(read.functions.map((f) => [f.logicalId, f]));
  for (const [id, resource] of Object.entries(root.Resources)) {
    if (!isObj(resource)) continue;
    resources[id] = { type: text(resource.Type), properties: isObj(resource.Properties) ? resource.Properties : {} };
    if (resource.Type !== 'AWS::Serverless::Function') continue;
    const props = isObj(resource.Properties) ? resource.Properties : {};
    const { policies, templates, statements } = policiesOf(props.Policies);
    const fn = fromReader.get(id);
    const memory = props.MemorySize ?? globals.MemorySize;
    const timeout = props.Timeout ?? globals.Timeout;
    functions[id] = {
      ...(fn ? { runtime: fn.runtime, handler: fn.handler } : {}),
      ...(typeof memory === 'number' ? { memoryMb: memory } : fn ? { memoryMb: fn.memoryMb } : {}),
      ...(typeof timeout === 'number' ? { timeoutSec: timeout } : fn ? { timeoutSec: fn.timeoutSec } : {}),
      policies,
      templates,
      statements,
      broad: broadGrants(policies, statements),
      events: isObj(props.Events) ? Object.values(props.Events).filter(isObj).map((e) => text(e.Type)) : [],
    };
  }
  return { errors, resources, functions };
}

/** `sam`: the learner's template, read and summarised; a missing file fails the check with a clear message. */
export const samObserver: Observer = {
  key: 'sam',
  async observe({ check, handlerFile }) {
    const file = path.resolve(path.dirname(handlerFile), check.template ?? 'template.yaml');
    const templateText = await fs.readFile(file, 'utf8').catch(() => undefined);
    if (templateText === undefined) throw new ObserverFailure(`${path.basename(file)} was not found next to ${path.basename(handlerFile)}: start the exercise again to get it.`, 'template missing');
    return observeSamTemplate(templateText, path.basename(file));
  },
};
