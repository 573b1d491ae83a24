// The sample-event catalogue: realistic, documented Lambda event shapes with parameterisable values.
// Pure logic (no vscode): used by the CLI (`serverless-lab events`), the scaffolder and the event picker.
import { alb, apiGatewayHttp, apiGatewayRest } from './samplesApi';
import { dynamodbStream, kinesis, s3Delete, s3Put } from './samplesData';
import { cognitoPostConfirmation, eventbridgeCustom, eventbridgeScheduled, sns, sqs } from './samplesMessaging';
import { SetPathError, setPath } from './setPath';
import type { EventSample, EventSummary } from './types';

export type { EventParam, EventSample, EventSummary } from './types';
export { SetPathError, getPath, setPath } from './setPath';

const samples: readonly EventSample[] = [
  apiGatewayHttp, apiGatewayRest, alb, s3Put, s3Delete, sqs, sns,
  eventbridgeCustom, eventbridgeScheduled, dynamodbStream, kinesis, cognitoPostConfirmation,
];

/** Lists every sample in the catalogue (data only, JSON-serialisable). */
export function listEvents(): EventSummary[] {
  return samples.map(({ id, label, source, typeName, typeDeviation, docUrl, params }) => ({ id, label, source, typeName, typeDeviation, docUrl, params }));
}

/** Finds a sample by id, or undefined. */
export function findEvent(id: string): EventSample | undefined {
  return samples.find((s) => s.id === id);
}

/** Thrown for an unknown trigger or a bad `--set`; the message says what to do. */
export class EventCatalogueError extends Error {}

/**
 * Builds a sample event. Each `sets` entry is `name=value`: a param alias of that sample (e.g.
 * `bucket=my-bucket`, applied with derived fields such as SQS md5OfBody kept consistent) or a raw
 * path into the event (e.g. `Records[0].awsRegion=eu-west-1`), applied after the aliases.
 */
export function generateEvent(trigger: string, sets: readonly string[] = []): unknown {
  const sample = findEvent(trigger);
  if (!sample) {
    throw new EventCatalogueError(`Unknown trigger "${trigger}". Known: ${samples.map((s) => s.id).join(', ')}`);
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
      setPath(event, path, value);
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
