// One template resource → its part of the event architecture (see definitions.ts).
import { arnOf, parseArn } from './arn';
import type { EventArchitecture } from './definitions';
import type { AsyncInvokeConfig, RuleConfig, TargetConfig } from './model';
import type { QueueAttributes } from './queueTypes';

/** Resolves an intrinsic or literal to a local value. */
export type Resolver = (v: unknown) => string | undefined;

type Json = Record<string, unknown>;
type Path = (string | number)[];
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What resourceEvents needs from the reader. */
export interface DefinitionContext {
  arch: EventArchitecture;
  resolve: Resolver;
  add(message: string, path: Path): void;
  checkPattern(pattern: unknown, path: Path): boolean;
  checkSchedule(expression: string, path: Path): boolean;
  nameOf(id: string): string;
  typeOf(id: string): string;
  props(id: string): Json;
}

const num = (v: unknown): number | undefined => (v === undefined ? undefined : Number(v));
const bool = (v: unknown): boolean => v === true || v === 'true';

function targetOf(ctx: DefinitionContext, t: Json, path: Path): TargetConfig & { path: Path } {
  const transformer = isObj(t.InputTransformer) ? t.InputTransformer : undefined;
  const retry = isObj(t.RetryPolicy) ? t.RetryPolicy : undefined;
  return {
    id: String(t.Id ?? 'Target'), arn: ctx.resolve(t.Arn) ?? String(t.Arn), path,
    input: typeof t.Input === 'string' ? t.Input : undefined, inputPath: typeof t.InputPath === 'string' ? t.InputPath : undefined,
    inputTransformer: transformer ? { inputPathsMap: transformer.InputPathsMap as Record<string, string> | undefined, inputTemplate: String(transformer.InputTemplate) } : undefined,
    retryPolicy: retry ? { maximumRetryAttempts: num(retry.MaximumRetryAttempts), maximumEventAgeInSeconds: num(retry.MaximumEventAgeInSeconds) } : undefined,
    deadLetterArn: isObj(t.DeadLetterConfig) ? ctx.resolve(t.DeadLetterConfig.Arn) : undefined,
    messageGroupId: isObj(t.SqsParameters) ? String(t.SqsParameters.MessageGroupId) : undefined,
  };
}

function busName(ctx: DefinitionContext, v: unknown): string {
  const r = v === undefined ? 'default' : ctx.resolve(v) ?? 'default';
  return r.startsWith('arn:') ? parseArn(r)?.name ?? r : r;
}

function destinationArn(ctx: DefinitionContext, d: unknown): string | undefined {
  return isObj(d) ? ctx.resolve(d.Destination) : undefined;
}

