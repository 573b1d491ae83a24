// Exports .serverless-lab/functions.json entries as an AWS SAM template (AWS::Serverless::Function
// with Handler, Runtime, MemorySize, Timeout, Environment, Events and least-privilege Policies).
// Merges into an existing template.yaml without touching what is already there.
// Spec: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html (read 2026-11-26).
import { posix } from 'node:path';
import { Document, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, visit, YAMLSeq, type Node } from 'yaml';
import type { FunctionEntry } from '../scaffold/functionsFile';
import { pascalName } from '../scaffold/names';
import { preservingTags } from './cfnTags';
import { exportTrigger } from './triggers';

/** Lambda runtime identifiers the export uses per runtime family (supported runtimes, docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html). */
export const samRuntimes = { nodejs: 'nodejs22.x', python: 'python3.13' } as const;

/** The result of an export: the new text and what happened to each function. */
export interface SamExportResult {
  text: string;
  /** Logical ids added. */
  added: string[];
  /** Functions left out, with the reason (existing resource, non-AWS provider, unsupported runtime). */
  skipped: { name: string; reason: string }[];
}

/** Thrown when the existing template cannot be merged safely. */
export class SamExportError extends Error {}

type Resource = Record<string, unknown>;

/** Builds the AWS::Serverless::Function resource for one entry, plus what its trigger needs. */
export function functionResource(name: string, fn: FunctionEntry): { resource: Resource; extra: Record<string, Resource>; parameters: Record<string, Resource> } | string {
  if (fn.provider && fn.provider !== 'aws') return `${fn.provider} function: SAM deploys Lambda handlers (its Lambda-style shim is for local runs only)`;
  if (fn.runtime !== 'nodejs' && fn.runtime !== 'python') return `runtime "${fn.runtime}" is not exported`;
  // Lambda's rule for variable names (the API rejects others at deploy time).
  const badEnv = Object.keys(fn.env ?? {}).filter((k) => !/^[a-zA-Z][a-zA-Z0-9_]+$/.test(k));
  if (badEnv.length) return `environment variable name ${badEnv.map((k) => `"${k}"`).join(', ')} is invalid in Lambda (letters, digits, '_', at least 2 characters, starting with a letter)`;
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
  const trig = fn.trigger ? exportTrigger(fn.trigger, name, fn.timeoutSec) : undefined;
  if (trig) {
    properties.Events = trig.events;
    if (trig.policies.length) properties.Policies = trig.policies;
  }
  const metadata: Resource = { ServerlessLab: { name, ...(fn.trigger ? { trigger: fn.trigger } : {}) } };
  // TypeScript needs a build step: sam build bundles it with esbuild.
  if (/\.(ts|mts|cts)$/.test(file)) Object.assign(metadata, { BuildMethod: 'esbuild', BuildProperties: { EntryPoints: [file], Target: 'es2022', Sourcemap: true } });
  return { resource: { Type: 'AWS::Serverless::Function', Properties: properties, Metadata: metadata }, extra: trig?.resources ?? {}, parameters: trig?.parameters ?? {} };
}

/**
 * Exports `functions` as a SAM template. With `existingText`, merges by inserting text only: every
 * existing byte (comments, short-form tags, layout) stays as it was, and same-named resources or
 * parameters are never replaced (those functions are reported as skipped).
 */
export function exportSam(functions: Record<string, FunctionEntry>, existingText?: string): SamExportResult {
  const existing = existingText?.trim() ? parseDocument(existingText, { customTags: preservingTags }) : undefined;
  if (existing?.errors.length) throw new SamExportError(`template.yaml has a YAML error (${existing.errors[0].message.split('\n')[0]}); fix it before exporting`);
  if (existing && !isMap(existing.contents)) throw new SamExportError('template.yaml is not a YAML map; cannot merge into it');
  const result: SamExportResult = { text: '', added: [], skipped: [] };
  const resources: Record<string, Resource> = {};
  const parameters: Record<string, Resource> = {};
  const taken = (section: string, key: string) => Boolean(existing?.hasIn([section, key])) || Object.hasOwn(section === 'Resources' ? resources : parameters, key);
  for (const [name, fn] of Object.entries(functions)) {
    const id = pascalName(name);
    if (taken('Resources', id)) {
      result.skipped.push({ name, reason: `template.yaml already has a resource "${id}" (left unchanged)` });
      continue;
    }
    const built = functionResource(name, fn);
    if (typeof built === 'string') {
      result.skipped.push({ name, reason: built });
      continue;
    }
    const clash = [...Object.keys(built.extra).filter((k) => taken('Resources', k)), ...Object.keys(built.parameters).filter((k) => taken('Parameters', k))];
    if (clash.length) {
      result.skipped.push({ name, reason: `template.yaml already defines ${clash.join(', ')} (left unchanged)` });
      continue;
    }
    Object.assign(parameters, built.parameters);
    Object.assign(resources, { [id]: built.resource }, built.extra);
    result.added.push(id);
  }
  result.text = existing && existingText ? mergeText(existingText, existing, resources, parameters) : newTemplate(resources, parameters);
  return result;
}

