// The event architecture (buses, rules, queues, topics, subscriptions, mappings, async settings) as
// CloudFormation resources, with least-privilege permissions for every hop: the service that
// delivers gets a resource policy on that one resource, limited to the one rule or topic that
// sends (aws:SourceArn), and a function's role gets named actions on named ARNs, never "*".
// Specs (read 2026-11-27):
//   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html (SQS, SNS, Lambda targets; SourceArn)
//   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html (target DLQ policy)
//   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html (bus targets need a RoleArn with events:PutEvents)
//   https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html (queue policy for a topic)
//   https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html (lambda:InvokeFunction for sns.amazonaws.com)
//   https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html#events-sqs-permissions (sqs:ReceiveMessage, DeleteMessage, GetQueueAttributes)
//   https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html (destination permissions)
import type { EventArchitecture } from '../eventing/definitions';
import { parseArn } from '../eventing/arn';
import type { TargetConfig } from '../eventing/model';
import { defaultQueueAttributes } from '../eventing/queueTypes';
import { pascalName } from '../scaffold/names';
import type { CfnValue, IamStatement } from './triggers';

type Resource = Record<string, CfnValue>;

/** What the architecture contributes to a template. */
export interface EventExport {
  /** Resources keyed by logical id. */
  resources: Record<string, Resource>;
  /** Statements each function's role needs (function name -> statements), added as one `AWS::IAM::Policy` per function. */
  roleStatements: Record<string, IamStatement[]>;
  /** What was left out, and why (e.g. a target naming a function the template does not have). */
  notes: string[];
}

/** Logical ids of the architecture's resources (stable, so a second export finds them). */
export const eventIds = {
  queue: (name: string) => `${pascalName(name.replace(/\.fifo$/, '-fifo'))}Queue`,
  topic: (name: string) => `${pascalName(name)}Topic`,
  bus: (name: string) => `${pascalName(name)}Bus`,
  rule: (bus: string, name: string) => `${pascalName(bus === 'default' ? name : `${bus}-${name}`)}Rule`,
  /** The policy resource that extends function `id`'s role. */
  functionPolicy: (id: string) => `${id}EventsPolicy`,
};

const getAtt = (id: string, attr = 'Arn') => ({ 'Fn::GetAtt': [id, attr] });
const ref = (id: string) => ({ Ref: id });

/** A service principal's statement on one resource, only when `source` sends (confused-deputy protection). */
function serviceStatement(service: string, action: string, resource: CfnValue, source: CfnValue): Resource {
  return { Effect: 'Allow', Principal: { Service: service }, Action: action, Resource: resource, Condition: { ArnEquals: { 'aws:SourceArn': source } } };
}

/** A function of the final template: its logical id and the logical id of its role (undefined: a role given as a literal ARN, which the export cannot extend). */
export interface ExportedFunctionRef {
  id: string;
  role?: string;
}

