// The sample-event catalogue: realistic, documented Lambda event shapes with parameterisable values.
// Pure logic (no vscode): used by the CLI (`serverless-lab events`), the scaffolder and the event picker.
import { alb, apiGatewayHttp, apiGatewayRest } from './samplesApi';
import { dynamodbStream, kinesis, s3Delete, s3Put } from './samplesData';
import { baasObjectCreated, baasRowInserted, baasUserSignedUp } from './samplesBaas';
import { cognitoPostConfirmation, eventbridgeCustom, eventbridgeScheduled, sns, sqs } from './samplesMessaging';
import { SetPathError, setPath } from './setPath';
import type { EventSample, EventSummary } from './types';

export type { EventParam, EventSample, EventSummary } from './types';
export { SetPathError, getPath, setPath } from './setPath';

const samples: readonly EventSample[] = [
  apiGatewayHttp, apiGatewayRest, alb, s3Put, s3Delete, sqs, sns,
  eventbridgeCustom, eventbridgeScheduled, dynamodbStream, kinesis, cognitoPostConfirmation,
  baasUserSignedUp, baasRowInserted, baasObjectCreated,
];

/** Lists every sample in the catalogue (data only, JSON-serialisable). */
export function listEvents(): EventSummary[] {
  return samples.map(({ id, label, source, typeName, typeDeviation, docUrl, params }) => ({ id, label, source, typeName, typeDeviation, docUrl, params }));
}

/**
 * Scaffold trigger ids (functions.json "trigger", SAM event types via the reader) -> catalogue ids, so
 * `generateEvent(entry.trigger)` gives the event a scaffolded function was written for.
 */
const triggerAliases: Record<string, string> = {
  'http-api': 'apigw-http', 'azure-http': 'apigw-http', 'gcp-http': 'apigw-http', 'rest-api': 'apigw-rest',
  s3: 's3-put', 'gcp-storage': 's3-put', 'azure-queue': 'sqs', 'gcp-pubsub': 'sns', eventbridge: 'eventbridge-custom',
  schedule: 'eventbridge-scheduled', 'azure-timer': 'eventbridge-scheduled', dynamodb: 'dynamodb-stream',
  'baas-signup': 'baas-user-signed-up', 'baas-file-uploaded': 'baas-object-created',
};

/** Finds a sample by id or scaffold trigger id, or undefined. */
export function findEvent(id: string): EventSample | undefined {
  const target = triggerAliases[id] ?? id;
  return samples.find((s) => s.id === target);
}

/** Thrown for an unknown trigger or a bad `--set`; the message says what to do. */
export class EventCatalogueError extends Error {}

/**
 * Builds a sample event. Each `sets` entry is `name=value`: a param alias of that sample (e.g.
 * `bucket=my-bucket`, applied with derived fields such as SQS md5OfBody kept consistent) or a raw
 * path into the event (e.g. `Records[0].awsRegion=eu-west-1`), applied after the aliases. A path
 * the sample does not have is an error unless `options.add` (the CLI's `--add`) says it is intended.
 */
export function generateEvent(trigger: string, sets: readonly string[] = [], options: { add?: boolean } = {}): unknown {
  const sample = findEvent(trigger);
  if (!sample) {
    throw new EventCatalogueError(`Unknown trigger "${trigger}". Known: ${samples.map((s) => s.id).join(', ')} (and scaffold triggers ${Object.keys(triggerAliases).join(', ')})`);
  }
  const params = Object.fromEntries(Object.entries(sample.params).map(([k, v]) => [k, v.default]));
  const paths: [string, string][] = [];
  for (const set of sets) {
    const eq = set.indexOf('=');
    if (eq <= 0) throw new EventCatalogueError(`Bad --set "${set}": expected name=value, e.g. body={"id":1}`);
    const name = set.slice(0, eq);
    const value = set.slice(eq + 1);
    if (Object.hasOwn(sample.params, name)) params[name] = value;
    else paths.push([name, value]);
  }
  let event: unknown;
  try {
    event = sample.build(params);
  } catch (err) {
    throw new EventCatalogueError(`Cannot build "${trigger}" with those values: ${err instanceof Error ? err.message : String(err)}`);
  }
  for (const [path, value] of paths) {
    try {
      setPath(event, path, value, options.add);
    } catch (err) {
      if (err instanceof SetPathError) {
        const aliases = Object.keys(sample.params).join(', ');
        throw new EventCatalogueError(`${err.message}. Aliases for ${trigger}: ${aliases}`);
      }
      throw err;
    }
  }
  return event;
}
