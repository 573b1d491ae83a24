// The event architecture declared in a workspace SAM template: queues, topics, buses, rules,
// subscriptions, event source mappings and async settings, with problems on exact lines.
// Specs (read 2026-11-27):
//   https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventsource.html
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queue.html
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-rule.html
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sns-subscription.html
import { LineCounter, parseDocument, type Document } from 'yaml';
import { intrinsicTags } from '../sam/cfnTags';
import { keyRange, readSamTemplate, type SamDiagnostic } from '../sam/reader';
import { compilePattern } from './patterns';
import { ACCOUNT_ID, arnOf, parseArn, REGION } from './arn';
import type { AsyncInvokeConfig, QueueMappingConfig, RuleConfig, SubscriptionConfig, TargetConfig } from './model';
import type { QueueAttributes } from './queueTypes';
import type { ScheduleParser } from './scheduler';
import { parseSchedule as parseScheduleExpression } from './schedules';
import type { EventEngine } from './engine';
import { resourceEvents, type Resolver } from './definitionEvents';

/** The architecture a template declares. */
export interface EventArchitecture {
  queues: { name: string; attributes: Partial<QueueAttributes> }[];
  buses: string[];
  rules: RuleConfig[];
  topics: string[];
  subscriptions: Omit<SubscriptionConfig, 'arn'>[];
  mappings: QueueMappingConfig[];
  asyncConfigs: Record<string, AsyncInvokeConfig>;
  /** Registry names of the template's functions. */
  functions: string[];
}

/** What readEventArchitecture returns. */
export interface EventArchitectureResult {
  architecture: EventArchitecture;
  diagnostics: SamDiagnostic[];
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the event architecture of a SAM template; never throws (problems come back as diagnostics). */
export function readEventArchitecture(text: string, file: string, parseSchedule: ScheduleParser = parseScheduleExpression): EventArchitectureResult {
  const sam = readSamTemplate(text, file);
  const arch: EventArchitecture = { queues: [], buses: [], rules: [], topics: [], subscriptions: [], mappings: [], asyncConfigs: {}, functions: sam.functions.map((f) => f.name) };
  const diagnostics: SamDiagnostic[] = [];
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { customTags: intrinsicTags, lineCounter, prettyErrors: false });
  if (doc.errors.length) return { architecture: arch, diagnostics: sam.diagnostics };
  const root = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const resources = isObj(root) && isObj(root.Resources) ? root.Resources : {};
  const add = (message: string, path: (string | number)[]) => {
    let range: [number, number] | undefined;
    for (let n = path.length; n > 0 && !range; n--) range = keyRange(doc, ['Resources', ...path.slice(0, n)]);
    const [a, b] = range ?? [0, 0];
    const p = (o: number) => ({ line: lineCounter.linePos(o).line - 1, character: lineCounter.linePos(o).col - 1 });
    diagnostics.push({ severity: 'error', message, file, start: p(a), end: p(b) });
  };
  const fnName = new Map(sam.functions.map((f) => [f.logicalId, f.name]));
  const typeOf = (id: string) => (isObj(resources[id]) ? String((resources[id] as Json).Type) : '');
  const props = (id: string): Json => (isObj(resources[id]) && isObj((resources[id] as Json).Properties) ? ((resources[id] as Json).Properties as Json) : {});
  const nameOf = (id: string): string => {
    const p = props(id);
    switch (typeOf(id)) {
      case 'AWS::SQS::Queue': return typeof p.QueueName === 'string' ? p.QueueName : p.FifoQueue === true || p.FifoQueue === 'true' ? `${id}.fifo` : id;
      case 'AWS::SNS::Topic': return typeof p.TopicName === 'string' ? p.TopicName : id;
      case 'AWS::Events::EventBus': return typeof p.Name === 'string' ? p.Name : id;
      case 'AWS::Serverless::Function': return fnName.get(id) ?? id;
      default: return id;
    }
  };
  const kindOf: Record<string, 'queue' | 'topic' | 'bus' | 'function'> = { 'AWS::SQS::Queue': 'queue', 'AWS::SNS::Topic': 'topic', 'AWS::Events::EventBus': 'bus', 'AWS::Serverless::Function': 'function' };
  /** Resolves Ref / GetAtt / Sub (and plain strings) to local values; undefined when it cannot. */
  const resolve: Resolver = (v) => {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (!isObj(v)) return undefined;
    if (typeof v.Ref === 'string') {
      const pseudo: Record<string, string> = { 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT_ID, 'AWS::Partition': 'aws', 'AWS::StackName': 'local' };
      if (pseudo[v.Ref]) return pseudo[v.Ref];
      const kind = kindOf[typeOf(v.Ref)];
      // Ref gives a queue's URL (resolved to its ARN here: the engine finds queues by ARN), a topic's ARN, a bus's and a function's name.
      if (kind === 'queue' || kind === 'topic') return arnOf(kind, nameOf(v.Ref));
      if (kind) return nameOf(v.Ref);
      const param = isObj(root) && isObj(root.Parameters) ? (root.Parameters as Json)[v.Ref] : undefined;
      return isObj(param) && param.Default !== undefined ? String(param.Default) : undefined;
    }
    const getAtt = v['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
      const kind = kindOf[typeOf(getAtt[0])];
      if (!kind) return undefined;
      const attr = String(getAtt[1]);
      if (attr === 'Arn' || attr === 'TopicArn') return arnOf(kind, nameOf(getAtt[0]));
      return nameOf(getAtt[0]);
    }
    const sub = v['Fn::Sub'];
    if (typeof sub === 'string') {
      return sub.replace(/\$\{([^}]+)\}/g, (_m, ref: string) => resolve(ref.includes('.') ? { 'Fn::GetAtt': [ref.slice(0, ref.indexOf('.')), ref.slice(ref.indexOf('.') + 1)] } : { Ref: ref }) ?? `\${${ref}}`);
    }
    return undefined;
  };
  const checkPattern = (pattern: unknown, path: (string | number)[]): boolean => {
    try {
      compilePattern(pattern);
      return true;
    } catch (err) {
      add(`Invalid event pattern: ${(err as Error).message}`, path);
      return false;
    }
  };
  const checkSchedule = (expr: string, path: (string | number)[]): boolean => {
    try {
      parseSchedule(expr);
      return true;
    } catch (err) {
      add(`Invalid schedule expression "${expr}": ${(err as Error).message}`, path);
      return false;
    }
  };
  const ctx = { arch, resolve, add, checkPattern, checkSchedule, nameOf, typeOf, props };
  for (const id of Object.keys(resources)) resourceEvents(ctx, id);
  checkReferences(arch, add);
  return { architecture: arch, diagnostics: [...sam.diagnostics, ...diagnostics] };
}