/** Builds the resources for `arch`. `functions` maps function names to their logical ids in the final template. */
export function exportEventArchitecture(arch: EventArchitecture, functions: Record<string, ExportedFunctionRef>): EventExport {
  const functionIds = Object.fromEntries(Object.entries(functions).map(([name, f]) => [name, f.id]));
  const resources: Record<string, Resource> = {};
  const roleStatements: Record<string, IamStatement[]> = {};
  const notes: string[] = [];
  const queuePolicies = new Map<string, Resource[]>();
  const topicPolicies = new Map<string, Resource[]>();
  const queues = new Set(arch.queues.map((q) => q.name));
  const topics = new Set([...arch.topics, ...arch.subscriptions.map((s) => s.topic)]);
  const grant = (fn: string, statement: IamStatement) => (roleStatements[fn] ??= []).push(statement);
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => map.set(key, [...(map.get(key) ?? []), value]);

  /** The CloudFormation value of a local ARN, or undefined (with a note) when the template has no such resource. */
  const arnValue = (arn: string, where: string): { kind: string; name: string; value: CfnValue } | undefined => {
    const p = parseArn(arn);
    if (p?.kind === 'queue' && queues.has(p.name)) return { ...p, value: getAtt(eventIds.queue(p.name)) };
    if (p?.kind === 'topic' && topics.has(p.name)) return { ...p, value: ref(eventIds.topic(p.name)) };
    if (p?.kind === 'function' && functionIds[p.name]) return { ...p, value: getAtt(functionIds[p.name]) };
    if (p?.kind === 'bus' && (p.name === 'default' || arch.buses.includes(p.name))) return { ...p, value: p.name === 'default' ? { 'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default' } : getAtt(eventIds.bus(p.name)) };
    notes.push(`${where}: ${arn} is not in the exported template, so it was left out`);
    return undefined;
  };

  for (const q of arch.queues) {
    const a = { ...defaultQueueAttributes, ...q.attributes };
    const props: Resource = { QueueName: q.name };
    if (a.fifoQueue) props.FifoQueue = true;
    if (a.contentBasedDeduplication) props.ContentBasedDeduplication = true;
    const numeric = [['VisibilityTimeout', 'visibilityTimeout'], ['DelaySeconds', 'delaySeconds'], ['ReceiveMessageWaitTimeSeconds', 'receiveMessageWaitTimeSeconds'], ['MessageRetentionPeriod', 'messageRetentionPeriod'], ['MaximumMessageSize', 'maximumMessageSize']] as const;
    for (const [cfn, key] of numeric) if (a[key] !== defaultQueueAttributes[key]) props[cfn] = a[key];
    if (a.redrivePolicy) {
      const dlq = arnValue(a.redrivePolicy.deadLetterTargetArn, `queue ${q.name} RedrivePolicy`);
      if (dlq) props.RedrivePolicy = { deadLetterTargetArn: dlq.value, maxReceiveCount: a.redrivePolicy.maxReceiveCount };
    }
    resources[eventIds.queue(q.name)] = { Type: 'AWS::SQS::Queue', Properties: props };
  }
  for (const name of topics) resources[eventIds.topic(name)] = { Type: 'AWS::SNS::Topic', Properties: { TopicName: name } };
  for (const bus of arch.buses.filter((b) => b !== 'default')) resources[eventIds.bus(bus)] = { Type: 'AWS::Events::EventBus', Properties: { Name: bus } };

  for (const rule of arch.rules) {
    const id = eventIds.rule(rule.bus, rule.name);
    const where = `rule ${rule.bus}/${rule.name}`;
    const targets: Resource[] = [];
    for (const t of rule.targets) {
      const target = arnValue(t.arn, `${where} target ${t.id}`);
      if (!target) continue;
      const out = targetProperties(t, target.value);
      // Who may deliver: a resource policy naming this rule, or (bus to bus) a role for the rule.
      if (target.kind === 'queue') push(queuePolicies, target.name, serviceStatement('events.amazonaws.com', 'sqs:SendMessage', target.value, getAtt(id)));
      if (target.kind === 'topic') push(topicPolicies, target.name, serviceStatement('events.amazonaws.com', 'sns:Publish', target.value, getAtt(id)));
      if (target.kind === 'function') resources[`${id}${pascalName(t.id)}Permission`] = { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: target.value, Principal: 'events.amazonaws.com', SourceArn: getAtt(id) } };
      if (target.kind === 'bus') {
        const roleId = `${id}${pascalName(t.id)}Role`;
        resources[roleId] = {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
            Policies: [{ PolicyName: 'put-events', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['events:PutEvents'], Resource: target.value }] } }],
          },
        };
        out.RoleArn = getAtt(roleId);
      }
      if (t.deadLetterArn) {
        const dlq = arnValue(t.deadLetterArn, `${where} target ${t.id} DeadLetterConfig`);
        if (dlq?.kind === 'queue') {
          out.DeadLetterConfig = { Arn: dlq.value };
          push(queuePolicies, dlq.name, serviceStatement('events.amazonaws.com', 'sqs:SendMessage', dlq.value, getAtt(id)));
        }
      }
      targets.push(out);
    }
    const props: Resource = { Name: rule.name, State: rule.state };
    if (rule.bus !== 'default') props.EventBusName = ref(eventIds.bus(rule.bus));
    if (rule.description) props.Description = rule.description;
    if (rule.eventPattern !== undefined) props.EventPattern = rule.eventPattern;
    if (rule.scheduleExpression) props.ScheduleExpression = rule.scheduleExpression;
    if (targets.length) props.Targets = targets;
    resources[id] = { Type: 'AWS::Events::Rule', Properties: props };
  }

  for (const s of arch.subscriptions) {
    const topicValue = ref(eventIds.topic(s.topic));
    const endpoint = s.protocol === 'http' || s.protocol === 'https' ? { kind: 'url', name: s.endpoint, value: s.endpoint } : arnValue(s.endpoint, `topic ${s.topic} subscription`);
    if (!endpoint) continue;
    const props: Resource = { TopicArn: topicValue, Protocol: s.protocol, Endpoint: endpoint.value };
    if (s.rawMessageDelivery) props.RawMessageDelivery = true;
    if (s.filterPolicy !== undefined) props.FilterPolicy = s.filterPolicy;
    if (s.filterPolicyScope) props.FilterPolicyScope = s.filterPolicyScope;
    const subId = `${pascalName(s.topic)}To${pascalName(endpoint.kind === 'url' ? 'http' : endpoint.name)}Subscription`;
    resources[subId] = { Type: 'AWS::SNS::Subscription', Properties: props };
    if (endpoint.kind === 'queue') push(queuePolicies, endpoint.name, serviceStatement('sns.amazonaws.com', 'sqs:SendMessage', endpoint.value, topicValue));
    if (endpoint.kind === 'function') resources[`${subId}Permission`] = { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: endpoint.value, Principal: 'sns.amazonaws.com', SourceArn: topicValue } };
  }

  for (const m of arch.mappings) {
    const fnId = functionIds[m.functionName];
    if (!fnId || !queues.has(m.queue)) {
      notes.push(`event source mapping ${m.queue} → ${m.functionName}: ${fnId ? `queue ${m.queue}` : `function ${m.functionName}`} is not in the exported template, so it was left out`);
      continue;
    }
    const queueArn = getAtt(eventIds.queue(m.queue));
    const props: Resource = { EventSourceArn: queueArn, FunctionName: ref(fnId) };
    if (m.batchSize !== undefined) props.BatchSize = m.batchSize;
    if (m.maximumBatchingWindowInSeconds) props.MaximumBatchingWindowInSeconds = m.maximumBatchingWindowInSeconds;
    if (m.reportBatchItemFailures) props.FunctionResponseTypes = ['ReportBatchItemFailures'];
    if (m.maximumConcurrency !== undefined) props.ScalingConfig = { MaximumConcurrency: m.maximumConcurrency };
    if (m.enabled === false) props.Enabled = false;
    // The mapping checks the role's permissions when it is created, so it waits for the policy.
    resources[`${fnId}${pascalName(m.queue.replace(/\.fifo$/, '-fifo'))}Mapping`] = { Type: 'AWS::Lambda::EventSourceMapping', DependsOn: eventIds.functionPolicy(fnId), Properties: props };
    grant(m.functionName, { Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], Resource: queueArn });
  }

  for (const [fn, cfg] of Object.entries(arch.asyncConfigs)) {
    const fnId = functionIds[fn];
    if (!fnId) {
      notes.push(`asynchronous invocation settings of ${fn}: the function is not in the exported template, so they were left out`);
      continue;
    }
    const destination = (arn: string | undefined, what: string): Resource | undefined => {
      const d = arn ? arnValue(arn, `${fn} ${what}`) : undefined;
      if (!d) return undefined;
      grant(fn, destinationStatement(d.kind, d.value));
      return { Destination: d.value };
    };
    const onSuccess = destination(cfg.onSuccessArn, 'on-success destination');
    // Without an on-failure destination, the engine uses the function's DLQ; CloudFormation's on-failure destination receives the same failures.
    const onFailure = destination(cfg.onFailureArn ?? cfg.deadLetterArn, cfg.onFailureArn ? 'on-failure destination' : 'dead-letter queue');
    if (!cfg.onFailureArn && cfg.deadLetterArn && onFailure) notes.push(`${fn}: its dead-letter queue is exported as an on-failure destination (it receives Lambda's invocation record, not the bare event)`);
    const props: Resource = { FunctionName: ref(fnId), Qualifier: '$LATEST' };
    if (cfg.maximumRetryAttempts !== undefined) props.MaximumRetryAttempts = cfg.maximumRetryAttempts;
    if (cfg.maximumEventAgeInSeconds !== undefined) props.MaximumEventAgeInSeconds = cfg.maximumEventAgeInSeconds;
    if (onSuccess || onFailure) props.DestinationConfig = { ...(onSuccess ? { OnSuccess: onSuccess } : {}), ...(onFailure ? { OnFailure: onFailure } : {}) };
    resources[`${fnId}EventInvokeConfig`] = { Type: 'AWS::Lambda::EventInvokeConfig', ...(roleStatements[fn] ? { DependsOn: eventIds.functionPolicy(fnId) } : {}), Properties: props };
  }

  for (const [name, statements] of queuePolicies) resources[`${eventIds.queue(name)}Policy`] = { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [ref(eventIds.queue(name))], PolicyDocument: { Version: '2012-10-17', Statement: statements } } };
  for (const [name, statements] of topicPolicies) resources[`${eventIds.topic(name)}Policy`] = { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: [ref(eventIds.topic(name))], PolicyDocument: { Version: '2012-10-17', Statement: statements } } };
  for (const [fn, statements] of Object.entries(roleStatements)) {
    const { id: fnId, role } = functions[fn];
    if (!role) {
      notes.push(`${fn}: its Role is not a resource of the template, so add these permissions to it by hand: ${statements.map((st) => st.Action.join(', ')).join('; ')}`);
      for (const r of Object.values(resources)) if (r.DependsOn === eventIds.functionPolicy(fnId)) delete r.DependsOn;
      continue;
    }
    resources[eventIds.functionPolicy(fnId)] = { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'events', Roles: [ref(role)], PolicyDocument: { Version: '2012-10-17', Statement: statements } } };
  }
  return { resources, roleStatements, notes };
}