/** A complete new template. */
function newTemplate(resources: Record<string, Resource>, parameters: Record<string, Resource>): string {
  const doc = new Document(undefined, { customTags: preservingTags });
  doc.commentBefore = ' Deploy with: sam build && sam deploy --guided';
  doc.contents = shortForms(doc.createNode({
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'AWS::Serverless-2016-10-31',
    Description: 'Exported by Serverless Lab from .serverless-lab/functions.json',
    ...(Object.keys(parameters).length ? { Parameters: parameters } : {}),
    Resources: resources,
  })) as never;
  // Quoted, as in AWS's examples: YAML 1.1 parsers (cfn-lint, PyYAML) would read a bare 2010-09-09 as a date.
  (doc.get('AWSTemplateFormatVersion', true) as Scalar).type = Scalar.QUOTE_SINGLE;
  return render(doc);
}

function render(doc: Document): string {
  return doc.toString({ flowCollectionPadding: false, lineWidth: 0 });
}

/** Renders `{ section: entries }` and returns the entries' lines, re-indented to `indent` spaces. */
function sectionLines(section: string, entries: Record<string, Resource>, indent: number): string {
  const doc = new Document(undefined, { customTags: preservingTags });
  doc.contents = shortForms(doc.createNode({ [section]: entries })) as never;
  return render(doc).split('\n').slice(1).filter((l) => l !== '').map((l) => ' '.repeat(indent) + l.slice(2)).join('\n');
}

/** Inserts new entries into the existing text without re-serialising anything that was there. */
function mergeText(text: string, doc: Document, resources: Record<string, Resource>, parameters: Record<string, Resource>): string {
  const inserts: { at: number; text: string }[] = [];
  const appendTop: string[] = [];
  if (!doc.has('Transform')) appendTop.push('Transform: AWS::Serverless-2016-10-31');
  for (const [section, entries] of [['Parameters', parameters], ['Resources', resources]] as const) {
    if (!Object.keys(entries).length) continue;
    const node = doc.get(section, true);
    if (isMap(node) && !node.flow && node.items.length && node.range) {
      const firstKey = node.items[0].key as Node;
      const indent = firstKey.range ? firstKey.range[0] - text.lastIndexOf('\n', firstKey.range[0] - 1) - 1 : 2;
      // After the map's last value, before any trailing comment or blank lines.
      inserts.push({ at: node.range[1], text: `${text[node.range[1] - 1] === '\n' ? '' : '\n'}${sectionLines(section, entries, indent)}\n` });
    } else if (node === undefined || (isMap(node) && node.items.length === 0)) {
      if (node !== undefined) throw new SamExportError(`template.yaml has an empty flow-style "${section}"; replace it with a block map, then export again`);
      appendTop.push(`${section}:\n${sectionLines(section, entries, 2)}`);
    } else {
      throw new SamExportError(`template.yaml's "${section}" is not a block map; cannot merge into it safely`);
    }
  }
  let out = text;
  for (const ins of inserts.sort((a, b) => b.at - a.at)) out = out.slice(0, ins.at) + ins.text + out.slice(ins.at);
  if (appendTop.length) out = `${out.replace(/\n*$/, '\n')}${appendTop.join('\n')}\n`;
  return out;
}

/** Rewrites long-form intrinsics as the short forms people write (`{ Ref: X }` -> `!Ref X`). */
function shortForms(node: Node): Node {
  const convert = (n: unknown): Node | undefined => {
    if (!isMap(n) || n.items.length !== 1 || !isPair(n.items[0]) || !isScalar(n.items[0].key)) return undefined;
    const key = String(n.items[0].key.value);
    const value = n.items[0].value;
    if (key === 'Ref' && isScalar(value)) return Object.assign(new Scalar(value.value), { tag: '!Ref' });
    if (!key.startsWith('Fn::')) return undefined;
    const tag = `!${key.slice(4)}`;
    if (key === 'Fn::GetAtt' && isSeq(value) && value.items.every(isScalar)) return Object.assign(new Scalar(value.items.map((i) => (i as Scalar).value).join('.')), { tag });
    if (isSeq(value)) {
      const seq = new YAMLSeq();
      seq.items = value.items.map((i) => convert(i) ?? i);
      seq.flow = true;
      return Object.assign(seq, { tag });
    }
    if (isScalar(value)) return Object.assign(new Scalar(value.value), { tag });
    return undefined;
  };
  visit(node, { Map: (_k, n) => convert(n) ?? undefined });
  return node;
}
