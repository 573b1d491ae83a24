// "Save as rule": the text to insert into a SAM template so that it gains an AWS::Events::Rule resource,
// or an EventBridgeRule event on a function, with the playground's pattern. The template is never
// re-serialised: the new block is inserted after the last entry of the map it belongs to, indented like
// its siblings, so comments and formatting elsewhere stay byte for byte.
// Specs (read 2026-11-27):
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-rule.html
//   https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventbridgerule.html
import { Document, isMap, isPair, isScalar, LineCounter, parseDocument, visit, type Node, type Pair, type YAMLMap } from 'yaml';
import { intrinsicTags } from '../../sam/cfnTags';

/** Resource types a rule can target, as the template names them. */
export type TargetType = 'function' | 'queue' | 'topic' | 'bus';

/** A template resource that can be a rule's target or bus. */
export interface TemplateResource {
  logicalId: string;
  type: TargetType;
  /** 0-based line of the logical id. */
  line: number;
}

/** What to write: a rule resource with one target, or an EventBridgeRule event on a function. */
export type SaveRuleRequest =
  | { kind: 'resource'; logicalId: string; pattern: unknown; target: { logicalId: string; type: TargetType }; busLogicalId?: string }
  | { kind: 'functionEvent'; functionLogicalId: string; eventName: string; pattern: unknown; busLogicalId?: string };

/** The insertion (one edit) and the template text after it. */
export interface RuleInsertion {
  offset: number;
  insert: string;
  text: string;
  /** 0-based line of the new rule's key in the new text. */
  line: number;
}

/** The template cannot take the rule; the message says what to do. */
export class SaveRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SaveRuleError';
  }
}

const typeNames: Record<string, TargetType> = { 'AWS::Serverless::Function': 'function', 'AWS::SQS::Queue': 'queue', 'AWS::SNS::Topic': 'topic', 'AWS::Events::EventBus': 'bus' };
const LOGICAL_ID = /^[A-Za-z0-9]{1,255}$/;

function pairOf(map: unknown, key: string): Pair<Node, Node> | undefined {
  if (!isMap(map)) return undefined;
  return (map as YAMLMap<Node, Node>).items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
}

function read(text: string): { doc: Document; lines: LineCounter; resources: YAMLMap<Node, Node> } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { customTags: intrinsicTags, lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    const at = lines.linePos(doc.errors[0]?.pos[0] ?? 0);
    throw new SaveRuleError(`The template has a YAML error at line ${at.line}: ${doc.errors[0]?.message.split('\n')[0]}. Fix it, then save the rule again.`);
  }
  const resources = pairOf(doc.contents, 'Resources')?.value;
  if (!isMap(resources) || resources.flow || resources.items.length === 0) throw new SaveRuleError('The template needs a block-style Resources section with at least one resource.');
  return { doc, lines, resources: resources as YAMLMap<Node, Node> };
}

/** Functions, queues, topics and buses of a template, in order (for the target and bus pickers). */
export function templateResources(text: string): TemplateResource[] {
  const { lines, resources } = read(text);
  const out: TemplateResource[] = [];
  for (const pair of resources.items) {
    const type = typeNames[String((pairOf(pair.value, 'Type')?.value as { value?: unknown } | undefined)?.value)];
    if (type && isScalar(pair.key) && pair.key.range) out.push({ logicalId: String(pair.key.value), type, line: lines.linePos(pair.key.range[0]).line - 1 });
  }
  return out;
}

/** Ids SAM derives from each function event (`<Function><Event>` for the rule, `…Permission`). */
function takenIds(resources: YAMLMap<Node, Node>): Set<string> {
  const ids = new Set<string>();
  for (const pair of resources.items) {
    const id = String((pair.key as { value?: unknown }).value);
    ids.add(id);
    const events = pairOf(pairOf(pair.value, 'Properties')?.value, 'Events')?.value;
    if (isMap(events)) for (const e of events.items) ids.add(`${id}${String((e.key as { value?: unknown }).value)}`).add(`${id}${String((e.key as { value?: unknown }).value)}Permission`);
  }
  return ids;
}

function column(lines: LineCounter, offset: number): number {
  return lines.linePos(offset).col - 1;
}

/** Where a new entry goes in a block map: the start of the line after its last entry. */
function endOfMap(text: string, map: YAMLMap<Node, Node>): { offset: number; needsNewline: boolean } {
  const last = map.items[map.items.length - 1] as Pair<Node, Node>;
  const end = last.value?.range?.[1] ?? last.key.range?.[1] ?? text.length;
  if (end > 0 && text[end - 1] === '\n') return { offset: end, needsNewline: false };
  const nl = text.indexOf('\n', end);
  return nl < 0 ? { offset: text.length, needsNewline: true } : { offset: nl + 1, needsNewline: false };
}

function yamlBlock(value: unknown, indent: string, unit: number): string[] {
  const doc = new Document(value);
  // Value lists read best on one line, as templates usually write them: `source: [shop.orders]`.
  visit(doc, { Seq: (_key, node) => { node.flow = true; } });
  const text = doc.toString({ indent: unit, lineWidth: 0, indentSeq: true, flowCollectionPadding: false });
  return text.trimEnd().split('\n').map((l) => indent + l);
}

const arnOf = (target: { logicalId: string; type: TargetType }): string => (target.type === 'topic' ? `!Ref ${target.logicalId}` : `!GetAtt ${target.logicalId}.Arn`);

