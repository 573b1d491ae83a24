// Writes SAM template text: a new template, or new entries inserted into an existing one without
// re-serialising anything that was there (comments, short-form tags, layout and line endings stay).
import { Document, isMap, isPair, isScalar, isSeq, Scalar, visit, YAMLSeq, type Node } from 'yaml';
import { preservingTags } from './cfnTags';

type Resource = Record<string, unknown>;

/** An ARN value used twice (a queue's policy and its rule target) is written out twice: CloudFormation has no YAML anchors. */
const NO_ALIASES = { aliasDuplicateObjects: false } as const;

/** Thrown when the existing template cannot be merged safely; the message says why and what to do. */
export class SamExportError extends Error {}

/** A complete new template. */
export function newTemplate(resources: Record<string, Resource>, parameters: Record<string, Resource>): string {
  const doc = new Document(undefined, { customTags: preservingTags });
  doc.commentBefore = ' Deploy with: sam build && sam deploy --guided';
  doc.contents = shortForms(doc.createNode({
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'AWS::Serverless-2016-10-31',
    Description: 'Exported by Serverless Lab from .serverless-lab/functions.json',
    ...(Object.keys(parameters).length ? { Parameters: parameters } : {}),
    Resources: resources,
  }, NO_ALIASES)) as never;
  return render(doc);
}

function render(doc: Document): string {
  return doc.toString({ flowCollectionPadding: false, lineWidth: 0 });
}

/** Renders `{ section: entries }` and returns the entries' lines, re-indented to `indent` spaces. */
function sectionLines(section: string, entries: Record<string, Resource>, indent: number): string {
  const doc = new Document(undefined, { customTags: preservingTags });
  doc.contents = shortForms(doc.createNode({ [section]: entries }, NO_ALIASES)) as never;
  return render(doc).split('\n').slice(1).filter((l) => l !== '').map((l) => ' '.repeat(indent) + l.slice(2)).join('\n');
}

/**
 * Refuses templates that text insertion cannot extend faithfully. A JSON template (a flow map) is
 * valid YAML, but inserting block-style YAML would make it neither JSON nor what its author wrote,
 * and rewriting it as JSON would drop the short-form tags this export uses.
 */
export function assertMergeable(text: string, doc: Document): void {
  if (!isMap(doc.contents)) throw new SamExportError('template.yaml is not a YAML map of sections (Resources, Parameters, …); cannot merge into it');
  if (doc.contents.flow) {
    throw new SamExportError('template.yaml is written in JSON, and JSON templates are not merged: the export inserts YAML text so that every existing line stays as it was, and that cannot be done inside JSON. Rename it (e.g. to template.json), export a new template.yaml, then copy the resources you need across');
  }
  if (/\r(?!\n)/.test(text)) throw new SamExportError('template.yaml has old Mac line endings (CR only); convert it to LF or CRLF, then export again');
}

/** Inserts new entries into the existing text, in the file's own line endings. */
export function mergeText(text: string, doc: Document, resources: Record<string, Resource>, parameters: Record<string, Resource>): string {
  assertMergeable(text, doc);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
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
  const lines = (t: string) => (eol === '\n' ? t : t.replace(/\n/g, eol));
  let out = text;
  for (const ins of inserts.sort((a, b) => b.at - a.at)) out = out.slice(0, ins.at) + lines(ins.text) + out.slice(ins.at);
  if (appendTop.length) out = `${out.replace(/(\r?\n)*$/, '')}${eol}${lines(appendTop.join('\n'))}${eol}`;
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
  visit(node, {
    Map: (_k, n) => convert(n) ?? undefined,
    // Quoted, as in AWS's examples: YAML 1.1 parsers (cfn-lint, PyYAML) would read a bare 2012-10-17 as a date.
    Scalar: (_k, n) => {
      if (typeof n.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(n.value)) n.type = Scalar.QUOTE_SINGLE;
    },
  });
  return node;
}
