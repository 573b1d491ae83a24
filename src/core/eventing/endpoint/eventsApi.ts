// EventBridge over the AWS JSON 1.1 protocol (`X-Amz-Target: AWSEvents.<Action>`).
// Spec: https://docs.aws.amazon.com/eventbridge/latest/APIReference/Welcome.html (read 2026-11-27)
import type { EventEngine } from '../engine';
import { EngineError } from '../errors';
import type { TargetConfig } from '../model';

type Json = Record<string, unknown>;

function parsePattern(text: unknown): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(String(text));
  } catch {
    throw new EngineError('InvalidEventPatternException', 'Event pattern is not valid. Reason: it is not valid JSON');
  }
}

function target(t: Json): TargetConfig {
  const transformer = t.InputTransformer as Json | undefined;
  const retry = t.RetryPolicy as Json | undefined;
  return {
    id: String(t.Id), arn: String(t.Arn),
    input: t.Input as string | undefined, inputPath: t.InputPath as string | undefined,
    inputTransformer: transformer ? { inputPathsMap: transformer.InputPathsMap as Record<string, string> | undefined, inputTemplate: String(transformer.InputTemplate) } : undefined,
    retryPolicy: retry ? { maximumRetryAttempts: retry.MaximumRetryAttempts as number | undefined, maximumEventAgeInSeconds: retry.MaximumEventAgeInSeconds as number | undefined } : undefined,
    deadLetterArn: (t.DeadLetterConfig as Json | undefined)?.Arn as string | undefined,
    messageGroupId: (t.SqsParameters as Json | undefined)?.MessageGroupId as string | undefined,
  };
}

/** Handles one EventBridge action; throws EngineError for protocol errors. */
export function handleEvents(engine: EventEngine, action: string, body: Json): Json {
  switch (action) {
    case 'PutEvents': {
      const entries = ((body.Entries ?? []) as Json[]).map((e) => ({
        ...e,
        // The SDKs send Time as epoch seconds.
        Time: typeof e.Time === 'number' ? new Date(e.Time * 1000) : (e.Time as string | undefined),
      }));
      const r = engine.putEvents(entries as never);
      return { FailedEntryCount: r.failedEntryCount, Entries: r.entries };
    }
    case 'PutRule': {
      const bus = engine.bus(body.EventBusName as string | undefined);
      const arn = bus.putRule({
        name: String(body.Name ?? ''), eventPattern: parsePattern(body.EventPattern), scheduleExpression: body.ScheduleExpression as string | undefined,
        state: body.State === 'DISABLED' ? 'DISABLED' : 'ENABLED', description: body.Description as string | undefined,
      });
      return { RuleArn: arn };
    }
    case 'PutTargets': {
      const bus = engine.bus(body.EventBusName as string | undefined);
      bus.putTargets(String(body.Rule ?? ''), ((body.Targets ?? []) as Json[]).map(target));
      return { FailedEntryCount: 0, FailedEntries: [] };
    }
    case 'ListRules': {
      const bus = engine.bus(body.EventBusName as string | undefined);
      const prefix = String(body.NamePrefix ?? '');
      return {
        Rules: [...bus.rules.values()].filter((r) => r.name.startsWith(prefix)).map((r) => ({
          Name: r.name, Arn: bus.ruleArn(r.name), State: r.state, EventBusName: bus.name,
          ...(r.eventPattern !== undefined ? { EventPattern: JSON.stringify(r.eventPattern) } : {}),
          ...(r.scheduleExpression ? { ScheduleExpression: r.scheduleExpression } : {}),
          ...(r.description ? { Description: r.description } : {}),
        })),
      };
    }
    case 'CreateEventBus':
      return { EventBusArn: engine.createBus(String(body.Name ?? '')).arn };
    default:
      throw new EngineError('UnsupportedOperation', `AWSEvents.${action} is not supported by the local engine (supported: PutEvents, PutRule, PutTargets, ListRules, CreateEventBus).`);
  }
}