/** Every ARN a target, DLQ, subscription or mapping names must exist in the template. */
function checkReferences(arch: EventArchitecture, add: (message: string, path: (string | number)[]) => void): void {
  const queues = new Set(arch.queues.map((q) => q.name));
  const known = (arn: string): boolean => {
    const p = parseArn(arn);
    if (!p) return false;
    if (p.kind === 'queue') return queues.has(p.name);
    if (p.kind === 'topic') return arch.topics.includes(p.name);
    if (p.kind === 'bus') return p.name === 'default' || arch.buses.includes(p.name);
    if (p.kind === 'function') return arch.functions.includes(p.name);
    return false;
  };
  for (const r of arch.rules) {
    const t = r as RuleConfig & { path?: (string | number)[] };
    for (const target of r.targets as (TargetConfig & { path?: (string | number)[] })[]) {
      if (!known(target.arn)) add(`Rule ${r.name}: target ${target.id} (${target.arn}) is not a queue, topic, bus or function of this template`, target.path ?? t.path ?? []);
      if (target.deadLetterArn && !known(target.deadLetterArn)) add(`Rule ${r.name}: dead-letter queue ${target.deadLetterArn} is not in this template`, target.path ?? []);
    }
  }
  for (const q of arch.queues) {
    const dlq = q.attributes.redrivePolicy?.deadLetterTargetArn;
    const path = (q as { path?: (string | number)[] }).path ?? [];
    if (dlq && !known(dlq)) add(`Queue ${q.name}: RedrivePolicy deadLetterTargetArn ${dlq} is not a queue of this template`, [...path, 'Properties', 'RedrivePolicy']);
  }
  for (const m of arch.mappings) {
    if (queues.has(m.queue)) continue;
    // On the line that names the queue: a SAM event's Queue, or a mapping's EventSourceArn.
    const at = (m as { path?: (string | number)[] }).path ?? [];
    add(`Function ${m.functionName}: SQS event source ${m.queue} is not a queue of this template`, [...at, ...(at.includes('Events') ? ['Properties', 'Queue'] : ['Properties', 'EventSourceArn'])]);
  }
  for (const s of arch.subscriptions) if (!arch.topics.includes(s.topic)) add(`Subscription to ${s.topic}: the topic is not in this template`, (s as { path?: (string | number)[] }).path ?? []);
}

/** Creates the architecture's resources in an engine (queues first, so that DLQs and targets exist). */
export function applyArchitecture(engine: EventEngine, arch: EventArchitecture): void {
  // DLQs are created before the queues that redrive to them.
  const ordered = [...arch.queues].sort((a, b) => Number(!!a.attributes.redrivePolicy) - Number(!!b.attributes.redrivePolicy));
  for (const q of ordered) engine.createQueue(q.name, q.attributes);
  for (const b of arch.buses) engine.createBus(b);
  for (const t of arch.topics) engine.createTopic(t);
  for (const s of arch.subscriptions) engine.topic(s.topic).subscribe(s);
  for (const r of arch.rules) {
    const bus = engine.bus(r.bus);
    bus.putRule(r);
    bus.putTargets(r.name, r.targets);
  }
  for (const [fn, cfg] of Object.entries(arch.asyncConfigs)) engine.setAsyncConfig(fn, cfg);
  for (const m of arch.mappings) engine.addQueueMapping(m);
}