/** Adds one resource's queues, topics, buses, rules, subscriptions, mappings and async settings. */
export function resourceEvents(ctx: DefinitionContext, id: string): void {
  const { arch } = ctx;
  const p = ctx.props(id);
  switch (ctx.typeOf(id)) {
    case 'AWS::SQS::Queue': {
      const attributes: Partial<QueueAttributes> = {
        visibilityTimeout: num(p.VisibilityTimeout), delaySeconds: num(p.DelaySeconds), messageRetentionPeriod: num(p.MessageRetentionPeriod),
        receiveMessageWaitTimeSeconds: num(p.ReceiveMessageWaitTimeSeconds), maximumMessageSize: num(p.MaximumMessageSize),
        fifoQueue: bool(p.FifoQueue), contentBasedDeduplication: bool(p.ContentBasedDeduplication),
      };
      let redrive = p.RedrivePolicy;
      if (typeof redrive === 'string') {
        try {
          redrive = JSON.parse(redrive);
        } catch {
          ctx.add(`Queue ${id}: RedrivePolicy is not valid JSON`, [id, 'Properties', 'RedrivePolicy']);
        }
      }
      if (isObj(redrive)) {
        const dlq = ctx.resolve(redrive.deadLetterTargetArn);
        if (!dlq) ctx.add(`Queue ${id}: RedrivePolicy needs deadLetterTargetArn (e.g. !GetAtt MyDlq.Arn)`, [id, 'Properties', 'RedrivePolicy']);
        else attributes.redrivePolicy = { deadLetterTargetArn: dlq, maxReceiveCount: Number(redrive.maxReceiveCount ?? 10) };
      }
      for (const k of Object.keys(attributes) as (keyof QueueAttributes)[]) if (attributes[k] === undefined) delete attributes[k];
      arch.queues.push({ name: ctx.nameOf(id), attributes, path: [id] } as EventArchitecture['queues'][number]);
      return;
    }
    case 'AWS::SNS::Topic': {
      arch.topics.push(ctx.nameOf(id));
      for (const [i, s] of (Array.isArray(p.Subscription) ? p.Subscription : []).entries()) {
        if (!isObj(s)) continue;
        arch.subscriptions.push({ topic: ctx.nameOf(id), protocol: String(s.Protocol) as 'sqs', endpoint: ctx.resolve(s.Endpoint) ?? String(s.Endpoint), path: [id, 'Properties', 'Subscription', i] } as EventArchitecture['subscriptions'][number]);
      }
      return;
    }
    case 'AWS::SNS::Subscription': {
      const topicArn = ctx.resolve(p.TopicArn);
      const topic = topicArn ? parseArn(topicArn)?.name : undefined;
      if (!topic) return ctx.add(`Subscription ${id}: TopicArn must reference a topic (e.g. !Ref MyTopic)`, [id, 'Properties', 'TopicArn']);
      if (p.FilterPolicy !== undefined && !ctx.checkPattern(p.FilterPolicy, [id, 'Properties', 'FilterPolicy'])) return;
      arch.subscriptions.push({
        topic, protocol: String(p.Protocol) as 'sqs', endpoint: ctx.resolve(p.Endpoint) ?? String(p.Endpoint), rawMessageDelivery: bool(p.RawMessageDelivery),
        filterPolicy: p.FilterPolicy, filterPolicyScope: p.FilterPolicyScope === 'MessageBody' ? 'MessageBody' : 'MessageAttributes', path: [id],
      } as EventArchitecture['subscriptions'][number]);
      return;
    }
    case 'AWS::Events::EventBus':
      arch.buses.push(ctx.nameOf(id));
      return;
    case 'AWS::Events::Rule': {
      const path = [id, 'Properties'];
      if (p.EventPattern !== undefined && !ctx.checkPattern(p.EventPattern, [...path, 'EventPattern'])) return;
      if (typeof p.ScheduleExpression === 'string' && !ctx.checkSchedule(p.ScheduleExpression, [...path, 'ScheduleExpression'])) return;
      const targets = (Array.isArray(p.Targets) ? p.Targets : []).filter(isObj).map((t, i) => targetOf(ctx, t, [...path, 'Targets', i]));
      arch.rules.push({
        name: typeof p.Name === 'string' ? p.Name : id, bus: busName(ctx, p.EventBusName), eventPattern: p.EventPattern, scheduleExpression: p.ScheduleExpression as string | undefined,
        state: p.State === 'DISABLED' ? 'DISABLED' : 'ENABLED', description: p.Description as string | undefined, targets, path: [id],
      } as RuleConfig);
      return;
    }
    case 'AWS::Lambda::EventSourceMapping': {
      const source = ctx.resolve(p.EventSourceArn);
      const fn = ctx.resolve(p.FunctionName);
      const queue = source ? parseArn(source) : undefined;
      if (queue?.kind !== 'queue' || !fn) return;
      arch.mappings.push(mapping(p, queue.name, fn.startsWith('arn:') ? parseArn(fn)?.name ?? fn : fn, [id]));
      return;
    }
    case 'AWS::Lambda::EventInvokeConfig': {
      // The standalone form of a function's asynchronous settings (what the SAM export writes).
      const fn = ctx.resolve(p.FunctionName);
      if (!fn) return;
      const name = fn.startsWith('arn:') ? parseArn(fn)?.name ?? fn : fn;
      arch.asyncConfigs[name] = { ...arch.asyncConfigs[name], ...asyncSettings(ctx, p) };
      return;
    }
    case 'AWS::Serverless::Function':
      return functionEvents(ctx, id, p);
  }
}

/** MaximumRetryAttempts, MaximumEventAgeInSeconds and DestinationConfig, as SAM's EventInvokeConfig and AWS::Lambda::EventInvokeConfig spell them. */
function asyncSettings(ctx: DefinitionContext, e: Json): AsyncInvokeConfig {
  const cfg: AsyncInvokeConfig = {};
  cfg.maximumRetryAttempts = num(e.MaximumRetryAttempts);
  cfg.maximumEventAgeInSeconds = num(e.MaximumEventAgeInSeconds);
  if (isObj(e.DestinationConfig)) {
    cfg.onSuccessArn = destinationArn(ctx, e.DestinationConfig.OnSuccess);
    cfg.onFailureArn = destinationArn(ctx, e.DestinationConfig.OnFailure);
  }
  return cfg;
}