/** Computes the insertion for `request` (throws SaveRuleError on clashes or templates it cannot edit safely). */
export function planRuleInsertion(text: string, request: SaveRuleRequest): RuleInsertion {
  const { lines, resources } = read(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const taken = takenIds(resources);
  const firstKey = resources.items[0]?.key as Node;
  const base = column(lines, firstKey.range?.[0] ?? 0);
  // The indent step is the one the first resource uses for its own keys.
  const firstBody = resources.items[0]?.value;
  const unit = isMap(firstBody) && firstBody.items[0]?.key && (firstBody.items[0].key as Node).range ? Math.max(1, column(lines, (firstBody.items[0].key as Node).range?.[0] ?? 0) - base) : 2;
  const pad = (n: number) => ' '.repeat(n);
  const bus = request.busLogicalId ? [`EventBusName: !Ref ${request.busLogicalId}`] : [];
  let map: YAMLMap<Node, Node>;
  let block: string[];
  let checkPath: string[];
  if (request.kind === 'resource') {
    if (!LOGICAL_ID.test(request.logicalId)) throw new SaveRuleError(`"${request.logicalId}" is not a valid logical id: use letters and digits only (e.g. BigOrdersRule).`);
    if (taken.has(request.logicalId)) throw new SaveRuleError(`The template already uses the logical id "${request.logicalId}": choose another name.`);
    map = resources;
    const i = pad(base + 2 * unit);
    block = [
      `${pad(base)}${request.logicalId}:`, `${pad(base + unit)}Type: AWS::Events::Rule`, `${pad(base + unit)}Properties:`,
      ...bus.map((l) => i + l), `${i}EventPattern:`, ...yamlBlock(request.pattern, pad(base + 3 * unit), unit), `${i}Targets:`,
      `${pad(base + 3 * unit)}- Id: ${request.target.logicalId}`, `${pad(base + 3 * unit)}  Arn: ${arnOf(request.target)}`,
    ];
    checkPath = ['Resources', request.logicalId, 'Properties', 'EventPattern'];
  } else {
    const fn = pairOf(resources, request.functionLogicalId);
    if (!fn || String((pairOf(fn.value, 'Type')?.value as { value?: unknown } | undefined)?.value) !== 'AWS::Serverless::Function') throw new SaveRuleError(`The template has no AWS::Serverless::Function named "${request.functionLogicalId}".`);
    if (!LOGICAL_ID.test(request.eventName)) throw new SaveRuleError(`"${request.eventName}" is not a valid event name: use letters and digits only (e.g. BigOrders).`);
    const props = pairOf(fn.value, 'Properties')?.value;
    if (!isMap(props) || props.flow || props.items.length === 0) throw new SaveRuleError(`${request.functionLogicalId} needs a block-style Properties section to hold Events.`);
    const events = pairOf(props, 'Events');
    if (pairOf(events?.value, request.eventName)) throw new SaveRuleError(`${request.functionLogicalId} already has an event named "${request.eventName}": choose another name.`);
    if (taken.has(`${request.functionLogicalId}${request.eventName}`)) throw new SaveRuleError(`SAM would name the rule "${request.functionLogicalId}${request.eventName}", which the template already uses: choose another event name.`);
    const propsCol = column(lines, (props.items[0]?.key as Node).range?.[0] ?? 0);
    const body = (col: number) => [
      `${pad(col)}${request.eventName}:`, `${pad(col + unit)}Type: EventBridgeRule`, `${pad(col + unit)}Properties:`,
      ...bus.map((l) => pad(col + 2 * unit) + l), `${pad(col + 2 * unit)}Pattern:`, ...yamlBlock(request.pattern, pad(col + 3 * unit), unit),
    ];
    if (events && isMap(events.value) && !events.value.flow && events.value.items.length) {
      map = events.value as YAMLMap<Node, Node>;
      block = body(column(lines, (map.items[0]?.key as Node).range?.[0] ?? 0));
    } else if (!events || events.value === null || (isScalar(events.value) && events.value.value === null)) {
      map = props as YAMLMap<Node, Node>;
      block = events ? body(propsCol + unit) : [`${pad(propsCol)}Events:`, ...body(propsCol + unit)];
      if (events) map = { items: [events] } as unknown as YAMLMap<Node, Node>;
    } else throw new SaveRuleError(`${request.functionLogicalId}'s Events is not a block-style map: add the event by hand, or rewrite Events in block style.`);
    checkPath = ['Resources', request.functionLogicalId, 'Properties', 'Events', request.eventName, 'Properties', 'Pattern'];
  }
  const at = endOfMap(text, map);
  const insert = (at.needsNewline ? eol : '') + block.join(eol) + eol;
  const next = text.slice(0, at.offset) + insert + text.slice(at.offset);
  // Re-read the result: the inserted block must parse and hold exactly the pattern, or nothing is written.
  const check = parseDocument(next, { customTags: intrinsicTags, prettyErrors: false });
  const written = check.errors.length ? undefined : (check.getIn(checkPath) as { toJSON?: () => unknown } | undefined)?.toJSON?.();
  if (JSON.stringify(written) !== JSON.stringify(JSON.parse(JSON.stringify(request.pattern)))) throw new SaveRuleError('The rule could not be inserted cleanly into this template (its layout is unusual): add it by hand.');
  const line = text.slice(0, at.offset).split('\n').length - 1 + (at.needsNewline ? 1 : 0) + (block[0]?.trim() === 'Events:' ? 1 : 0);
  return { offset: at.offset, insert, text: next, line };
}