/** A rule target's properties (PutTargets shape). */
function targetProperties(t: TargetConfig, arn: CfnValue): Resource {
  const out: Resource = { Id: t.id, Arn: arn };
  if (t.input !== undefined) out.Input = t.input;
  if (t.inputPath !== undefined) out.InputPath = t.inputPath;
  if (t.inputTransformer) out.InputTransformer = { ...(t.inputTransformer.inputPathsMap ? { InputPathsMap: t.inputTransformer.inputPathsMap } : {}), InputTemplate: t.inputTransformer.inputTemplate };
  if (t.messageGroupId) out.SqsParameters = { MessageGroupId: t.messageGroupId };
  const r = t.retryPolicy;
  if (r && (r.maximumRetryAttempts !== undefined || r.maximumEventAgeInSeconds !== undefined)) out.RetryPolicy = { ...(r.maximumRetryAttempts !== undefined ? { MaximumRetryAttempts: r.maximumRetryAttempts } : {}), ...(r.maximumEventAgeInSeconds !== undefined ? { MaximumEventAgeInSeconds: r.maximumEventAgeInSeconds } : {}) };
  return out;
}

/** The one action a function's role needs to send to a destination. */
function destinationStatement(kind: string, arn: CfnValue): IamStatement {
  const action = kind === 'queue' ? 'sqs:SendMessage' : kind === 'topic' ? 'sns:Publish' : kind === 'function' ? 'lambda:InvokeFunction' : 'events:PutEvents';
  return { Effect: 'Allow', Action: [action], Resource: arn };
}