function mapping(p: Json, queue: string, functionName: string, path: Path): EventArchitecture['mappings'][number] {
  const scaling = isObj(p.ScalingConfig) ? p.ScalingConfig : {};
  return {
    queue, functionName, batchSize: num(p.BatchSize), maximumBatchingWindowInSeconds: num(p.MaximumBatchingWindowInSeconds),
    reportBatchItemFailures: Array.isArray(p.FunctionResponseTypes) && p.FunctionResponseTypes.includes('ReportBatchItemFailures'),
    maximumConcurrency: num(scaling.MaximumConcurrency), enabled: p.Enabled === undefined ? true : bool(p.Enabled), path,
  } as EventArchitecture['mappings'][number];
}

function functionEvents(ctx: DefinitionContext, id: string, p: Json): void {
  const { arch } = ctx;
  const fn = ctx.nameOf(id);
  const fnArn = arnOf('function', fn);
  const cfg: AsyncInvokeConfig = isObj(p.EventInvokeConfig) ? asyncSettings(ctx, p.EventInvokeConfig) : {};
  if (isObj(p.DeadLetterQueue)) cfg.deadLetterArn = ctx.resolve(p.DeadLetterQueue.TargetArn);
  if (Object.values(cfg).some((v) => v !== undefined)) arch.asyncConfigs[fn] = cfg;
  for (const [name, e] of Object.entries(isObj(p.Events) ? p.Events : {})) {
    if (!isObj(e)) continue;
    const ep = isObj(e.Properties) ? e.Properties : {};
    const path: Path = [id, 'Properties', 'Events', name];
    switch (e.Type) {
      case 'SQS': {
        const arn = ctx.resolve(ep.Queue);
        const q = arn ? parseArn(arn) : undefined;
        if (q?.kind !== 'queue') ctx.add(`${id}: event ${name} needs Queue to name a queue ARN (e.g. !GetAtt MyQueue.Arn)`, [...path, 'Properties', 'Queue']);
        else arch.mappings.push(mapping(ep, q.name, fn, path));
        break;
      }
      case 'SNS': {
        const arn = ctx.resolve(ep.Topic);
        const t = arn ? parseArn(arn) : undefined;
        if (t?.kind !== 'topic') ctx.add(`${id}: event ${name} needs Topic to name a topic (e.g. !Ref MyTopic)`, [...path, 'Properties', 'Topic']);
        else if (ep.FilterPolicy === undefined || ctx.checkPattern(ep.FilterPolicy, [...path, 'Properties', 'FilterPolicy'])) {
          arch.subscriptions.push({ topic: t.name, protocol: 'lambda', endpoint: fnArn, filterPolicy: ep.FilterPolicy, filterPolicyScope: ep.FilterPolicyScope === 'MessageBody' ? 'MessageBody' : 'MessageAttributes', path } as EventArchitecture['subscriptions'][number]);
        }
        break;
      }
      case 'EventBridgeRule': {
        if (!ctx.checkPattern(ep.Pattern, [...path, 'Properties', 'Pattern'])) break;
        const target = targetOf(ctx, { ...ep, Id: isObj(ep.Target) ? ep.Target.Id : `${id}${name}Target`, Arn: fnArn }, path);
        arch.rules.push({ name: typeof ep.RuleName === 'string' ? ep.RuleName : `${id}${name}`, bus: busName(ctx, ep.EventBusName), eventPattern: ep.Pattern, state: ep.State === 'DISABLED' ? 'DISABLED' : 'ENABLED', targets: [target], path } as RuleConfig);
        break;
      }
      case 'Schedule':
      case 'ScheduleV2': {
        const expr = String(e.Type === 'Schedule' ? ep.Schedule : ep.ScheduleExpression);
        if (!ctx.checkSchedule(expr, [...path, 'Properties', e.Type === 'Schedule' ? 'Schedule' : 'ScheduleExpression'])) break;
        const disabled = ep.Enabled === false || ep.State === 'DISABLED';
        const target = targetOf(ctx, { Id: `${id}${name}Target`, Arn: fnArn, Input: ep.Input }, path);
        arch.rules.push({ name: typeof ep.Name === 'string' ? ep.Name : `${id}${name}`, bus: 'default', scheduleExpression: expr, state: disabled ? 'DISABLED' : 'ENABLED', targets: [target], path } as RuleConfig);
        break;
      }
    }
  }
}
