// {{name}}: Google Cloud Functions CloudEvent function for Cloud Storage "object finalized" (functions-framework).
// Single responsibility: inspect each new object. Deploy with gcloud functions deploy --trigger-bucket
// (npm i @google-cloud/functions-framework). Locally, ./lambdaShim.ts runs it in Serverless Lab's invoker.
import * as functions from '@google-cloud/functions-framework';

// Module scope runs once per instance (cold start): create the Storage client here so warm calls reuse it.
const SERVICE = process.env.SERVICE_NAME ?? '{{name}}';
const MAX_BYTES = Number(process.env.MAX_BYTES ?? 10_000_000);

/** The fields used here from the CloudEvent data of google.cloud.storage.object.v1.finalized (StorageObjectData). */
interface StorageObjectData { bucket: string; name: string; size?: string; contentType?: string }

function log(severity: 'INFO' | 'WARNING' | 'ERROR', message: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ severity, message, service: SERVICE, ...fields }));
}

export async function {{camelName}}(cloudEvent: functions.CloudEvent<StorageObjectData>): Promise<void> {
  {{cursor}}const object = cloudEvent.data;
  if (!object?.bucket || !object.name) throw new Error('event has no bucket/name'); // retried if retries are enabled
  const size = Number(object.size ?? 0);
  // Validate before doing work: skip objects this function is not meant to handle.
  if (size > MAX_BYTES) {
    log('WARNING', 'object too large, skipped', { eventId: cloudEvent.id, bucket: object.bucket, name: object.name, size });
    return;
  }
  // Writing results to another bucket avoids re-triggering this function in a loop.
  log('INFO', 'object received', { eventId: cloudEvent.id, bucket: object.bucket, name: object.name, size });
}

functions.cloudEvent('{{name}}', {{camelName}});
